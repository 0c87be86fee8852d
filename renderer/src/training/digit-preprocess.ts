// Turns a drawing into an MNIST-style 28×28 input: crop the ink's bounding box, scale it to fit 20×20
// keeping the aspect ratio (area averaging), and centre it by its centre of mass; values in [0, 1].

export const MNIST_SIZE = 28;
const FIT = 20;

/** Ink intensities (0..1) from RGBA pixels drawn on a transparent canvas: the alpha channel. */
export function alphaToIntensity(rgba: ArrayLike<number>): Float32Array {
  const out = new Float32Array(rgba.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = (rgba[i * 4 + 3] as number) / 255;
  return out;
}

export function centreOfMass(
  values: ArrayLike<number>,
  width: number,
): { x: number; y: number; mass: number } {
  let mass = 0;
  let x = 0;
  let y = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    mass += v;
    x += v * (i % width);
    y += v * Math.floor(i / width);
  }
  return mass > 0 ? { x: x / mass, y: y / mass, mass } : { x: 0, y: 0, mass: 0 };
}

/** Resamples a grid by area averaging (each target pixel averages the source area it covers). */
export function resizeArea(
  src: ArrayLike<number>,
  sw: number,
  sh: number,
  tw: number,
  th: number,
): Float32Array {
  const weights = (s: number, t: number) => {
    // rows[target] = list of [sourceIndex, weight]
    const scale = s / t;
    const rows: [number, number][][] = [];
    for (let j = 0; j < t; j++) {
      const start = j * scale;
      const end = start + scale;
      const row: [number, number][] = [];
      for (let k = Math.floor(start); k < Math.min(Math.ceil(end), s); k++) {
        const overlap = Math.min(end, k + 1) - Math.max(start, k);
        if (overlap > 0) row.push([k, overlap / scale]);
      }
      rows.push(row);
    }
    return rows;
  };
  const wx = weights(sw, tw);
  const wy = weights(sh, th);
  const tmp = new Float32Array(tw * sh);
  for (let y = 0; y < sh; y++)
    for (let x = 0; x < tw; x++) {
      let sum = 0;
      for (const [k, w] of wx[x] ?? []) sum += (src[y * sw + k] as number) * w;
      tmp[y * tw + x] = sum;
    }
  const out = new Float32Array(tw * th);
  for (let y = 0; y < th; y++)
    for (let x = 0; x < tw; x++) {
      let sum = 0;
      for (const [k, w] of wy[y] ?? []) sum += (tmp[k * tw + x] as number) * w;
      out[y * tw + x] = sum;
    }
  return out;
}

/**
 * The 784 model inputs for a drawing of `width`×`height` intensities in [0, 1], or null when nothing
 * is drawn. Pixels below `threshold` do not count as ink for the bounding box.
 */
export function preprocessDigit(
  intensity: ArrayLike<number>,
  width: number,
  height: number,
  threshold = 0.05,
): number[] | null {
  let left = width;
  let top = height;
  let right = -1;
  let bottom = -1;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      if ((intensity[y * width + x] as number) > threshold) {
        left = Math.min(left, x);
        right = Math.max(right, x);
        top = Math.min(top, y);
        bottom = Math.max(bottom, y);
      }
  if (right < 0) return null;

  const cw = right - left + 1;
  const ch = bottom - top + 1;
  const crop = new Float32Array(cw * ch);
  for (let y = 0; y < ch; y++)
    for (let x = 0; x < cw; x++) crop[y * cw + x] = intensity[(top + y) * width + left + x] as number;

  const scale = FIT / Math.max(cw, ch);
  const tw = Math.max(1, Math.round(cw * scale));
  const th = Math.max(1, Math.round(ch * scale));
  const fitted = resizeArea(crop, cw, ch, tw, th);

  const com = centreOfMass(fitted, tw);
  const centre = (MNIST_SIZE - 1) / 2;
  // Shifted so the centre of mass lands in the middle, but never so far that ink falls off the frame.
  const dx = Math.min(Math.max(Math.round(centre - com.x), 0), MNIST_SIZE - tw);
  const dy = Math.min(Math.max(Math.round(centre - com.y), 0), MNIST_SIZE - th);
  const out = new Array<number>(MNIST_SIZE * MNIST_SIZE).fill(0);
  for (let y = 0; y < th; y++)
    for (let x = 0; x < tw; x++) {
      out[(y + dy) * MNIST_SIZE + x + dx] = Math.min(1, Math.max(0, fitted[y * tw + x] as number));
    }
  return out;
}
