// One layer's output for one input, made small enough to send for a thumbnail: statistics over the
// whole output, channel grids for outputs with channels, the values for 1-D outputs. The bounds keep a
// reply for a large model within a few hundred kilobytes of JSON (the seed CNN sends about 37k numbers).
import {
  MAX_ACTIVATION_CHANNELS,
  MAX_ACTIVATION_MAP_SIDE,
  MAX_ACTIVATION_VECTOR,
  type ActivationStats,
  type LayerActivation,
} from '../../../engine/api/contract';
import type { NodeActivation } from '../../../worker-native/lib/native-model';

/** Mean, standard deviation (population), min, max and the fraction of exact zeros. */
export function activationStats(values: Float32Array): ActivationStats {
  let sum = 0;
  let squares = 0;
  let zeros = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    sum += v;
    squares += v * v;
    if (v === 0) zeros++;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const n = Math.max(1, values.length);
  const mean = sum / n;
  return { mean, std: Math.sqrt(Math.max(0, squares / n - mean * mean)), min, max, zeroFraction: zeros / n };
}

/** Channel `c` of a channels-last map, as a row-major grid taking every `step`th row and column. */
function channelGrid(
  values: Float32Array,
  [height, width, channels]: readonly [number, number, number],
  c: number,
  step: number,
): number[] {
  const grid: number[] = [];
  for (let y = 0; y < height; y += step)
    for (let x = 0; x < width; x += step) grid.push(values[(y * width + x) * channels + c] as number);
  return grid;
}

/** The thumbnail summary of one node's output for one sample (`values` holds that sample only). */
export function summarizeActivation(node: NodeActivation): LayerActivation {
  const { name, type, shape, values } = node;
  const base = { name, type, shape: [...shape], stats: activationStats(values) };
  if (shape.length === 1) {
    const data = Array.from(values.subarray(0, MAX_ACTIVATION_VECTOR));
    return { ...base, vector: { length: values.length, data } };
  }
  // HxWxC, or a sequence LxC shown as 1xL maps; higher ranks fold their leading sides into the height.
  const channels = shape.at(-1) as number;
  const width = shape.length === 2 ? (shape[0] as number) : (shape.at(-2) as number);
  const height = values.length / (width * channels);
  const step = Math.max(1, Math.ceil(Math.max(height, width) / MAX_ACTIVATION_MAP_SIDE));
  const shown = Math.min(channels, MAX_ACTIVATION_CHANNELS);
  const data = Array.from({ length: shown }, (_, c) =>
    channelGrid(values, [height, width, channels], c, step),
  );
  return {
    ...base,
    maps: { height: Math.ceil(height / step), width: Math.ceil(width / step), channels, data },
  };
}
