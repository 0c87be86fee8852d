// The `seed` of the layers that draw random numbers (SpatialDropout2D, GaussianNoise, the augmentation
// layers), as Keras takes it: a whole number, or null (unset) to draw from the training seed. An empty
// field in the inspector is null. C++ reads it through addon/ops/layer_random.h.
import { optionalInt } from '../params';

export const seedParam = (
  doc = "Seed of this layer's random draws; empty (null) follows the training seed.",
) => optionalInt(doc);

/** The native params of a seed: C++ reads no nulls, so whether it is set and its value. */
export const nativeSeed = (seed: number | null) => ({ has_seed: seed !== null, seed: seed ?? 0 });
