// What a layer home's PyTorch mapping is (its nn.Module, forward expression and where its Keras-layout
// weights go) and the helpers they share. Rank-3 tensors are NCHW inside the module (PyTorch's layout);
// every other rank keeps the Keras layout, so Flatten, Reshape, Dense and Concatenate permute back where
// Keras' order matters.
import type { LayerNode, PlanNode } from '../../compile';
import type { ActivationName } from '../../params';
import type { Shape } from '../../shape';

/** How a Keras-layout tensor becomes the PyTorch one: as is, (in, out) → (out, in), HWIO → OIHW, or a
 *  depthwise (KH, KW, C, M) → grouped (C*M, 1, KH, KW). */
export type TorchLayout = 'same' | 'dense_kernel' | 'conv_kernel' | 'depthwise_kernel';

export interface TorchLayer<P = PlanNode['params']> {
  /** The nn.Module built in __init__, or null for layers that are plain tensor operations. */
  module?(node: LayerNode<P>): string;
  /** Extra __init__ lines for the module at `self.<attr>` (e.g. freezing an absent BN scale). */
  setup?(node: LayerNode<P>, attr: string): string[];
  /** The output before the activation; `self` is `self.<attr>`. */
  forward(node: LayerNode<P>, inputs: readonly string[], self: string): string;
  /** Our weight name (after '<layer>/') → [module parameter or buffer, layout]. */
  weights?: Readonly<Record<string, readonly [string, TorchLayout]>>;
}

export const isImage = (shape: Shape): boolean => shape.length === 3;
export const input = (node: PlanNode): Shape => node.inputShapes[0] ?? [];
export const first = (inputs: readonly string[]): string => inputs[0] ?? 'None';
export const toChannelsLast = (x: string) => `${x}.permute(0, 2, 3, 1)`;
export const toChannelsFirst = (x: string) => `${x}.permute(0, 3, 1, 2)`;

/** Keras 3 activations as PyTorch; `dim` is where the Keras last axis sits (softmax). */
export const TORCH_ACTIVATIONS: Readonly<Record<ActivationName, (x: string, dim: number) => string>> = {
  linear: (x) => x,
  relu: (x) => `torch.relu(${x})`,
  sigmoid: (x) => `torch.sigmoid(${x})`,
  tanh: (x) => `torch.tanh(${x})`,
  softmax: (x, dim) => `torch.softmax(${x}, dim=${dim})`,
  leaky_relu: (x) => `F.leaky_relu(${x}, 0.2)`, // Keras 3's default negative_slope
  elu: (x) => `F.elu(${x})`,
  gelu: (x) => `F.gelu(${x})`, // exact erf form, Keras 3's approximate=False
  swish: (x) => `F.silu(${x})`,
};
