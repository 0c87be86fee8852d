// A convolution's kernels as pictures: one small grayscale image per filter of a 4-D kernel
// (height, width, input channels, filters), the mean over its input channels, each stretched to its own
// min..max. Read from a run's trained weights (the tensor named "<layer>/kernel"); any layer whose kernel
// has that layout gets them, so the renderer names no layer type.
import type { ModelWeights } from '../../../engine';
import { base64ToBytes } from '../../../engine/formats/weights';

export interface KernelImage {
  readonly width: number;
  readonly height: number;
  /** Grayscale 0..255, row-major. */
  readonly pixels: Uint8Array;
}

/** The layer's 4-D kernel from the run's weights, or null (no such tensor, not 4-D, or in a sidecar). */
export function kernelTensor(
  weights: ModelWeights | undefined,
  layer: string,
): { shape: readonly number[]; values: Float32Array } | null {
  const tensor = weights?.tensors.find((t) => t.name === `${layer}/kernel`);
  if (tensor?.data === undefined || tensor.shape.length !== 4) return null;
  const bytes = base64ToBytes(tensor.data);
  const copy = bytes.slice();
  const values = new Float32Array(copy.buffer, 0, Math.floor(copy.length / 4));
  const size = tensor.shape.reduce((a, b) => a * b, 1);
  return values.length === size ? { shape: tensor.shape, values } : null;
}

/** One image per filter: the mean over input channels of a (kh, kw, in, out) kernel, normalised. */
export function kernelImages(shape: readonly number[], values: ArrayLike<number>): KernelImage[] {
  const [kh = 0, kw = 0, cin = 0, cout = 0] = shape;
  const images: KernelImage[] = [];
  for (let f = 0; f < cout; f++) {
    const mean = new Float64Array(kh * kw);
    for (let y = 0; y < kh; y++)
      for (let x = 0; x < kw; x++) {
        let sum = 0;
        for (let c = 0; c < cin; c++) sum += values[((y * kw + x) * cin + c) * cout + f] ?? 0;
        mean[y * kw + x] = cin > 0 ? sum / cin : 0;
      }
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of mean) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const span = hi - lo;
    const pixels = Uint8Array.from(mean, (v) => (span > 0 ? Math.round(((v - lo) / span) * 255) : 128));
    images.push({ width: kw, height: kh, pixels });
  }
  return images;
}
