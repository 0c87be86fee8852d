// What the 1-D layers (Conv1D, the 1-D poolings) share: the (steps, channels) input check, the window
// arithmetic and padding along the steps, and their parameters. Keras takes a window or stride as an int or a
// one-element tuple; both normalise to the int, so the layers compute with plain numbers.
import { z } from 'zod';
import { LayerShapeError } from '../issues';
import type { MessageId } from '../messages';
import { MAX_DIM, type ParamSpec } from '../params';
import { formatDims, type Shape } from '../shape';
import { singleInput, windowOutput, type Padding } from './shape-rules';

/** 1-D layers work on sequences: (steps, channels), like Keras' channels_last. */
export function sequenceInput(inputs: readonly Shape[], layer: string): readonly [number, number] {
  const input = singleInput(inputs);
  if (input.length !== 2) {
    throw new LayerShapeError('E_RANK', 'shape.needsSequence', { type: layer, shape: formatDims(input) });
  }
  return input as unknown as readonly [number, number];
}

/** The output steps of a window sliding over the steps; refuses a window longer than a 'valid' input. */
export function windowedSteps(
  layer: string,
  steps: number,
  window: number,
  stride: number,
  padding: Padding,
  windowField: string,
): number {
  const out = windowOutput(steps, window, stride, padding);
  if (out < 1) {
    throw new LayerShapeError(
      'E_NON_POSITIVE_SHAPE',
      'shape.windowTooLarge',
      { type: layer, field: windowField, window: String(window), size: String(steps) },
      windowField,
    );
  }
  return out;
}

/** Padding along the steps as (before, after), for the formats that pad explicitly (ONNX, PyTorch): none
 *  for 'valid'; TF's for 'same', output ceil(steps / stride) with the odd cell after; for 'causal'
 *  window - 1 before only, so output step t sees input steps up to t. */
export function stepPads(
  [steps = 0]: Shape,
  window: number,
  stride: number,
  padding: Padding | 'causal',
): readonly [number, number] {
  if (padding === 'valid') return [0, 0];
  if (padding === 'causal') return [window - 1, 0];
  const total = Math.max((Math.ceil(steps / stride) - 1) * stride + window - steps, 0);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}

function lengthSchema() {
  const range: MessageId = 'param.length';
  const each = z
    .number({ error: range })
    .int({ error: range })
    .min(1, { error: range })
    .max(MAX_DIM, { error: range });
  return z
    .union([each, z.tuple([each])], { error: range })
    .transform((v): number => (typeof v === 'number' ? v : v[0]));
}

/** A window or stride along the steps: an int, or Keras' one-element tuple (3,); normalised to the int. */
export function length(def: number, doc: string): ParamSpec<number> {
  const schema = lengthSchema().meta({ description: doc }) as unknown as z.ZodType<number>;
  return { control: { kind: 'int', min: 1, max: MAX_DIM }, default: def, doc, schema };
}

/** Like length, but null means "the pool size" (pooling strides). */
export function optionalLength(doc: string): ParamSpec<number | null> {
  const schema = lengthSchema().nullable().meta({ description: doc }) as unknown as z.ZodType<number | null>;
  return { control: { kind: 'int', min: 1, max: MAX_DIM }, default: null, doc, schema };
}
