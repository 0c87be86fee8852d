// Every layer type as ONNX opset-13 ops, in one table keyed by the registry's type. Conv and pooling run
// channels-first (ONNX's NCHW); everything whose meaning depends on Keras' order (Dense on the last axis,
// Flatten, Reshape) runs channels-last, so Keras-layout weights stay valid; the context transposes between.
import type { PlanNode } from '../../compile';
import type { ActivationName, Pair } from '../../params';
import { applyActivation, ONNX_ACTIVATIONS } from './onnx-activations';
import {
  channelsFirstOrder,
  INPUT_NAME,
  type LayerMapping,
  type OnnxContext,
  type OnnxValue,
} from './onnx-context';
import { globalPooling, image, oihw, pooling, windowPads } from './onnx-windows';

/** The layer's output name, or `<layer>/pre_activation` when an activation still follows. */
export const preActivationName = (node: Pick<PlanNode, 'name' | 'params'>) =>
  node.params.activation === 'linear' ? node.name : `${node.name}/pre_activation`;

export const withActivation = (ctx: OnnxContext, node: PlanNode, x: OnnxValue) =>
  applyActivation(ctx, x, node.params.activation as ActivationName, node.name);

/** Elementwise layers keep the layout of their first input and bring the others to it. */
export function sameLayoutInputs(ctx: OnnxContext, node: PlanNode): OnnxValue[] {
  const first = ctx.input(node, 0);
  return node.inputs.map((_, i) => ctx.inLayout(ctx.input(node, i), first.layout));
}

export const LEGACY_ONNX_LAYERS: Record<string, LayerMapping> = {
  InputLayer: (_ctx, node) => ({
    name: INPUT_NAME,
    layout: 'channels_last',
    rank: node.outputShape.length + 1,
  }),

  Conv2D: (ctx, node) => {
    const x = ctx.inputIn(node, 'channels_first');
    const kernelSize = node.params.kernel_size as Pair;
    const strides = node.params.strides as Pair;
    const [kh, kw] = kernelSize;
    const [channels, filters] = [image(node)[2], node.params.filters as number];
    const kernel = oihw(ctx.weight(node, 'kernel'), [kh, kw, channels, filters]);
    const inputs = [x.name, ctx.constant(`${node.name}/kernel`, [filters, channels, kh, kw], kernel)];
    if (node.params.use_bias)
      inputs.push(ctx.constant(`${node.name}/bias`, [filters], ctx.weight(node, 'bias')));
    const pads = windowPads(image(node), kernelSize, strides, node.params.padding as 'valid' | 'same');
    const attributes = {
      kernel_shape: { ints: kernelSize },
      strides: { ints: strides },
      pads: { ints: pads },
    };
    return withActivation(ctx, node, {
      ...x,
      name: ctx.op('Conv', inputs, preActivationName(node), attributes),
    });
  },

  MaxPooling2D: pooling('MaxPool'),
  AveragePooling2D: pooling('AveragePool'),
  GlobalAveragePooling2D: globalPooling('Mean'),
  GlobalMaxPooling2D: globalPooling('Max'),

  BatchNormalization: (ctx, node) => {
    // ONNX normalises axis 1; Keras the last axis (channels): run it channels-first.
    const x = ctx.inputIn(node, 'channels_first');
    const channels = node.outputShape.at(-1) as number;
    const param = (weight: string, enabled: boolean, fill: number) =>
      ctx.constant(
        `${node.name}/${weight}`,
        [channels],
        enabled ? ctx.weight(node, weight) : new Float32Array(channels).fill(fill),
      );
    const inputs = [
      x.name,
      param('gamma', node.params.scale as boolean, 1),
      param('beta', node.params.center as boolean, 0),
      param('moving_mean', true, 0),
      param('moving_variance', true, 1),
    ];
    const epsilon = { f: node.params.epsilon as number };
    return { ...x, name: ctx.op('BatchNormalization', inputs, node.name, { epsilon }) };
  },

  // Dropout does nothing at inference; an Identity keeps the layer visible in Netron.
  Dropout: (ctx, node) => {
    const x = ctx.input(node);
    return { ...x, name: ctx.op('Identity', [x.name], node.name) };
  },

  Add: (ctx, node) => {
    const inputs = sameLayoutInputs(ctx, node);
    const names = inputs.map((v) => v.name);
    const name = ctx.op(names.length === 2 ? 'Add' : 'Sum', names, node.name);
    return { ...(inputs[0] as OnnxValue), name };
  },

  Concatenate: (ctx, node) => {
    const inputs = sameLayoutInputs(ctx, node);
    const first = inputs[0] as OnnxValue;
    const kerasAxis = node.params.axis as number;
    const axis = kerasAxis < 0 ? first.rank + kerasAxis : kerasAxis; // with the batch as axis 0
    const onnxAxis = first.layout === 'channels_first' ? channelsFirstOrder(first.rank).indexOf(axis) : axis;
    const names = inputs.map((v) => v.name);
    return { ...first, name: ctx.op('Concat', names, node.name, { axis: { i: onnxAxis } }) };
  },

  Reshape: (ctx, node) => {
    const x = ctx.inputIn(node, 'channels_last');
    // 0 copies the batch dimension; the rest is the resolved target shape (no -1 left).
    const shape = ctx.int64Constant(`${node.name}/shape`, [0, ...node.outputShape]);
    return {
      name: ctx.op('Reshape', [x.name, shape], node.name),
      layout: 'channels_last',
      rank: node.outputShape.length + 1,
    };
  },

  // Flatten in Keras' (channels-last) order, so the next Dense's kernel rows line up.
  Flatten: (ctx, node) => {
    const x = ctx.inputIn(node, 'channels_last');
    return {
      name: ctx.op('Flatten', [x.name], node.name, { axis: { i: 1 } }),
      layout: 'channels_last',
      rank: 2,
    };
  },

  Activation: (ctx, node) => {
    const x = ctx.input(node);
    const activation = node.params.activation as ActivationName;
    const name =
      activation === 'linear'
        ? ctx.op('Identity', [x.name], node.name)
        : ONNX_ACTIVATIONS[activation](ctx, x, node.name);
    return { ...x, name };
  },
};
