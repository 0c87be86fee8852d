// Conv1D: 1-D convolution over (steps, channels) sequences; kernel (kernel_size, in_channels, filters) as
// Keras keeps it. Its home: the definition and how every format writes it. Every format pads explicitly:
// TF 'same' puts the odd cell after, 'causal' pads kernel_size - 1 steps before only.
import { defineLayer } from '../define-layer';
import { preActivationName, withActivation } from '../formats/onnx/onnx-layers';
import {
  copy,
  defined,
  requireChannelsLast,
  requireValue,
  weighted,
  weightedFrom,
} from '../formats/tfjs/keras-config';
import { input } from '../formats/python/torch-layers';
import { pyTuple } from '../formats/python/python-literal';
import { choice, int } from '../params';
import { fusedActivationMemory } from './fused-activation';
import { kernelPenalty, weightedParams } from './weighted-params';
import { length, sequenceInput, stepPads, windowedSteps } from './sequence-rules';

/** (k, in, out) (Keras) → (out, in, k) (ONNX Conv and PyTorch Conv1d). */
function oiw(kernel: Float32Array, [k, ci, co]: readonly [number, number, number]): Float32Array {
  const out = new Float32Array(kernel.length);
  for (let t = 0; t < k; t++)
    for (let i = 0; i < ci; i++)
      for (let o = 0; o < co; o++) out[(o * ci + i) * k + t] = kernel[(t * ci + i) * co + o] as number;
  return out;
}

export const Conv1D = defineLayer({
  type: 'Conv1D',
  category: 'Convolution',
  doc: 'Slides learned filters along a sequence of (steps, channels) to detect local patterns.',
  params: {
    filters: int(32, 'Number of output channels (filters).'),
    kernel_size: length(3, 'Length of each filter along the steps.'),
    strides: length(1, 'Step of the filter along the sequence.'),
    padding: choice(
      ['valid', 'same', 'causal'],
      'valid',
      "'valid': no padding; 'same': pad so output = ceil(steps / stride); 'causal': pad only before, so each output step sees only the steps up to it.",
    ),
    ...weightedParams('filter'),
  },
  inputs: { min: 1, max: 1 },
  outputShape: (inputs, p) => {
    const [steps] = sequenceInput(inputs, 'Conv1D');
    // 'causal' pads kernel_size - 1 steps before: as many output steps as 'same' (Keras' arithmetic).
    const padding = p.padding === 'causal' ? 'same' : p.padding;
    return [windowedSteps('Conv1D', steps, p.kernel_size, p.strides, padding, 'kernel_size'), p.filters];
  },
  weights: (inputs, p) => {
    const channels = sequenceInput(inputs, 'Conv1D')[1];
    return [
      {
        name: 'kernel',
        shape: [p.kernel_size, channels, p.filters],
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
      className: 'Conv1D',
      toKeras: (p) => ({
        filters: p.filters,
        kernel_size: [p.kernel_size],
        strides: [p.strides],
        padding: p.padding,
        data_format: 'channels_last',
        dilation_rate: [1],
        groups: 1,
        ...weighted(p),
      }),
      tfjsRefuses: (p) =>
        p.padding === 'causal'
          ? {
              field: 'padding',
              message:
                "TensorFlow.js has no 'causal' padding for Conv1D: use 'valid' or 'same', or export Keras, ONNX or PyTorch",
            }
          : undefined,
      fromKeras: (c) => {
        requireChannelsLast(c);
        requireValue(c, 'dilation_rate', [1, [1]], 'Layerwise convolutions are not dilated');
        requireValue(c, 'groups', [1], 'Layerwise convolutions are not grouped');
        return defined({ ...copy(c, ['filters', 'kernel_size', 'strides', 'padding']), ...weightedFrom(c) });
      },
    },
    kerasScript: { className: 'Conv1D', positional: ['filters', 'kernel_size'], regularized: true },
    onnx: (ctx, node) => {
      // (N, steps, channels) → (N, channels, steps): ONNX Conv with a 1-D kernel.
      const x = ctx.inputIn(node, 'channels_first');
      const { kernel_size: k, strides, filters } = node.params;
      const channels = input(node)[1] ?? 0;
      const kernel = oiw(ctx.weight(node, 'kernel'), [k, channels, filters]);
      const inputs = [x.name, ctx.constant(`${node.name}/kernel`, [filters, channels, k], kernel)];
      if (node.params.use_bias)
        inputs.push(ctx.constant(`${node.name}/bias`, [filters], ctx.weight(node, 'bias')));
      const attributes = {
        kernel_shape: { ints: [k] },
        strides: { ints: [strides] },
        pads: { ints: stepPads(input(node), k, strides, node.params.padding) },
      };
      const name = ctx.op('Conv', inputs, preActivationName(node), attributes);
      return withActivation(ctx, node, { ...x, name });
    },
    torch: {
      // Sequences stay (N, steps, channels) between layers; Conv1d reads (N, channels, steps).
      module: (node) => {
        const p = node.params;
        const [before, after] = stepPads(input(node), p.kernel_size, p.strides, p.padding);
        const args = [`${input(node)[1]}, ${p.filters}`, `kernel_size=${p.kernel_size}`];
        if (p.strides !== 1) args.push(`stride=${p.strides}`);
        if (before > 0 && before === after) args.push(`padding=${before}`);
        if (!p.use_bias) args.push('bias=False');
        return `nn.Conv1d(${args.join(', ')})`;
      },
      forward: (node, [x = ''], self) => {
        const p = node.params;
        const [before, after] = stepPads(input(node), p.kernel_size, p.strides, p.padding);
        const channelsFirst = `${x}.transpose(1, 2)`;
        const padded =
          before === after ? channelsFirst : `F.pad(${channelsFirst}, ${pyTuple([before, after])})`;
        return `${self}(${padded}).transpose(1, 2)`;
      },
      weights: { kernel: ['weight', 'conv_kernel'], bias: ['bias', 'same'] },
    },
    native: (node) => ({
      activation: node.params.activation,
      use_bias: node.params.use_bias,
      kernel_size: node.params.kernel_size,
      strides: node.params.strides,
      padding: node.params.padding,
      ...kernelPenalty(node.params.kernel_regularizer),
    }),
    memory: fusedActivationMemory,
  },
});
