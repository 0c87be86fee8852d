// ReLU as a layer with Keras 3's three settings. Keras computes (keras.layers.ReLU / activations.relu):
//   y = clip(x if x > threshold else 0, 0, max_value) - negative_slope * max(threshold - x, 0)
// which is the documented f(x) = max_value for x >= max_value, x for threshold <= x < max_value and
// negative_slope * (x - threshold) below, whenever 0 <= threshold <= max_value (always when max_value is
// None). Every format and the native op follow the computed form, so an imported Keras model matches.
import { defineLayer } from '../define-layer';
import type { OnnxContext, OnnxValue } from '../formats/onnx/onnx-context';
import { defined, field } from '../formats/tfjs/keras-config';
import { pyNumber } from '../formats/python/python-literal';
import { float, optionalFloat } from '../params';
import { singleInput } from './shape-rules';

const LIMIT = 1e6;

interface ReluParams {
  readonly max_value: number | null;
  readonly negative_slope: number;
  readonly threshold: number;
}

const scalar = (ctx: OnnxContext, name: string, value: number) =>
  ctx.constant(name, [], Float32Array.of(value));

/** ONNX: one op for the plain, capped and leaky cases; the general form from elementwise ops. */
function reluOnnx(ctx: OnnxContext, x: OnnxValue, name: string, p: ReluParams): OnnxValue {
  const { max_value: max, negative_slope: slope, threshold } = p;
  const out = (n: string) => ({ ...x, name: n });
  if (threshold === 0 && slope === 0 && max === null) return out(ctx.op('Relu', [x.name], name));
  if (threshold === 0 && slope === 0 && max !== null)
    return out(
      ctx.op('Clip', [x.name, scalar(ctx, `${name}/min`, 0), scalar(ctx, `${name}/max`, max)], name),
    );
  if (threshold === 0 && max === null)
    return out(ctx.op('LeakyRelu', [x.name], name, { alpha: { f: slope } }));
  const t = scalar(ctx, `${name}/threshold`, threshold);
  const last = slope === 0 && max === null;
  const above = ctx.op('Greater', [x.name, t], `${name}/above`);
  const kept = ctx.op(
    'Where',
    [above, x.name, scalar(ctx, `${name}/zero`, 0)],
    last ? name : `${name}/positive`,
  );
  if (last) return out(kept);
  const capped =
    max === null
      ? kept
      : ctx.op(
          'Clip',
          [kept, scalar(ctx, `${name}/min`, 0), scalar(ctx, `${name}/max`, max)],
          slope === 0 ? name : `${name}/capped`,
        );
  if (slope === 0) return out(capped);
  const below = ctx.op('Relu', [ctx.op('Sub', [t, x.name], `${name}/t_minus_x`)], `${name}/below`);
  const leak = ctx.op('Mul', [below, scalar(ctx, `${name}/slope`, slope)], `${name}/leak`);
  return out(ctx.op('Sub', [capped, leak], name));
}

/** PyTorch expression for the same computation. */
function reluTorch(x: string, p: ReluParams): string {
  const { max_value: max, negative_slope: slope, threshold } = p;
  if (threshold === 0 && max === null && slope > 0) return `F.leaky_relu(${x}, ${pyNumber(slope)})`;
  const positive = threshold === 0 ? `torch.relu(${x})` : `(${x} * (${x} > ${pyNumber(threshold)}))`;
  const capped = max === null ? positive : `torch.clamp(${positive}, 0.0, ${pyNumber(max)})`;
  if (slope === 0) return capped;
  return `(${capped} - ${pyNumber(slope)} * torch.relu(${pyNumber(threshold)} - ${x}))`;
}

export const ReLU = defineLayer({
  type: 'ReLU',
  appliedActivation: (p) => (p.negative_slope > 0 ? 'leaky_relu' : 'relu'),
  category: 'Activation',
  doc: 'Rectified linear unit: passes values above the threshold, with an optional cap (max_value) and leak below (negative_slope).',
  params: {
    max_value: optionalFloat('Largest output value; empty (None) for no cap.', 0, LIMIT),
    negative_slope: float(0, 'Slope below the threshold (0: values below it become 0).', 0, LIMIT),
    threshold: float(0, 'Values above it pass through; below it they are zeroed or leak.', -LIMIT, LIMIT),
  },
  inputs: { min: 1, max: 1 },
  outputShape: (inputs) => singleInput(inputs),
  formats: {
    keras: {
      className: 'ReLU',
      toKeras: (p) => ({ max_value: p.max_value, negative_slope: p.negative_slope, threshold: p.threshold }),
      fromKeras: (c) =>
        defined({
          max_value: field(c, 'max_value') ?? undefined,
          negative_slope: field(c, 'negative_slope') ?? undefined,
          threshold: field(c, 'threshold') ?? undefined,
        }),
    },
    kerasScript: { className: 'ReLU' },
    onnx: (ctx, node) => reluOnnx(ctx, ctx.input(node), node.name, node.params),
    torch: { forward: (node, [x = '']) => reluTorch(x, node.params) },
    native: (node) => ({
      has_max_value: node.params.max_value !== null,
      max_value: node.params.max_value ?? 0,
      negative_slope: node.params.negative_slope,
      threshold: node.params.threshold,
    }),
  },
});
