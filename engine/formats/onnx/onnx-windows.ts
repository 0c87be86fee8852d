// Window arithmetic for Conv and pooling in ONNX terms: TensorFlow's 'same' padding as explicit pads and
// Keras HWIO kernels as OIHW.
import type { PlanNode } from '../../compile';
import type { Pair } from '../../params';

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
