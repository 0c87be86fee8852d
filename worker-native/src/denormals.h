// Flush-to-zero for subnormal floats while the core computes, as TensorFlow's CPU kernels do. Without
// it Adam's moments of weights whose gradient is exactly zero (a dead ReLU's) decay into the subnormal
// range after ~900 steps, and every SSE/AVX operation on them then takes a ~100-cycle microcode assist:
// the optimizer step of the seed CNN ran 3.5x slower in the second half of an epoch.
#pragma once

#if defined(__SSE2__) || defined(_M_X64) || (defined(_M_IX86_FP) && _M_IX86_FP >= 2)
#include <xmmintrin.h>
#define LAYERWISE_HAVE_MXCSR 1
#endif

namespace layerwise {

/** Sets FTZ and DAZ for the current thread while alive and restores the previous mode after (the
 *  caller's thread is Node's: its JavaScript keeps IEEE subnormals). No-op where the CPU has no MXCSR. */
class FlushDenormals {
 public:
#ifdef LAYERWISE_HAVE_MXCSR
  FlushDenormals() : saved_(_mm_getcsr()) { _mm_setcsr(saved_ | kFlushToZero | kDenormalsAreZero); }
  ~FlushDenormals() { _mm_setcsr(saved_); }
#else
  FlushDenormals() {}
#endif
  FlushDenormals(const FlushDenormals&) = delete;
  FlushDenormals& operator=(const FlushDenormals&) = delete;

 private:
#ifdef LAYERWISE_HAVE_MXCSR
  static constexpr unsigned kFlushToZero = 0x8000, kDenormalsAreZero = 0x0040;
  unsigned saved_;
#endif
};

}  // namespace layerwise
