// Every activation in ACTIVATIONS as opset-13 ONNX ops, with the constants our native core uses
// (worker-native/src/activations.h): leaky_relu slope 0.2 and elu alpha 1 (Keras 3's defaults),
// exact (erf) gelu, which opset 13 lacks as one op.
import type { ActivationName } from '../../params';
import type { OnnxContext, OnnxValue } from './onnx-context';

const LEAKY_RELU_SLOPE = 0.2;
const ELU_ALPHA = 1;

type ActivationMapping = (ctx: OnnxContext, x: OnnxValue, outputName: string) => string;

/** Keras applies softmax on the last axis: the channels, at axis 1 in a channels_first value. */
const softmaxAxis = (x: OnnxValue) => (x.layout === 'channels_first' && x.rank > 2 ? 1 : -1);

const scalar = (ctx: OnnxContext, name: string, value: number) =>
  ctx.constant(name, [], Float32Array.of(value));

export const ONNX_ACTIVATIONS: Record<ActivationName, ActivationMapping> = {
  linear: (_ctx, x) => x.name,
  relu: (ctx, x, out) => ctx.op('Relu', [x.name], out),
  sigmoid: (ctx, x, out) => ctx.op('Sigmoid', [x.name], out),
  tanh: (ctx, x, out) => ctx.op('Tanh', [x.name], out),
  softmax: (ctx, x, out) => ctx.op('Softmax', [x.name], out, { axis: { i: softmaxAxis(x) } }),
  leaky_relu: (ctx, x, out) => ctx.op('LeakyRelu', [x.name], out, { alpha: { f: LEAKY_RELU_SLOPE } }),
  elu: (ctx, x, out) => ctx.op('Elu', [x.name], out, { alpha: { f: ELU_ALPHA } }),
  // gelu(x) = 0.5 · x · (1 + erf(x / √2))
  gelu: (ctx, x, out) => {
    const scaled = ctx.op(
      'Mul',
      [x.name, scalar(ctx, `${out}/one_over_sqrt2`, Math.SQRT1_2)],
      `${out}/scaled`,
    );
    const erf = ctx.op('Erf', [scaled], `${out}/erf`);
    const onePlus = ctx.op('Add', [erf, scalar(ctx, `${out}/one`, 1)], `${out}/one_plus_erf`);
    const times = ctx.op('Mul', [x.name, onePlus], `${out}/x_times`);
    return ctx.op('Mul', [times, scalar(ctx, `${out}/half`, 0.5)], out);
  },
  // swish(x) = x · sigmoid(x)
  swish: (ctx, x, out) => ctx.op('Mul', [x.name, ctx.op('Sigmoid', [x.name], `${out}/sigmoid`)], out),
};

/** `activation` applied to `x`; linear adds nothing and returns `x` itself. */
export function applyActivation(
  ctx: OnnxContext,
  x: OnnxValue,
  activation: ActivationName,
  outputName: string,
): OnnxValue {
  return { ...x, name: ONNX_ACTIVATIONS[activation](ctx, x, outputName) };
}
