// The `seed` of the random regularization layers, as Keras takes it: a whole number, or null (unset) to
// draw from the training seed. An empty field in the inspector is null. (The augmentation layers'
// branch adds the same spec to engine/params.ts as optionalInt; this one goes when that lands.)
import { z } from 'zod';
import type { MessageId } from '../messages';
import type { ParamSpec } from '../params';

const MAX_SEED = 2 ** 31 - 1;

export function seedParam(
  doc = "Seed of this layer's random draws; empty: drawn from the training seed.",
): ParamSpec<number | null> {
  const error: MessageId = 'param.int';
  const schema = z.number({ error }).int({ error }).min(0, { error }).max(MAX_SEED, { error }).nullable();
  return {
    control: { kind: 'int', min: 0, max: MAX_SEED },
    default: null,
    doc,
    schema: schema.meta({ description: doc }) as z.ZodType<number | null>,
  };
}

/** The native params of a seed: C++ reads no nulls, so whether it is set and its value. */
export const nativeSeed = (seed: number | null) => ({ seeded: seed !== null, seed: seed ?? 0 });
