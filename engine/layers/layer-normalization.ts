// LayerNormalization: each sample's values at each position are normalised over the last axis (the
// features, or an image's channels), then scaled by gamma and shifted by beta, as Keras 3 computes it:
// y = (x - mean) / sqrt(var + epsilon) * gamma + beta with the biased variance. Unlike
// BatchNormalization it has no moving statistics, so training and inference compute the same thing.
// Only the last axis is supported (Keras' default); the importer refuses others.
import { defineLayer } from '../define-layer';
import type { OnnxValue } from '../formats/onnx/onnx-context';
import {
  defined,
  field,
  initializerFromKeras,
  initializerToKeras,
  requireValue,
} from '../formats/tfjs/keras-config';
import { input, isImage, toChannelsFirst, toChannelsLast } from '../formats/python/torch-layers';
import { pyNumber } from '../formats/python/python-literal';
import { bool, float, initializer } from '../params';
import { singleInput } from './shape-rules';

export const LayerNormalization = defineLayer({
  type: 'LayerNormalization',
  category: 'Normalization',
  doc: "Normalises each sample's features (an image's channels at each pixel) to zero mean and unit variance, then scales and shifts them.",
  params: {
    epsilon: float(0.001, 'Added to the variance to avoid dividing by zero.', 1e-12, 1),
    center: bool(true, 'Learn an offset (beta).'),
    scale: bool(true, 'Learn a scale (gamma).'),
    beta_initializer: initializer('zeros', 'How the offset (beta) is initialised.'),
    gamma_initializer: initializer('ones', 'How the scale (gamma) is initialised.'),
  },
  inputs: { min: 1, max: 1 },
  outputShape: (inputs) => singleInput(inputs),
  // Keras creates gamma, then beta (tfjs' layerNormalization too), each of the last axis' size.
  weights: (inputs, p) => {
    const features = [singleInput(inputs).at(-1) ?? 0];
    return [
      ...(p.scale
        ? [{ name: 'gamma', shape: features, trainable: true, initializer: p.gamma_initializer }]
        : []),
      ...(p.center
        ? [{ name: 'beta', shape: features, trainable: true, initializer: p.beta_initializer }]
        : []),
    ];
  },
  formats: {
    keras: {
      className: 'LayerNormalization',
      toKeras: (p) => ({
        axis: -1,
        epsilon: p.epsilon,
        center: p.center,
        scale: p.scale,
        beta_initializer: initializerToKeras(p.beta_initializer),
        gamma_initializer: initializerToKeras(p.gamma_initializer),
        beta_regularizer: null,
        gamma_regularizer: null,
        beta_constraint: null,
        gamma_constraint: null,
      }),
      fromKeras: (c) => {
        requireValue(c, 'rms_scaling', [false], 'Layerwise normalises with the mean and variance');
        return defined({
          epsilon: field(c, 'epsilon'),
          center: field(c, 'center'),
          scale: field(c, 'scale'),
          beta_initializer: initializerFromKeras(field(c, 'beta_initializer')),
          gamma_initializer: initializerFromKeras(field(c, 'gamma_initializer')),
        });
      },
      // -1 or the index (batch included) of the input's last axis; others are refused on import.
      lastAxisField: 'axis',
    },
    kerasScript: { className: 'LayerNormalization' },
    // Opset 13 has no LayerNormalization (it came in 17): the mean and biased variance over the
    // features axis, where the value already is (axis 1 channels-first, else the last), so no transpose.
    onnx: (ctx, node) => {
      const x = ctx.input(node);
      const features = node.outputShape.at(-1) ?? 0;
      const firstAxis = x.layout === 'channels_first' && x.rank > 2;
      const axes = { ints: [firstAxis ? 1 : -1] };
      const dims = firstAxis ? [features, ...Array<number>(x.rank - 2).fill(1)] : [features];
      const at = (step: string) => `${node.name}/${step}`;
      const mean = ctx.op('ReduceMean', [x.name], at('mean'), { axes, keepdims: { i: 1 } });
      const centered = ctx.op('Sub', [x.name, mean], at('centered'));
      const squared = ctx.op('Mul', [centered, centered], at('squared'));
      const variance = ctx.op('ReduceMean', [squared], at('variance'), { axes, keepdims: { i: 1 } });
      const epsilon = ctx.constant(at('epsilon'), [1], Float32Array.of(node.params.epsilon));
      const std = ctx.op('Sqrt', [ctx.op('Add', [variance, epsilon], at('variance_eps'))], at('std'));
      const last = !node.params.scale && !node.params.center;
      let name = ctx.op('Div', [centered, std], last ? node.name : at('normalized'));
      if (node.params.scale) {
        const gamma = ctx.constant(at('gamma'), dims, ctx.weight(node, 'gamma'));
        name = ctx.op('Mul', [name, gamma], node.params.center ? at('scaled') : node.name);
      }
      if (node.params.center) {
        const beta = ctx.constant(at('beta'), dims, ctx.weight(node, 'beta'));
        name = ctx.op('Add', [name, beta], node.name);
      }
      return { ...x, name } satisfies OnnxValue;
    },
    torch: {
      module: (node) => {
        const affine = node.params.scale || node.params.center ? '' : ', elementwise_affine=False';
        return `nn.LayerNorm(${input(node).at(-1)}, eps=${pyNumber(node.params.epsilon)}${affine})`;
      },
      // PyTorch has one switch for both: a missing half stays fixed at the identity.
      setup: (node, attr) => {
        const { scale, center } = node.params;
        if (scale === center) return [];
        const [param, init] = scale ? ['bias', 'zeros_'] : ['weight', 'ones_'];
        return [`nn.init.${init}(self.${attr}.${param})`, `self.${attr}.${param}.requires_grad_(False)`];
      },
      // nn.LayerNorm normalises the last dims; images are NCHW inside the module, so permute around it.
      forward: (node, [x = ''], self) =>
        isImage(input(node)) ? toChannelsFirst(`${self}(${toChannelsLast(x)})`) : `${self}(${x})`,
      weights: { gamma: ['weight', 'same'], beta: ['bias', 'same'] },
    },
    native: (node) => ({
      epsilon: node.params.epsilon,
      center: node.params.center,
      scale: node.params.scale,
    }),
  },
});
