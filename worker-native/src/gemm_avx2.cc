// AVX2/FMA 6x16 GEMM micro-kernel. Compiled for plain x86-64; only this function is built for AVX2
// (target attribute on GCC/clang; MSVC emits VEX code for the intrinsics as is). Called only after
// cpu_has_avx2_fma() said yes.
#include "gemm_internal.h"

#ifdef LAYERWISE_HAVE_AVX2_KERNELS
#include <immintrin.h>

#if defined(__GNUC__) || defined(__clang__)
#define LW_TARGET_AVX2 __attribute__((target("avx2,fma")))
#else
#define LW_TARGET_AVX2
#endif

namespace layerwise {
namespace kernels {
namespace gemm_detail {

LW_TARGET_AVX2
void micro_kernel_avx2(int64_t kc, const float* a, const float* b, float* c, int64_t ldc, float alpha,
                       float beta, int mr, int nr) {
  __m256 c00 = _mm256_setzero_ps(), c01 = _mm256_setzero_ps();
  __m256 c10 = _mm256_setzero_ps(), c11 = _mm256_setzero_ps();
  __m256 c20 = _mm256_setzero_ps(), c21 = _mm256_setzero_ps();
  __m256 c30 = _mm256_setzero_ps(), c31 = _mm256_setzero_ps();
  __m256 c40 = _mm256_setzero_ps(), c41 = _mm256_setzero_ps();
  __m256 c50 = _mm256_setzero_ps(), c51 = _mm256_setzero_ps();

#define LW_STEP(A, B)                                                       \
  {                                                                         \
    const __m256 b0 = _mm256_load_ps(B), b1 = _mm256_load_ps((B) + 8);     \
    __m256 av = _mm256_broadcast_ss(A);                                     \
    c00 = _mm256_fmadd_ps(av, b0, c00); c01 = _mm256_fmadd_ps(av, b1, c01); \
    av = _mm256_broadcast_ss((A) + 1);                                      \
    c10 = _mm256_fmadd_ps(av, b0, c10); c11 = _mm256_fmadd_ps(av, b1, c11); \
    av = _mm256_broadcast_ss((A) + 2);                                      \
    c20 = _mm256_fmadd_ps(av, b0, c20); c21 = _mm256_fmadd_ps(av, b1, c21); \
    av = _mm256_broadcast_ss((A) + 3);                                      \
    c30 = _mm256_fmadd_ps(av, b0, c30); c31 = _mm256_fmadd_ps(av, b1, c31); \
    av = _mm256_broadcast_ss((A) + 4);                                      \
    c40 = _mm256_fmadd_ps(av, b0, c40); c41 = _mm256_fmadd_ps(av, b1, c41); \
    av = _mm256_broadcast_ss((A) + 5);                                      \
    c50 = _mm256_fmadd_ps(av, b0, c50); c51 = _mm256_fmadd_ps(av, b1, c51); \
  }

  int64_t k = 0;
  for (; k + 4 <= kc; k += 4) {
    _mm_prefetch(reinterpret_cast<const char*>(b + 256), _MM_HINT_T0);
    LW_STEP(a, b);
    LW_STEP(a + 6, b + 16);
    _mm_prefetch(reinterpret_cast<const char*>(b + 288), _MM_HINT_T0);
    LW_STEP(a + 12, b + 32);
    LW_STEP(a + 18, b + 48);
    a += 24;
    b += 64;
  }
  for (; k < kc; ++k) {
    LW_STEP(a, b);
    a += 6;
    b += 16;
  }
#undef LW_STEP

  const __m256 va = _mm256_set1_ps(alpha);
  __m256 acc[12] = {c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51};
  if (mr == kMR && nr == kNR) {
    if (beta == 0.0f) {
      for (int r = 0; r < kMR; ++r) {
        _mm256_storeu_ps(c + r * ldc, _mm256_mul_ps(va, acc[2 * r]));
        _mm256_storeu_ps(c + r * ldc + 8, _mm256_mul_ps(va, acc[2 * r + 1]));
      }
    } else if (beta == 1.0f) {
      for (int r = 0; r < kMR; ++r) {
        _mm256_storeu_ps(c + r * ldc, _mm256_fmadd_ps(va, acc[2 * r], _mm256_loadu_ps(c + r * ldc)));
        _mm256_storeu_ps(c + r * ldc + 8, _mm256_fmadd_ps(va, acc[2 * r + 1], _mm256_loadu_ps(c + r * ldc + 8)));
      }
    } else {
      const __m256 vb = _mm256_set1_ps(beta);
      for (int r = 0; r < kMR; ++r) {
        _mm256_storeu_ps(c + r * ldc, _mm256_fmadd_ps(va, acc[2 * r], _mm256_mul_ps(vb, _mm256_loadu_ps(c + r * ldc))));
        _mm256_storeu_ps(c + r * ldc + 8,
                         _mm256_fmadd_ps(va, acc[2 * r + 1], _mm256_mul_ps(vb, _mm256_loadu_ps(c + r * ldc + 8))));
      }
    }
    return;
  }
  alignas(32) float tile[kMR * kNR];
  for (int r = 0; r < kMR; ++r) {
    _mm256_store_ps(tile + r * kNR, _mm256_mul_ps(va, acc[2 * r]));
    _mm256_store_ps(tile + r * kNR + 8, _mm256_mul_ps(va, acc[2 * r + 1]));
  }
  for (int r = 0; r < mr; ++r) {
    float* cr = c + r * ldc;
    const float* t = tile + r * kNR;
    if (beta == 0.0f) {
      for (int j = 0; j < nr; ++j) cr[j] = t[j];
    } else {
      for (int j = 0; j < nr; ++j) cr[j] = t[j] + beta * cr[j];
    }
  }
}

}  // namespace gemm_detail
}  // namespace kernels
}  // namespace layerwise
#endif  // LAYERWISE_HAVE_AVX2_KERNELS
