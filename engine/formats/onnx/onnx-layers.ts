// What the layer homes' ONNX mappings share (opset 13). Conv and pooling run channels-first (ONNX's NCHW);
// everything whose meaning depends on Keras' order (Dense on the last axis, Flatten, Reshape) runs
// channels-last, so Keras-layout weights stay valid; the context transposes between.
import type { LayerNode, PlanNode } from '../../compile';
import type { ActivationName } from '../../params';
import { applyActivation } from './onnx-activations';
import type { OnnxContext, OnnxValue } from './onnx-context';

type Activated = LayerNode<{ readonly activation: ActivationName }>;

/** The layer's output name, or `<layer>/pre_activation` when an activation still follows. */
export const preActivationName = (node: Activated) =>
  node.params.activation === 'linear' ? node.name : `${node.name}/pre_activation`;

export const withActivation = (ctx: OnnxContext, node: Activated, x: OnnxValue) =>
  applyActivation(ctx, x, node.params.activation, node.name);

/** Elementwise layers keep the layout of their first input and bring the others to it. */
export function sameLayoutInputs(ctx: OnnxContext, node: PlanNode): OnnxValue[] {
  const first = ctx.input(node, 0);
  return node.inputs.map((_, i) => ctx.inLayout(ctx.input(node, i), first.layout));
}
