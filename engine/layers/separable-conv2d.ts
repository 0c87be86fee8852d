// SeparableConv2D: a depthwise convolution (each channel with its own depth_multiplier filters) followed
// by a pointwise 1x1 convolution that mixes channels, as Keras 3 does. Weights depthwise_kernel
// (kh, kw, channels, depth_multiplier), pointwise_kernel (1, 1, channels * depth_multiplier, filters), bias.
import { defineLayer } from '../define-layer';
import { oihw } from '../formats/onnx/onnx-windows';
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

export const SeparableConv2D = defineLayer({
  type: 'SeparableConv2D',
  category: 'Convolution',
  doc: 'Filters each channel on its own, then mixes channels with 1x1 filters: a lighter Conv2D.',
  params: {
    filters: int(32, 'Number of output channels (filters).'),
    kernel_size: pair([3, 3], 'Height and width of each depthwise filter.'),
    strides: pair([1, 1], 'Step of the filter along height and width.'),
    padding: choice(
      ['valid', 'same'],
      'valid',
      "'valid': no padding; 'same': pad so output = ceil(input / stride).",
    ),
    depth_multiplier: int(1, 'Depthwise filters per input channel before the pointwise step.'),
    activation: activation('linear'),
    use_bias: bool(true, 'Add a learned bias to each filter.'),
    depthwise_initializer: initializer('glorot_uniform', 'How the depthwise kernel is initialised.'),
    pointwise_initializer: initializer('glorot_uniform', 'How the pointwise (1x1) kernel is initialised.'),
    bias_initializer: initializer('zeros', 'How the bias is initialised.'),
  },
  inputs: { min: 1, max: 1 },
  outputShape: (inputs, p) => {
    const input = imageInput(inputs, 'SeparableConv2D');
    return [
      ...windowedImage('SeparableConv2D', input, p.kernel_size, p.strides, p.padding, 'kernel_size'),
      p.filters,
    ];
  },
  weights: (inputs, p) => {
    const channels = imageInput(inputs, 'SeparableConv2D')[2];
    return [
      {
        name: 'depthwise_kernel',
        shape: [p.kernel_size[0], p.kernel_size[1], channels, p.depth_multiplier],
        trainable: true,
        initializer: p.depthwise_initializer,
      },
      {
        name: 'pointwise_kernel',
        shape: [1, 1, channels * p.depth_multiplier, p.filters],
        trainable: true,
        initializer: p.pointwise_initializer,
      },
      ...(p.use_bias
        ? [{ name: 'bias', shape: [p.filters], trainable: true, initializer: p.bias_initializer }]
        : []),
    ];
  },
  formats: {
    keras: {
      className: 'SeparableConv2D',
      toKeras: (p) => ({
        filters: p.filters,
        ...windowToKeras(p),
        depth_multiplier: p.depth_multiplier,
        depthwise_initializer: initializerToKeras(p.depthwise_initializer),
        pointwise_initializer: initializerToKeras(p.pointwise_initializer),
        depthwise_regularizer: null,
        pointwise_regularizer: null,
        depthwise_constraint: null,
        pointwise_constraint: null,
      }),
      fromKeras: (c) =>
        defined({
          filters: field(c, 'filters'),
          ...windowFromKeras(c, 'SeparableConv2D'),
          depth_multiplier: field(c, 'depth_multiplier'),
          depthwise_initializer: initializerFromKeras(field(c, 'depthwise_initializer')),
          pointwise_initializer: initializerFromKeras(field(c, 'pointwise_initializer')),
        }),
    },
    kerasScript: { className: 'SeparableConv2D', positional: ['filters', 'kernel_size'] },
    onnx: (ctx, node) => {
      const x = ctx.inputIn(node, 'channels_first');
      const middle = (node.inputShapes[0]?.[2] ?? 0) * node.params.depth_multiplier;
      const filters = node.params.filters;
      const depthwise = onnxDepthwise(ctx, node, x.name, undefined, `${node.name}/depthwise`);
      const kernel = oihw(ctx.weight(node, 'pointwise_kernel'), [1, 1, middle, filters]);
      const inputs = [
        depthwise,
        ctx.constant(`${node.name}/pointwise_kernel`, [filters, middle, 1, 1], kernel),
      ];
      if (node.params.use_bias)
        inputs.push(ctx.constant(`${node.name}/bias`, [filters], ctx.weight(node, 'bias')));
      const name = ctx.op('Conv', inputs, preActivationName(node), { kernel_shape: { ints: [1, 1] } });
      return withActivation(ctx, node, { ...x, name });
    },
    torch: {
      module: (node) => {
        const middle = (node.inputShapes[0]?.[2] ?? 0) * node.params.depth_multiplier;
        const bias = node.params.use_bias ? '' : ', bias=False';
        const pointwise = `nn.Conv2d(${middle}, ${node.params.filters}, kernel_size=1${bias})`;
        return `nn.Sequential(${torchDepthwise(node, false)}, ${pointwise})`;
      },
      forward: (node, [x = ''], self) => torchWindowForward(node, x, self),
      weights: {
        depthwise_kernel: ['0.weight', 'depthwise_kernel'],
        pointwise_kernel: ['1.weight', 'conv_kernel'],
        bias: ['1.bias', 'same'],
      },
    },
    native: (node) => ({
      activation: node.params.activation,
      filters: node.params.filters,
      kernel_size: node.params.kernel_size,
      strides: node.params.strides,
      padding: node.params.padding,
      depth_multiplier: node.params.depth_multiplier,
      use_bias: node.params.use_bias,
    }),
    memory: fusedActivationMemory,
  },
});
