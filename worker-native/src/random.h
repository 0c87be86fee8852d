// Counter-based random numbers: every value is a pure function of (seed, stream, index), so results
// never depend on thread count or call order. splitmix64 finalizer as the mixing function.
#pragma once
#include <cmath>
#include <cstdint>

namespace layerwise {
namespace kernels {

inline uint64_t splitmix64(uint64_t z) {
  z += 0x9E3779B97F4A7C15ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

/** Key for one (seed, stream) pair; combine with an element index via random_bits(key, index). */
inline uint64_t random_key(uint64_t seed, uint64_t stream) { return splitmix64(splitmix64(seed) ^ (stream * 0xD1B54A32D192ED03ull)); }

inline uint64_t random_bits(uint64_t key, uint64_t index) { return splitmix64(key + index * 0x9E3779B97F4A7C15ull); }

/** Uniform in [0, 1) with 24 random bits (exactly representable as float). */
inline float random_uniform(uint64_t key, uint64_t index) {
  return static_cast<float>(random_bits(key, index) >> 40) * (1.0f / 16777216.0f);
}

/** Standard normal via Box-Muller on two 32-bit halves (double precision internally). */
inline double random_normal(uint64_t key, uint64_t index) {
  const uint64_t b = random_bits(key, index);
  const double u1 = (static_cast<double>(b >> 32) + 1.0) * (1.0 / 4294967297.0);  // (0, 1)
  const double u2 = static_cast<double>(b & 0xFFFFFFFFull) * (1.0 / 4294967296.0);
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586476925 * u2);
}

}  // namespace kernels
}  // namespace layerwise
