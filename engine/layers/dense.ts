// Dense: a fully connected layer on the last axis, output = activation(x · kernel + bias). Its home: the
// definition and how every format writes it.
import { defineLayer } from '../define-layer';
import { preActivationName, withActivation } from '../formats/onnx/onnx-layers';
import { field, requireValue, weighted, weightedFrom, defined } from '../formats/tfjs/keras-config';
import { input, isImage, toChannelsFirst, toChannelsLast } from '../formats/python/torch-layers';
import { int } from '../params';
import { fusedActivationMemory } from './fused-activation';
import { kernelPenalty, weightedParams } from './weighted-params';
import { singleInput } from './shape-rules';

export const Dense = defineLayer({
  type: 'Dense',
  category: 'Core',
  doc: 'Fully connected layer: every output unit sees every input feature.',
  params: {
    units: int(64, 'Number of output units.'),
    ...weightedParams('unit'),
  },
  inputs: { min: 1, max: 1 },
  // Like Keras, Dense acts on the last axis: (..., d) -> (..., units).
  outputShape: (inputs, p) => [...singleInput(inputs).slice(0, -1), p.units],
  weights: (inputs, p) => {
    const fanIn = singleInput(inputs).at(-1) ?? 0;
    return [
      { name: 'kernel', shape: [fanIn, p.units], trainable: true, initializer: p.kernel_initializer },
      ...(p.use_bias
        ? [{ name: 'bias', shape: [p.units], trainable: true, initializer: p.bias_initializer }]
        : []),
    ];
  },
  formats: {
    keras: {
      className: 'Dense',
      toKeras: (p) => ({ units: p.units, ...weighted(p) }),
      fromKeras: (c) => {
        requireValue(c, 'lora_rank', [], 'Layerwise has no LoRA');
        return defined({ units: field(c, 'units'), ...weightedFrom(c) });
      },
    },
    kerasScript: { className: 'Dense', positional: ['units'], regularized: true },
    onnx: (ctx, node) => {
      const x = ctx.inputIn(node, 'channels_last');
      const [fanIn, units] = [node.inputShapes[0]?.at(-1) ?? 0, node.params.units];
      const kernel = ctx.constant(`${node.name}/kernel`, [fanIn, units], ctx.weight(node, 'kernel'));
      const bias = node.params.use_bias
        ? [ctx.constant(`${node.name}/bias`, [units], ctx.weight(node, 'bias'))]
        : [];
      const out = preActivationName(node);
      // Gemm for (N, features); MatMul + Add acts on the last axis of any rank, as Keras' Dense does.
      const matMul = () => ctx.op('MatMul', [x.name, kernel], bias[0] ? `${node.name}/MatMul` : out);
      const name =
        x.rank === 2
          ? ctx.op('Gemm', [x.name, kernel, ...bias], out)
          : bias[0] === undefined
            ? matMul()
            : ctx.op('Add', [matMul(), bias[0]], out);
      return withActivation(ctx, node, { ...x, name });
    },
    torch: {
      module: (node) =>
        `nn.Linear(${input(node).at(-1)}, ${node.params.units}${node.params.use_bias ? '' : ', bias=False'})`,
      // Dense acts on the last (channels) axis, which NCHW keeps at position 1.
      forward: (node, [x = ''], self) =>
        isImage(input(node)) ? toChannelsFirst(`${self}(${toChannelsLast(x)})`) : `${self}(${x})`,
      weights: { kernel: ['weight', 'dense_kernel'], bias: ['bias', 'same'] },
    },
    native: ({ params: p }) => ({
      activation: p.activation,
      use_bias: p.use_bias,
      ...kernelPenalty(p.kernel_regularizer),
    }),
    memory: fusedActivationMemory,
  },
});
