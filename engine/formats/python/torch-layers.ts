// Every layer type as PyTorch: its nn.Module, its forward expression and where its Keras-layout weights
// go. Rank-3 tensors are NCHW inside the module (PyTorch's layout); every other rank keeps the Keras
// layout, so Flatten, Reshape, Dense and Concatenate permute back where Keras' order matters.
import type { LayerNode, PlanNode } from '../../compile';
import type { ActivationName, Pair } from '../../params';
import type { Shape } from '../../shape';
import { pyNumber, pyTuple } from './python-literal';
import { windowPadding } from './same-padding';

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

export function pooling(kind: 'Max' | 'Avg'): TorchLayer {
  const windows = (node: PlanNode) => {
    const pool = node.params.pool_size as Pair;
    return { pool, strides: (node.params.strides as Pair | null) ?? pool };
  };
  return {
    module: (node) => {
      const { pool, strides } = windows(node);
      const stride = strides.join() === pool.join() ? '' : `, stride=${pyTuple(strides)}`;
      return `nn.${kind}Pool2d(kernel_size=${pyTuple(pool)}${stride})`;
    },
    forward: (node, [x = ''], self) => {
      const { pool, strides } = windows(node);
      const { pads, any } = windowPadding(node, pool, strides);
      if (!any) return `${self}(${x})`;
      // TF excludes padded cells: max pads with -inf, average divides by the count of real cells.
      if (kind === 'Max') return `${self}(F.pad(${x}, ${pyTuple(pads)}, value=float('-inf')))`;
      return `average_pool_same(${self}, ${x}, ${pyTuple(pads)})`;
    },
  };
}

const BN_MODULE = (node: PlanNode) => (isImage(input(node)) ? 'BatchNorm2d' : 'BatchNorm1d');

export const LEGACY_TORCH_LAYERS: Readonly<Record<string, TorchLayer>> = {
  InputLayer: { forward: (node, [x = '']) => (isImage(node.outputShape) ? toChannelsFirst(x) : x) },
  Flatten: {
    // Keras flattens channels-last: permute back first so the next Dense kernel stays valid.
    forward: (node, [x = '']) =>
      isImage(input(node)) ? `torch.flatten(${toChannelsLast(x)}, 1)` : `torch.flatten(${x}, 1)`,
  },
  Reshape: {
    forward: (node, [x = '']) => {
      const flat = isImage(input(node)) ? toChannelsLast(x) : x;
      const reshaped = `${flat}.reshape(${['-1', ...node.outputShape.map(String)].join(', ')})`;
      return isImage(node.outputShape) ? toChannelsFirst(reshaped) : reshaped;
    },
  },
  Conv2D: {
    module: (node) => {
      const p = node.params;
      const [kernel, strides] = [p.kernel_size as Pair, p.strides as Pair];
      const { pads, any, symmetric } = windowPadding(node, kernel, strides);
      const [left, , top] = pads;
      const args = [`${input(node)[2]}, ${p.filters as number}`, `kernel_size=${pyTuple(kernel)}`];
      if (strides.join() !== '1,1') args.push(`stride=${pyTuple(strides)}`);
      if (any && symmetric) args.push(`padding=${pyTuple([top, left])}`);
      if (!p.use_bias) args.push('bias=False');
      return `nn.Conv2d(${args.join(', ')})`;
    },
    forward: (node, [x = ''], self) => {
      const { pads, any, symmetric } = windowPadding(
        node,
        node.params.kernel_size as Pair,
        node.params.strides as Pair,
      );
      return any && !symmetric ? `${self}(F.pad(${x}, ${pyTuple(pads)}))` : `${self}(${x})`;
    },
    weights: { kernel: ['weight', 'conv_kernel'], bias: ['bias', 'same'] },
  },
  MaxPooling2D: pooling('Max'),
  AveragePooling2D: pooling('Avg'),
  GlobalAveragePooling2D: { forward: (_node, inputs) => `${first(inputs)}.mean(dim=(2, 3))` },
  GlobalMaxPooling2D: { forward: (_node, inputs) => `${first(inputs)}.amax(dim=(2, 3))` },
  BatchNormalization: {
    // Keras: moving = moving * momentum + batch * (1 - momentum); PyTorch's momentum is the batch's share.
    module: (node) => {
      const p = node.params;
      const momentum = Number((1 - (p.momentum as number)).toPrecision(12));
      const affine = p.scale || p.center ? '' : ', affine=False';
      return `nn.${BN_MODULE(node)}(${input(node).at(-1)}, eps=${pyNumber(p.epsilon as number)}, momentum=${pyNumber(momentum)}${affine})`;
    },
    // PyTorch has one switch for both: a missing half stays fixed at the identity.
    setup: (node, attr) => {
      const { scale, center } = node.params;
      if (scale === center) return [];
      const [param, init] = scale ? ['bias', 'zeros_'] : ['weight', 'ones_'];
      return [`nn.init.${init}(self.${attr}.${param})`, `self.${attr}.${param}.requires_grad_(False)`];
    },
    forward: (node, [x = ''], self) =>
      input(node).length === 2 ? `${self}(${x}.transpose(1, 2)).transpose(1, 2)` : `${self}(${x})`,
    weights: {
      gamma: ['weight', 'same'],
      beta: ['bias', 'same'],
      moving_mean: ['running_mean', 'same'],
      moving_variance: ['running_var', 'same'],
    },
  },
  Dropout: {
    module: (node) => `nn.Dropout(p=${pyNumber(node.params.rate as number)})`,
    forward: (_node, inputs, self) => `${self}(${first(inputs)})`,
  },
  Add: { forward: (_node, inputs) => inputs.join(' + ') },
  Concatenate: { forward: (node, inputs) => `torch.cat([${inputs.join(', ')}], dim=${torchAxis(node)})` },
  Activation: { forward: (_node, inputs) => first(inputs) },
};

/** The torch dim of a Keras axis (batch = 0): for NCHW images H → 2, W → 3, channels → 1. */
export function torchAxis(node: PlanNode): number {
  const rank = input(node).length;
  const axis = node.params.axis as number;
  const index = axis < 0 ? rank + axis : axis - 1;
  return rank === 3 ? ([2, 3, 1][index] ?? 1) : index + 1;
}

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
