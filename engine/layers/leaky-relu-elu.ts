// LeakyReLU and ELU as layers with their Keras 3 settings: f(x) = x for x >= 0, else negative_slope · x
// (LeakyReLU; tfjs and Keras 2 call the slope alpha) or alpha · (exp(x) - 1) (ELU).
import { defineLayer } from '../define-layer';
import { describeValue, field, UnsupportedConfig, type KerasConfig } from '../formats/tfjs/keras-config';
import { pyNumber } from '../formats/python/python-literal';
import { float } from '../params';
import { singleInput } from './shape-rules';

const LIMIT = 1e6;

/** Keras 3 writes negative_slope, tfjs and Keras 2 alpha; a file with both must agree. */
function slopeFromKeras(c: KerasConfig): unknown {
  const [slope, alpha] = [field(c, 'negative_slope') ?? undefined, field(c, 'alpha') ?? undefined];
  if (slope !== undefined && alpha !== undefined && slope !== alpha)
    throw new UnsupportedConfig(
      'alpha',
      `alpha ${describeValue(alpha)} and negative_slope ${describeValue(slope)} disagree: keep one`,
    );
  return slope ?? alpha;
}

export const LeakyReLU = defineLayer({
  type: 'LeakyReLU',
  appliedActivation: () => 'leaky_relu',
  category: 'Activation',
  doc: 'Leaky rectified linear unit: negative values are multiplied by a small slope instead of zeroed.',
  params: {
    negative_slope: float(
      0.3,
      'Slope for negative inputs (Keras 3 default 0.3; tfjs calls it alpha).',
      0,
      LIMIT,
    ),
  },
  inputs: { min: 1, max: 1 },
  outputShape: (inputs) => singleInput(inputs),
  formats: {
    keras: {
      className: 'LeakyReLU',
      // The file follows Keras 2.15, which tfjs reads: alpha (Keras 3's loader accepts it too).
      toKeras: (p) => ({ alpha: p.negative_slope }),
      fromKeras: (c) => {
        const slope = slopeFromKeras(c);
        return slope === undefined ? {} : { negative_slope: slope };
      },
    },
    kerasScript: { className: 'LeakyReLU' },
    onnx: (ctx, node) => {
      const x = ctx.input(node);
      const alpha = { f: node.params.negative_slope };
      return { ...x, name: ctx.op('LeakyRelu', [x.name], node.name, { alpha }) };
    },
    torch: { forward: (node, [x = '']) => `F.leaky_relu(${x}, ${pyNumber(node.params.negative_slope)})` },
    native: (node) => ({ negative_slope: node.params.negative_slope }),
  },
});

export const ELU = defineLayer({
  type: 'ELU',
  appliedActivation: () => 'elu',
  category: 'Activation',
  doc: 'Exponential linear unit: x for positive values, alpha · (exp(x) − 1) for negative ones.',
  params: {
    alpha: float(
      1,
      'Scale of the negative part: outputs approach −alpha for very negative inputs.',
      -LIMIT,
      LIMIT,
    ),
  },
  inputs: { min: 1, max: 1 },
  outputShape: (inputs) => singleInput(inputs),
  formats: {
    keras: {
      className: 'ELU',
      toKeras: (p) => ({ alpha: p.alpha }),
      fromKeras: (c) => {
        const alpha = field(c, 'alpha') ?? undefined;
        return alpha === undefined ? {} : { alpha };
      },
    },
    kerasScript: { className: 'ELU' },
    onnx: (ctx, node) => {
      const x = ctx.input(node);
      return { ...x, name: ctx.op('Elu', [x.name], node.name, { alpha: { f: node.params.alpha } }) };
    },
    torch: { forward: (node, [x = '']) => `F.elu(${x}, ${pyNumber(node.params.alpha)})` },
    native: (node) => ({ alpha: node.params.alpha }),
  },
});
