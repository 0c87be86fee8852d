// Pictures of one layer's output, made without a canvas: the first channels of a feature map tiled into
// one grayscale image (each channel stretched to its own min..max, as `layerwise inspect` does), and a
// long vector folded into a few bars.
import type { LayerActivation } from '../../../engine/api/contract';

/** Channels tiled in a thumbnail, and tiles per row. */
export const THUMB_CHANNELS = 8;
export const THUMB_COLUMNS = 4;
/** Bars in a vector's strip. */
export const THUMB_BARS = 48;
const GAP = 1;

export interface Tiles {
  readonly width: number;
  readonly height: number;
  /** Grayscale 0..255, row-major; gaps between tiles are mid-grey. */
  readonly pixels: Uint8Array;
  readonly shown: number;
}

export function tileMaps(
  maps: NonNullable<LayerActivation['maps']>,
  limit = THUMB_CHANNELS,
  perRow = THUMB_COLUMNS,
): Tiles {
  const shown = Math.min(limit, maps.data.length);
  const columns = Math.min(perRow, Math.max(1, shown));
  const rows = Math.max(1, Math.ceil(shown / columns));
  const width = columns * maps.width + (columns - 1) * GAP;
  const height = rows * maps.height + (rows - 1) * GAP;
  const pixels = new Uint8Array(width * height).fill(128);
  for (let c = 0; c < shown; c++) {
    const channel = maps.data[c] ?? [];
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of channel) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const span = hi - lo;
    const x0 = (c % columns) * (maps.width + GAP);
    const y0 = Math.floor(c / columns) * (maps.height + GAP);
    for (let y = 0; y < maps.height; y++)
      for (let x = 0; x < maps.width; x++) {
        const v = channel[y * maps.width + x] ?? 0;
        pixels[(y0 + y) * width + x0 + x] = span > 0 ? Math.round(((v - lo) / span) * 255) : 0;
      }
  }
  return { width, height, pixels, shown };
}

/** A vector as at most `bars` heights in 0..1 (each the largest magnitude of its slice, over the whole max). */
export function vectorBars(values: readonly number[], bars = THUMB_BARS): number[] {
  const n = Math.min(bars, values.length);
  if (n === 0) return [];
  const peaks = Array.from({ length: n }, (_, i) => {
    const from = Math.floor((i * values.length) / n);
    const to = Math.max(from + 1, Math.floor(((i + 1) * values.length) / n));
    let peak = 0;
    for (let j = from; j < to; j++) peak = Math.max(peak, Math.abs(values[j] ?? 0));
    return peak;
  });
  const max = Math.max(...peaks);
  return peaks.map((p) => (max > 0 ? p / max : 0));
}
