// Weight initialisers, learning-rate schedules and optimizer steps over the flat parameter buffer.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "model_spec.h"

namespace layerwise {
class ThreadPool;

/** Fills one weight per Keras' initializer; deterministic in (seed, slot index). */
void initialize_weight(const WeightSlot& slot, uint32_t seed, uint64_t slot_index, float* out);

/** The learning rate for the given optimizer step (0-based), per the schedule. */
float scheduled_learning_rate(const OptimizerConfig& opt, const ScheduleConfig& schedule, int64_t step);

/** One optimizer step on params[0, n) with grads; m and v are the optimizer's state (n each).
 *  `step` is 1-based (Adam bias correction). Formulas are Keras 3's. */
void optimizer_step(const OptimizerConfig& opt, float lr, int64_t step, float* params, const float* grads, float* m,
                    float* v, size_t n, ThreadPool* pool);

} // namespace layerwise
