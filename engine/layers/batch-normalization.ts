// BatchNormalization over the last axis (channels): gamma/beta are learned, the moving statistics are
// updated while training and used at inference (non-trainable), as in Keras.
import { defineLayer } from '../define-layer';
import { isImage, input } from '../formats/python/torch-layers';
import { pyNumber } from '../formats/python/python-literal';
import { copy, defined, initializerToKeras, requireValue } from '../formats/tfjs/keras-config';
import { bool, float } from '../params';
import { singleInput } from './shape-rules';

export const BatchNormalization = defineLayer({
  type: 'BatchNormalization',
  category: 'Normalization',
  doc: 'Normalises each channel to zero mean and unit variance, then scales and shifts it.',
  params: {
    momentum: float(0.99, 'Momentum of the moving mean and variance.', 0, 1),
    epsilon: float(0.001, 'Added to the variance to avoid dividing by zero.', 1e-12, 1),
    center: bool(true, 'Learn an offset (beta).'),
    scale: bool(true, 'Learn a scale (gamma).'),
  },
  inputs: { min: 1, max: 1 },
  outputShape: (inputs) => singleInput(inputs),
  weights: (inputs, p) => {
    const channels = [singleInput(inputs).at(-1) ?? 0];
    return [
      ...(p.scale ? [{ name: 'gamma', shape: channels, trainable: true, initializer: 'ones' as const }] : []),
      ...(p.center
        ? [{ name: 'beta', shape: channels, trainable: true, initializer: 'zeros' as const }]
        : []),
      { name: 'moving_mean', shape: channels, trainable: false, initializer: 'zeros' },
      { name: 'moving_variance', shape: channels, trainable: false, initializer: 'ones' },
    ];
  },
  formats: {
    keras: {
      className: 'BatchNormalization',
      toKeras: (p) => ({
        axis: -1,
        ...copy(p, ['momentum', 'epsilon', 'center', 'scale']),
        beta_initializer: initializerToKeras('zeros'),
        gamma_initializer: initializerToKeras('ones'),
        moving_mean_initializer: initializerToKeras('zeros'),
        moving_variance_initializer: initializerToKeras('ones'),
        beta_regularizer: null,
        gamma_regularizer: null,
        beta_constraint: null,
        gamma_constraint: null,
      }),
      fromKeras: (c) => {
        requireValue(c, 'renorm', [false], 'Layerwise has no batch renormalization');
        requireValue(c, 'virtual_batch_size', [], 'Layerwise has no ghost batch normalization');
        return defined(copy(c, ['momentum', 'epsilon', 'center', 'scale']));
      },
      lastAxisField: 'axis',
    },
    kerasScript: { className: 'BatchNormalization' },
    onnx: (ctx, node) => {
      // ONNX normalises axis 1; Keras the last axis (channels): run it channels-first.
      const x = ctx.inputIn(node, 'channels_first');
      const channels = node.outputShape.at(-1) ?? 0;
      const param = (weight: string, enabled: boolean, fill: number) =>
        ctx.constant(
          `${node.name}/${weight}`,
          [channels],
          enabled ? ctx.weight(node, weight) : new Float32Array(channels).fill(fill),
        );
      const inputs = [
        x.name,
        param('gamma', node.params.scale, 1),
        param('beta', node.params.center, 0),
        param('moving_mean', true, 0),
        param('moving_variance', true, 1),
      ];
      const epsilon = { f: node.params.epsilon };
      return { ...x, name: ctx.op('BatchNormalization', inputs, node.name, { epsilon }) };
    },
    torch: {
      // Keras: moving = moving * momentum + batch * (1 - momentum); PyTorch's momentum is the batch's share.
      module: (node) => {
        const p = node.params;
        const momentum = Number((1 - p.momentum).toPrecision(12));
        const affine = p.scale || p.center ? '' : ', affine=False';
        const kind = isImage(input(node)) ? 'BatchNorm2d' : 'BatchNorm1d';
        return `nn.${kind}(${input(node).at(-1)}, eps=${pyNumber(p.epsilon)}, momentum=${pyNumber(momentum)}${affine})`;
      },
      // PyTorch has one switch for both: a missing half stays fixed at the identity.
      setup: (node, attr) => {
        const { scale, center } = node.params;
        if (scale === center) return [];
        const [param, init] = scale ? ['bias', 'zeros_'] : ['weight', 'ones_'];
        return [`nn.init.${init}(self.${attr}.${param})`, `self.${attr}.${param}.requires_grad_(False)`];
      },
      forward: (node, [x = ''], self) =>
        input(node).length === 2 ? `${self}(${x}.transpose(1, 2)).transpose(1, 2)` : `${self}(${x})`,
      weights: {
        gamma: ['weight', 'same'],
        beta: ['bias', 'same'],
        moving_mean: ['running_mean', 'same'],
        moving_variance: ['running_var', 'same'],
      },
    },
    native: ({ params: p }) => ({
      momentum: p.momentum,
      epsilon: p.epsilon,
      center: p.center,
      scale: p.scale,
    }),
  },
});
