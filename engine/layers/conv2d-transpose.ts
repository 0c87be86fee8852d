// Conv2DTranspose (a "deconvolution"): the gradient of Conv2D as a layer, which upsamples by the strides.
// Keras 3 with output_padding None: 'valid' gives size * stride + max(kernel - stride, 0), 'same' gives
// size * stride; the kernel is (kh, kw, filters, channels) — output before input, unlike Conv2D.
import { defineLayer } from '../define-layer';
import { preActivationName, withActivation } from '../formats/onnx/onnx-layers';
import { image, oihw } from '../formats/onnx/onnx-windows';
import { pyTuple } from '../formats/python/python-literal';
import { input } from '../formats/python/torch-layers';
import {
  defined,
  field,
  initializerFromKeras,
  initializerToKeras,
  regularizerFromKeras,
  regularizerToKeras,
  requireValue,
} from '../formats/tfjs/keras-config';
import { choice, int, pair, type Pair } from '../params';
import { fusedActivationMemory } from './fused-activation';
import { kernelPenalty, weightedParams } from './weighted-params';
import { windowFromKeras, windowToKeras } from './depthwise-formats';
import { imageInput, type Padding } from './shape-rules';

/** Output length along one axis (Keras' deconv_output_length without output_padding). */
export const transposedLength = (size: number, kernel: number, stride: number, padding: Padding) =>
  padding === 'same' ? size * stride : size * stride + Math.max(kernel - stride, 0);

/** What the full transposed convolution ((size - 1) * stride + kernel, plus the zeros a kernel shorter
 *  than its stride leaves) loses to reach Keras' size: `before` cells at the start, the rest at the end. */
function crop(kernel: number, stride: number, padding: Padding) {
  const total = padding === 'same' ? Math.max(kernel - stride, 0) : 0;
  return {
    before: Math.floor(total / 2),
    after: total - Math.floor(total / 2),
    extra: Math.max(stride - kernel, 0),
  };
}

export const Conv2DTranspose = defineLayer({
  type: 'Conv2DTranspose',
  category: 'Convolution',
  doc: 'Learned upsampling: spreads each input cell over a window of the larger output (a "deconvolution").',
  params: {
    filters: int(32, 'Number of output channels (filters).'),
    kernel_size: pair([3, 3], 'Height and width of each filter.'),
    strides: pair([1, 1], 'Upsampling factor along height and width.'),
    padding: choice(
      ['valid', 'same'],
      'valid',
      "'valid': output = input × stride + max(kernel − stride, 0); 'same': output = input × stride.",
    ),
    ...weightedParams('filter'),
  },
  inputs: { min: 1, max: 1 },
  outputShape: (inputs, p) => {
    const [h, w] = imageInput(inputs, 'Conv2DTranspose');
    return [
      transposedLength(h, p.kernel_size[0], p.strides[0], p.padding),
      transposedLength(w, p.kernel_size[1], p.strides[1], p.padding),
      p.filters,
    ];
  },
  weights: (inputs, p) => {
    const channels = imageInput(inputs, 'Conv2DTranspose')[2];
    return [
      {
        name: 'kernel',
        shape: [p.kernel_size[0], p.kernel_size[1], p.filters, channels],
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
      className: 'Conv2DTranspose',
      toKeras: (p) => ({
        filters: p.filters,
        ...windowToKeras(p),
        output_padding: null,
        kernel_initializer: initializerToKeras(p.kernel_initializer),
        kernel_regularizer: regularizerToKeras(p.kernel_regularizer),
        kernel_constraint: null,
      }),
      fromKeras: (c) => {
        requireValue(
          c,
          'output_padding',
          [],
          "Layerwise's Conv2DTranspose computes Keras' default output size",
        );
        return defined({
          filters: field(c, 'filters'),
          ...windowFromKeras(c, 'Conv2DTranspose'),
          kernel_initializer: initializerFromKeras(field(c, 'kernel_initializer')),
          kernel_regularizer: regularizerFromKeras(field(c, 'kernel_regularizer'), 'kernel_regularizer'),
        });
      },
    },
    kerasScript: { className: 'Conv2DTranspose', positional: ['filters', 'kernel_size'], regularized: true },
    onnx: (ctx, node) => {
      const x = ctx.inputIn(node, 'channels_first');
      const { kernel_size: kernelSize, strides, padding, filters } = node.params;
      const [kh, kw] = kernelSize;
      const channels = image(node)[2];
      // Keras (KH, KW, F, C) is ConvTranspose's (C, F, KH, KW) by the same permutation as Conv's OIHW.
      const kernel = oihw(ctx.weight(node, 'kernel'), [kh, kw, filters, channels]);
      const inputs = [x.name, ctx.constant(`${node.name}/kernel`, [channels, filters, kh, kw], kernel)];
      if (node.params.use_bias)
        inputs.push(ctx.constant(`${node.name}/bias`, [filters], ctx.weight(node, 'bias')));
      const [rows, cols] = [crop(kh, strides[0], padding), crop(kw, strides[1], padding)];
      const name = ctx.op('ConvTranspose', inputs, preActivationName(node), {
        kernel_shape: { ints: kernelSize },
        strides: { ints: strides },
        pads: { ints: [rows.before, cols.before, rows.after, cols.after] },
        output_padding: { ints: [rows.extra, cols.extra] },
      });
      return withActivation(ctx, node, { ...x, name });
    },
    torch: {
      module: (node) => {
        const p = node.params;
        const extra: Pair = [
          crop(p.kernel_size[0], p.strides[0], p.padding).extra,
          crop(p.kernel_size[1], p.strides[1], p.padding).extra,
        ];
        const args = [`${input(node)[2] ?? 0}, ${p.filters}`, `kernel_size=${pyTuple(p.kernel_size)}`];
        if (p.strides.join() !== '1,1') args.push(`stride=${pyTuple(p.strides)}`);
        if (extra.some((e) => e > 0)) args.push(`output_padding=${pyTuple(extra)}`);
        if (!p.use_bias) args.push('bias=False');
        return `nn.ConvTranspose2d(${args.join(', ')})`;
      },
      // TF's 'same' crops the full output unevenly (the odd cell at the end): slice it here.
      forward: (node, [x = ''], self) => {
        const p = node.params;
        const [rows, cols] = [
          crop(p.kernel_size[0], p.strides[0], p.padding),
          crop(p.kernel_size[1], p.strides[1], p.padding),
        ];
        if (rows.before + rows.after + cols.before + cols.after === 0) return `${self}(${x})`;
        const [h, w] = node.outputShape;
        return `${self}(${x})[:, :, ${rows.before}:${rows.before + (h ?? 0)}, ${cols.before}:${cols.before + (w ?? 0)}]`;
      },
      weights: { kernel: ['weight', 'conv_kernel'], bias: ['bias', 'same'] },
    },
    native: (node) => ({
      activation: node.params.activation,
      filters: node.params.filters,
      kernel_size: node.params.kernel_size,
      strides: node.params.strides,
      padding: node.params.padding,
      use_bias: node.params.use_bias,
      ...kernelPenalty(node.params.kernel_regularizer),
    }),
    memory: fusedActivationMemory,
  },
});
