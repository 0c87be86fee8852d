// Conv2D: 2D convolution over (height, width, channels); kernel in HWIO layout like Keras.
import { defineLayer } from '../define-layer';
import { preActivationName, withActivation } from '../formats/onnx/onnx-layers';
import { image, oihw, windowPads } from '../formats/onnx/onnx-windows';
import { pyTuple } from '../formats/python/python-literal';
import { windowPadding } from '../formats/python/same-padding';
import { input } from '../formats/python/torch-layers';
import {
  copy,
  defined,
  requireChannelsLast,
  requireValue,
  weighted,
  weightedFrom,
} from '../formats/tfjs/keras-config';
import { choice, int, pair } from '../params';
import { fusedActivationMemory } from './fused-activation';
import { kernelPenalty, weightedParams } from './weighted-params';
import { imageInput, windowedImage } from './shape-rules';

export const Conv2D = defineLayer({
  type: 'Conv2D',
  category: 'Convolution',
  doc: 'Slides learned filters over an image to detect local patterns.',
  params: {
    filters: int(32, 'Number of output channels (filters).'),
    kernel_size: pair([3, 3], 'Height and width of each filter.'),
    strides: pair([1, 1], 'Step of the filter along height and width.'),
    padding: choice(
      ['valid', 'same'],
      'valid',
      "'valid': no padding; 'same': pad so output = ceil(input / stride).",
    ),
    ...weightedParams('filter'),
  },
  inputs: { min: 1, max: 1 },
  outputShape: (inputs, p) => {
    const input = imageInput(inputs, 'Conv2D');
    return [...windowedImage('Conv2D', input, p.kernel_size, p.strides, p.padding, 'kernel_size'), p.filters];
  },
  weights: (inputs, p) => {
    const channels = imageInput(inputs, 'Conv2D')[2];
    return [
      {
        name: 'kernel',
        shape: [p.kernel_size[0], p.kernel_size[1], channels, p.filters],
        trainable: true,
        initializer: p.kernel_initializer,
      },
      ...(p.use_bias
        ? [{ name: 'bias', shape: [p.filters], trainable: true, initializer: p.bias_initializer }]
        : []),
    ];
  },
  formats: {
    keras: {
      className: 'Conv2D',
      toKeras: (p) => ({
        filters: p.filters,
        kernel_size: p.kernel_size,
        strides: p.strides,
        padding: p.padding,
        data_format: 'channels_last',
        dilation_rate: [1, 1],
        ...weighted(p),
      }),
      fromKeras: (c) => {
        requireChannelsLast(c);
        requireValue(c, 'dilation_rate', [1, [1, 1]], 'Layerwise convolutions are not dilated');
        requireValue(c, 'groups', [1], 'Layerwise convolutions are not grouped');
        return defined({ ...copy(c, ['filters', 'kernel_size', 'strides', 'padding']), ...weightedFrom(c) });
      },
    },
    kerasScript: { className: 'Conv2D', positional: ['filters', 'kernel_size'], regularized: true },
    onnx: (ctx, node) => {
      const { kernel_size: kernelSize, strides, filters, padding } = node.params;
      const x = ctx.inputIn(node, 'channels_first');
      const [kh, kw] = kernelSize;
      const channels = image(node)[2];
      const kernel = oihw(ctx.weight(node, 'kernel'), [kh, kw, channels, filters]);
      const inputs = [x.name, ctx.constant(`${node.name}/kernel`, [filters, channels, kh, kw], kernel)];
      if (node.params.use_bias)
        inputs.push(ctx.constant(`${node.name}/bias`, [filters], ctx.weight(node, 'bias')));
      const pads = windowPads(image(node), kernelSize, strides, padding);
      const attributes = {
        kernel_shape: { ints: kernelSize },
        strides: { ints: strides },
        pads: { ints: pads },
      };
      const name = ctx.op('Conv', inputs, preActivationName(node), attributes);
      return withActivation(ctx, node, { ...x, name });
    },
    torch: {
      module: (node) => {
        const p = node.params;
        const { pads, any, symmetric } = windowPadding(node, p.kernel_size, p.strides);
        const [left, , top] = pads;
        const args = [`${input(node)[2]}, ${p.filters}`, `kernel_size=${pyTuple(p.kernel_size)}`];
        if (p.strides.join() !== '1,1') args.push(`stride=${pyTuple(p.strides)}`);
        if (any && symmetric) args.push(`padding=${pyTuple([top, left])}`);
        if (!p.use_bias) args.push('bias=False');
        return `nn.Conv2d(${args.join(', ')})`;
      },
      forward: (node, [x = ''], self) => {
        const { pads, any, symmetric } = windowPadding(node, node.params.kernel_size, node.params.strides);
        return any && !symmetric ? `${self}(F.pad(${x}, ${pyTuple(pads)}))` : `${self}(${x})`;
      },
      weights: { kernel: ['weight', 'conv_kernel'], bias: ['bias', 'same'] },
    },
    native: ({ params: p }) => ({
      activation: p.activation,
      use_bias: p.use_bias,
      kernel_size: p.kernel_size,
      strides: p.strides,
      padding: p.padding,
      ...kernelPenalty(p.kernel_regularizer),
    }),
    memory: fusedActivationMemory,
  },
});
