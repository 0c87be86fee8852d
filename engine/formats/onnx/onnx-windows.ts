// Window arithmetic for Conv and pooling in ONNX terms: TensorFlow's 'same' padding as explicit pads,
// Keras HWIO kernels as OIHW, and the pooling layers (which run channels-first, as ONNX pools do).
import type { PlanNode } from '../../compile';
import type { Pair } from '../../params';
import type { LayerMapping } from './onnx-context';
import type { OnnxAttribute } from './onnx-proto';

export const image = (node: PlanNode) => node.inputShapes[0] as readonly [number, number, number];

/** TensorFlow's 'same' padding along one axis: output = ceil(size / stride), the odd cell at the end. */
function samePads(size: number, window: number, stride: number): [before: number, after: number] {
  const total = Math.max((Math.ceil(size / stride) - 1) * stride + window - size, 0);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}

/** ONNX pads [top, left, bottom, right] for a window over a (height, width, channels) input. */
export function windowPads(
  [height, width]: readonly [number, number, number],
  window: Pair,
  strides: Pair,
  padding: 'valid' | 'same',
): number[] {
  if (padding === 'valid') return [0, 0, 0, 0];
  const [top, bottom] = samePads(height, window[0], strides[0]);
  const [left, right] = samePads(width, window[1], strides[1]);
  return [top, left, bottom, right];
}

/** HWIO (Keras) → OIHW (ONNX Conv). */
export function oihw(
  kernel: Float32Array,
  [kh, kw, ci, co]: readonly [number, number, number, number],
): Float32Array {
  const out = new Float32Array(kernel.length);
  for (let y = 0; y < kh; y++)
    for (let x = 0; x < kw; x++)
      for (let i = 0; i < ci; i++)
        for (let o = 0; o < co; o++)
          out[((o * ci + i) * kh + y) * kw + x] = kernel[((y * kw + x) * ci + i) * co + o] as number;
  return out;
}

export function pooling(opType: 'MaxPool' | 'AveragePool'): LayerMapping {
  return (ctx, node) => {
    const x = ctx.inputIn(node, 'channels_first');
    const pool = node.params.pool_size as Pair;
    const strides = (node.params.strides as Pair | null) ?? pool;
    const pads = windowPads(image(node), pool, strides, node.params.padding as 'valid' | 'same');
    // Keras' 'same' average pooling divides by the real cells only: count_include_pad = 0.
    const extra: Record<string, OnnxAttribute> =
      opType === 'AveragePool' ? { count_include_pad: { i: 0 } } : {};
    const attributes = {
      kernel_shape: { ints: pool },
      strides: { ints: strides },
      pads: { ints: pads },
      ...extra,
    };
    return { ...x, name: ctx.op(opType, [x.name], node.name, attributes) };
  };
}

export function globalPooling(reduce: 'Mean' | 'Max'): LayerMapping {
  return (ctx, node) => {
    const x = ctx.input(node);
    if (x.layout === 'channels_last') {
      const name = ctx.op(`Reduce${reduce}`, [x.name], node.name, {
        axes: { ints: [1, 2] },
        keepdims: { i: 0 },
      });
      return { name, layout: 'channels_last', rank: 2 };
    }
    const pooled = ctx.op(
      `Global${reduce === 'Mean' ? 'Average' : 'Max'}Pool`,
      [x.name],
      `${node.name}/pool`,
    );
    return {
      name: ctx.op('Flatten', [pooled], node.name, { axis: { i: 1 } }),
      layout: 'channels_last',
      rank: 2,
    };
  };
}
