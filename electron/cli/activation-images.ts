// Pictures of one layer's output for `layerwise inspect`: feature maps tiled in a grid (each channel
// normalised to its own min..max, so a faint channel still shows its pattern), a bar strip for a
// vector, and the class probabilities as bars on a fixed 0..1 scale with the predicted class in green.
import type { RasterImage } from './png';

/** Side a feature-map tile is scaled up towards (in whole pixels per value). */
const TILE_TARGET = 56;
/** Pixels between tiles. */
export const TILE_GAP = 2;
/** Tiles are gray, so a colour tells the gaps between them from a black tile's edge. */
const GAP: readonly [number, number, number] = [40, 70, 130];

/** How `featureMapGrid` lays out an output of `shape` (channels last; LxC shows as C maps of 1xL). */
export function gridLayout(shape: readonly number[]) {
  const channels = shape.at(-1) as number;
  const width = shape.length === 2 ? (shape[0] as number) : (shape.at(-2) as number);
  const height = shape.length === 2 ? 1 : shape.slice(0, -2).reduce((a, b) => a * b, 1);
  const scale = Math.max(1, Math.floor(TILE_TARGET / Math.max(height, width)));
  const columns = Math.ceil(Math.sqrt(channels));
  const rows = Math.ceil(channels / columns);
  return {
    height,
    width,
    channels,
    scale,
    columns,
    rows,
    imageWidth: columns * width * scale + (columns - 1) * TILE_GAP,
    imageHeight: rows * height * scale + (rows - 1) * TILE_GAP,
  };
}

/** Every channel as a gray tile, normalised per channel (a constant channel is black), in RGB. */
export function featureMapGrid(values: Float32Array, shape: readonly number[]): RasterImage {
  const g = gridLayout(shape);
  const pixels = new Uint8Array(g.imageWidth * g.imageHeight * 3);
  for (let i = 0; i < pixels.length; i += 3) pixels.set(GAP, i);
  for (let c = 0; c < g.channels; c++) {
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (let i = c; i < values.length; i += g.channels) {
      min = Math.min(min, values[i] as number);
      max = Math.max(max, values[i] as number);
    }
    const range = max > min ? max - min : 1;
    const left = (c % g.columns) * (g.width * g.scale + TILE_GAP);
    const top = Math.floor(c / g.columns) * (g.height * g.scale + TILE_GAP);
    for (let y = 0; y < g.height * g.scale; y++)
      for (let x = 0; x < g.width * g.scale; x++) {
        const v = values[
          (Math.floor(y / g.scale) * g.width + Math.floor(x / g.scale)) * g.channels + c
        ] as number;
        pixels.fill(
          Math.round(((v - min) / range) * 255),
          ((top + y) * g.imageWidth + left + x) * 3,
          ((top + y) * g.imageWidth + left + x) * 3 + 3,
        );
      }
  }
  return { width: g.imageWidth, height: g.imageHeight, channels: 3, pixels };
}

type Rgb = readonly [number, number, number];
const BACKGROUND: Rgb = [255, 255, 255];
const POSITIVE: Rgb = [70, 130, 200];
const NEGATIVE: Rgb = [220, 120, 50];
const PREDICTED: Rgb = [50, 160, 80];
const OTHER: Rgb = [150, 150, 150];
const AXIS: Rgb = [0, 0, 0];

function canvas(width: number, height: number) {
  const pixels = new Uint8Array(width * height * 3);
  const fill = (x0: number, y0: number, w: number, h: number, color: Rgb) => {
    for (let y = Math.max(0, y0); y < Math.min(height, y0 + h); y++)
      for (let x = Math.max(0, x0); x < Math.min(width, x0 + w); x++) pixels.set(color, (y * width + x) * 3);
  };
  fill(0, 0, width, height, BACKGROUND);
  return { image: { width, height, channels: 3 as const, pixels }, fill };
}

export const STRIP_HEIGHT = 64;

/** Width of each value's bar in a strip of `n` values (the strip stays near 1024 pixels wide). */
export function stripBarWidth(n: number): number {
  return Math.min(12, Math.max(1, Math.floor(1024 / n)));
}

/** A vector as bars scaled by its largest magnitude: blue up from the zero line, orange down. */
export function barStrip(values: Float32Array): RasterImage {
  const bar = stripBarWidth(values.length);
  const { image, fill } = canvas(values.length * bar, STRIP_HEIGHT);
  const negatives = values.some((v) => v < 0);
  const zero = negatives ? STRIP_HEIGHT / 2 : STRIP_HEIGHT - 1; // the zero line's row
  const reach = negatives ? STRIP_HEIGHT / 2 - 1 : STRIP_HEIGHT - 1;
  const scale = Math.max(...values.map(Math.abs)) || 1;
  values.forEach((v, i) => {
    const h = Math.round((Math.abs(v) / scale) * reach);
    if (v >= 0) fill(i * bar, zero - h, bar, h, POSITIVE);
    else fill(i * bar, zero + 1, bar, h, NEGATIVE);
  });
  fill(0, zero, image.width, 1, AXIS);
  return image;
}

export const PROBABILITY_BAR = 24;
export const PROBABILITY_GAP = 4;
export const PROBABILITY_HEIGHT = 100;

/** Class probabilities on a fixed 0..1 scale (100 pixels), the predicted class in green. */
export function probabilityBars(probabilities: Float32Array, predicted: number): RasterImage {
  const step = PROBABILITY_BAR + PROBABILITY_GAP;
  const { image, fill } = canvas(probabilities.length * step + PROBABILITY_GAP, PROBABILITY_HEIGHT + 1);
  probabilities.forEach((p, k) => {
    const h = Math.round(Math.min(1, Math.max(0, p)) * PROBABILITY_HEIGHT);
    fill(
      PROBABILITY_GAP + k * step,
      PROBABILITY_HEIGHT - h,
      PROBABILITY_BAR,
      h,
      k === predicted ? PREDICTED : OTHER,
    );
  });
  fill(0, PROBABILITY_HEIGHT, image.width, 1, AXIS);
  return image;
}
