// DepthwiseConv2D: each input channel convolved with its own depth_multiplier filters, as Keras 3 does;
// depthwise_kernel (kh, kw, channels, depth_multiplier), output channels = channels * depth_multiplier.
import { defineLayer } from '../define-layer';
import { preActivationName, withActivation } from '../formats/onnx/onnx-layers';
import { defined, field, initializerFromKeras, initializerToKeras } from '../formats/tfjs/keras-config';
import { activation, bool, choice, initializer, int, pair } from '../params';
import { fusedActivationMemory } from './fused-activation';
import {
  onnxDepthwise,
  torchDepthwise,
  torchWindowForward,
  windowFromKeras,
  windowToKeras,
} from './depthwise-formats';
import { imageInput, windowedImage } from './shape-rules';

export const DepthwiseConv2D = defineLayer({
  type: 'DepthwiseConv2D',
  category: 'Convolution',
  doc: 'Filters each channel on its own with a small window: far fewer weights than Conv2D.',
  params: {
    kernel_size: pair([3, 3], 'Height and width of each filter.'),
    strides: pair([1, 1], 'Step of the filter along height and width.'),
    padding: choice(
      ['valid', 'same'],
      'valid',
      "'valid': no padding; 'same': pad so output = ceil(input / stride).",
    ),
    depth_multiplier: int(1, 'Filters per input channel: output channels = channels × this.'),
    activation: activation('linear'),
    use_bias: bool(true, 'Add a learned bias to each output channel.'),
    depthwise_initializer: initializer('glorot_uniform', 'How the depthwise kernel is initialised.'),
    bias_initializer: initializer('zeros', 'How the bias is initialised.'),
  },
  inputs: { min: 1, max: 1 },
  outputShape: (inputs, p) => {
    const input = imageInput(inputs, 'DepthwiseConv2D');
    const size = windowedImage('DepthwiseConv2D', input, p.kernel_size, p.strides, p.padding, 'kernel_size');
    return [...size, input[2] * p.depth_multiplier];
  },
  weights: (inputs, p) => {
    const channels = imageInput(inputs, 'DepthwiseConv2D')[2];
    return [
      {
        name: 'depthwise_kernel',
        shape: [p.kernel_size[0], p.kernel_size[1], channels, p.depth_multiplier],
        trainable: true,
        initializer: p.depthwise_initializer,
      },
      ...(p.use_bias
        ? [
            {
              name: 'bias',
              shape: [channels * p.depth_multiplier],
              trainable: true,
              initializer: p.bias_initializer,
            },
          ]
        : []),
    ];
  },
  formats: {
    keras: {
      className: 'DepthwiseConv2D',
      toKeras: (p) => ({
        ...windowToKeras(p),
        depth_multiplier: p.depth_multiplier,
        depthwise_initializer: initializerToKeras(p.depthwise_initializer),
        depthwise_regularizer: null,
        depthwise_constraint: null,
      }),
      fromKeras: (c) =>
        defined({
          ...windowFromKeras(c, 'DepthwiseConv2D'),
          depth_multiplier: field(c, 'depth_multiplier'),
          depthwise_initializer: initializerFromKeras(field(c, 'depthwise_initializer')),
        }),
    },
    kerasScript: { className: 'DepthwiseConv2D', positional: ['kernel_size'] },
    onnx: (ctx, node) => {
      const x = ctx.inputIn(node, 'channels_first');
      const channels = node.outputShape[2] ?? 0;
      const bias = node.params.use_bias
        ? ctx.constant(`${node.name}/bias`, [channels], ctx.weight(node, 'bias'))
        : undefined;
      const name = onnxDepthwise(ctx, node, x.name, bias, preActivationName(node));
      return withActivation(ctx, node, { ...x, name });
    },
    torch: {
      module: (node) => torchDepthwise(node, node.params.use_bias),
      forward: (node, [x = ''], self) => torchWindowForward(node, x, self),
      weights: { depthwise_kernel: ['weight', 'depthwise_kernel'], bias: ['bias', 'same'] },
    },
    native: (node) => ({
      activation: node.params.activation,
      kernel_size: node.params.kernel_size,
      strides: node.params.strides,
      padding: node.params.padding,
      depth_multiplier: node.params.depth_multiplier,
      use_bias: node.params.use_bias,
    }),
    memory: fusedActivationMemory,
  },
});
