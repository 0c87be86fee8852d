// Weight initialisers (Keras 3 definitions), deterministic given the seed (counter-based RNG; values are
// NOT bit-identical to Keras, whose RNG differs, but the distributions are the same).
//   glorot_uniform: U(-l, l), l = sqrt(6 / (fan_in + fan_out))
//   glorot_normal:  truncated normal, stddev = sqrt(1 / ((fan_in + fan_out) / 2)) / 0.87962566103423978
//   he_normal:      truncated normal, stddev = sqrt(2 / fan_in) / 0.87962566103423978
//   he_uniform:     U(-l, l), l = sqrt(6 / fan_in)
//   lecun_normal:   truncated normal, stddev = sqrt(1 / fan_in) / 0.87962566103423978
//   zeros, ones.
// Truncated normal = normal resampled until within 2 stddev (as tf.random.truncated_normal).
// For Dense (in, out): fan_in = in, fan_out = out. For Conv2D HWIO: fan_in = kh*kw*in, fan_out = kh*kw*out.
#pragma once
#include <cstddef>
#include <cstdint>

namespace layerwise {
namespace kernels {

// Same enumerator order as layerwise::Init in addon/model_spec.h.
enum class Initializer { GlorotUniform, GlorotNormal, HeNormal, HeUniform, LecunNormal, Zeros, Ones };

void initialize(Initializer kind, float* out, size_t n, int fan_in, int fan_out, uint64_t seed);

}  // namespace kernels
}  // namespace layerwise
