// What DepthwiseConv2D, SeparableConv2D and Conv2DTranspose share in their formats: the Keras config
// fields of every 2D convolution, the depthwise step as ONNX (Conv with group = channels) and as PyTorch
// (nn.Conv2d with groups = channels, TF's 'same' padding added by F.pad when it is asymmetric).
import type { LayerNode } from '../compile';
import type { OnnxContext } from '../formats/onnx/onnx-context';
import { image, oihw, windowPads } from '../formats/onnx/onnx-windows';
import { pyTuple } from '../formats/python/python-literal';
import { windowPadding } from '../formats/python/same-padding';
import { input } from '../formats/python/torch-layers';
import {
  activationFromKeras,
  copy,
  field,
  initializerFromKeras,
  initializerToKeras,
  requireChannelsLast,
  requireValue,
  type KerasConfig,
} from '../formats/tfjs/keras-config';
import type { ActivationName, InitializerName, Pair } from '../params';
import type { Padding } from './shape-rules';

/** The params every layer of this family has (a type, not an interface: plan params are records). */
export type WindowParams = {
  readonly kernel_size: Pair;
  readonly strides: Pair;
  readonly padding: Padding;
  readonly activation: ActivationName;
  readonly use_bias: boolean;
  readonly bias_initializer: InitializerName;
};

/** The params of the depthwise step (DepthwiseConv2D, SeparableConv2D). */
export type DepthwiseParams = WindowParams & { readonly depth_multiplier: number };

/** Keras config fields shared by the 2D convolutions, channels-last and undilated. */
export const windowToKeras = (p: WindowParams) => ({
  kernel_size: p.kernel_size,
  strides: p.strides,
  padding: p.padding,
  data_format: 'channels_last',
  dilation_rate: [1, 1],
  activation: p.activation,
  use_bias: p.use_bias,
  bias_initializer: initializerToKeras(p.bias_initializer),
  bias_regularizer: null,
  activity_regularizer: null,
  bias_constraint: null,
});

/** The shared fields back from a Keras config; refuses what Layerwise does not compute. */
export function windowFromKeras(c: KerasConfig, layer: string) {
  requireChannelsLast(c);
  requireValue(c, 'dilation_rate', [1, [1, 1]], `Layerwise's ${layer} is not dilated`);
  return {
    ...copy(c, ['kernel_size', 'strides', 'padding', 'use_bias']),
    activation: activationFromKeras(field(c, 'activation')),
    bias_initializer: initializerFromKeras(field(c, 'bias_initializer')),
  };
}

/** The depthwise step as ONNX Conv (group = channels) on a channels-first input; returns its output. */
export function onnxDepthwise(
  ctx: OnnxContext,
  node: LayerNode<DepthwiseParams>,
  x: string,
  bias: string | undefined,
  output: string,
): string {
  const [kh, kw] = node.params.kernel_size;
  const channels = image(node)[2];
  const out = channels * node.params.depth_multiplier;
  // Keras (KH, KW, C, M) read as (KH, KW, 1, C*M): output channel c*M + m, as ONNX groups number them.
  const kernel = oihw(ctx.weight(node, 'depthwise_kernel'), [kh, kw, 1, out]);
  const weight = ctx.constant(`${node.name}/depthwise_kernel`, [out, 1, kh, kw], kernel);
  const pads = windowPads(image(node), node.params.kernel_size, node.params.strides, node.params.padding);
  return ctx.op('Conv', [x, weight, ...(bias === undefined ? [] : [bias])], output, {
    kernel_shape: { ints: node.params.kernel_size },
    strides: { ints: node.params.strides },
    pads: { ints: pads },
    group: { i: channels },
  });
}

/** The depthwise step as nn.Conv2d(C, C*M, groups=C), padding in the module when symmetric. */
export function torchDepthwise(node: LayerNode<DepthwiseParams>, bias: boolean): string {
  const p = node.params;
  const channels = input(node)[2] ?? 0;
  const { pads, any, symmetric } = windowPadding(node, p.kernel_size, p.strides);
  const [left, , top] = pads;
  const args = [`${channels}, ${channels * p.depth_multiplier}`, `kernel_size=${pyTuple(p.kernel_size)}`];
  if (p.strides.join() !== '1,1') args.push(`stride=${pyTuple(p.strides)}`);
  if (any && symmetric) args.push(`padding=${pyTuple([top, left])}`);
  args.push(`groups=${channels}`);
  if (!bias) args.push('bias=False');
  return `nn.Conv2d(${args.join(', ')})`;
}

/** The forward call: F.pad first when TF's 'same' padding is asymmetric. */
export function torchWindowForward(node: LayerNode<WindowParams>, x: string, self: string): string {
  const { pads, any, symmetric } = windowPadding(node, node.params.kernel_size, node.params.strides);
  return any && !symmetric ? `${self}(F.pad(${x}, ${pyTuple(pads)}))` : `${self}(${x})`;
}
