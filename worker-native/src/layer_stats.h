// Statistics of one tensor for the per-layer health view: mean, standard deviation, exact zeros, the
// fraction saturated at the activation's bounds, the L2 norm and whether every value is finite. The
// fast versions run on sampled training steps only; each has a plain double-accumulation reference
// beside it that the tests compare against.
#pragma once
#include <cstddef>

#include "activations.h"

namespace layerwise::kernels {

/** Values within this distance of a sigmoid's 0/1 or a tanh's -1/1 count as saturated. */
constexpr float kSaturationMargin = 1e-3f;
/** A softmax row whose largest probability exceeds this counts as saturated. */
constexpr float kSoftmaxSaturation = 0.99f;

struct TensorStats {
  double mean = 0, std = 0;
  double zero_fraction = 0;       // exact zeros (dead units after a ReLU)
  double saturated_fraction = 0;  // by value for sigmoid/tanh, by row for softmax; 0 for other activations
  double l2 = 0;
  bool finite = true;             // no NaN or infinity among the values
};

/** Statistics of x[0..n). `act` selects the saturation rule; `row` is the softmax row length (the
 *  output's last dimension: channel-last data keeps a sample's channels together). */
TensorStats tensor_stats(const float* x, size_t n, Act act, size_t row);
TensorStats tensor_stats_reference(const float* x, size_t n, Act act, size_t row);

/** The L2 norm of x[0..n) (NaN or infinity when a value is). */
double vector_norm(const float* x, size_t n);
double vector_norm_reference(const float* x, size_t n);

/** ||a - b|| over n values. */
double l2_distance(const float* a, const float* b, size_t n);
double l2_distance_reference(const float* a, const float* b, size_t n);

/** Whether every value of x[0..n) is finite. */
bool all_finite(const float* x, size_t n);

} // namespace layerwise::kernels
