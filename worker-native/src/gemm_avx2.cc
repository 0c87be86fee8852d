// x86 SIMD GEMM micro-kernels: AVX2/FMA 6x16 and AVX-512F 6x32. The translation unit is compiled for
// plain x86-64; only these functions are built for AVX2 / AVX-512 (target attributes on GCC/clang; MSVC
// emits VEX/EVEX code for the intrinsics as is). Each is called only after cpu_features said the CPU
// supports it.
#include "gemm_internal.h"

#ifdef LAYERWISE_HAVE_AVX2_KERNELS
#include <immintrin.h>

#if defined(__GNUC__) || defined(__clang__)
#define LW_TARGET_AVX2 __attribute__((target("avx2,fma")))
#else
#define LW_TARGET_AVX2
#endif
#if defined(__GNUC__) || defined(__clang__)
#define LW_TARGET_AVX512 __attribute__((target("avx512f")))
#else
#define LW_TARGET_AVX512
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

LW_TARGET_AVX512
void micro_kernel_avx512(int64_t kc, const float* a, const float* b, float* c, int64_t ldc, float alpha,
                         float beta, int mr, int nr) {
  __m512 c00 = _mm512_setzero_ps(), c01 = _mm512_setzero_ps();
  __m512 c10 = _mm512_setzero_ps(), c11 = _mm512_setzero_ps();
  __m512 c20 = _mm512_setzero_ps(), c21 = _mm512_setzero_ps();
  __m512 c30 = _mm512_setzero_ps(), c31 = _mm512_setzero_ps();
  __m512 c40 = _mm512_setzero_ps(), c41 = _mm512_setzero_ps();
  __m512 c50 = _mm512_setzero_ps(), c51 = _mm512_setzero_ps();

#define LW_STEP(A, B)                                                        \
  {                                                                          \
    const __m512 b0 = _mm512_load_ps(B), b1 = _mm512_load_ps((B) + 16);      \
    __m512 av = _mm512_set1_ps((A)[0]);                                      \
    c00 = _mm512_fmadd_ps(av, b0, c00); c01 = _mm512_fmadd_ps(av, b1, c01);  \
    av = _mm512_set1_ps((A)[1]);                                             \
    c10 = _mm512_fmadd_ps(av, b0, c10); c11 = _mm512_fmadd_ps(av, b1, c11);  \
    av = _mm512_set1_ps((A)[2]);                                             \
    c20 = _mm512_fmadd_ps(av, b0, c20); c21 = _mm512_fmadd_ps(av, b1, c21);  \
    av = _mm512_set1_ps((A)[3]);                                             \
    c30 = _mm512_fmadd_ps(av, b0, c30); c31 = _mm512_fmadd_ps(av, b1, c31);  \
    av = _mm512_set1_ps((A)[4]);                                             \
    c40 = _mm512_fmadd_ps(av, b0, c40); c41 = _mm512_fmadd_ps(av, b1, c41);  \
    av = _mm512_set1_ps((A)[5]);                                             \
    c50 = _mm512_fmadd_ps(av, b0, c50); c51 = _mm512_fmadd_ps(av, b1, c51);  \
  }

  int64_t k = 0;
  for (; k + 4 <= kc; k += 4) {
    _mm_prefetch(reinterpret_cast<const char*>(b + 512), _MM_HINT_T0);
    LW_STEP(a, b);
    _mm_prefetch(reinterpret_cast<const char*>(b + 528), _MM_HINT_T0);
    LW_STEP(a + 6, b + 32);
    _mm_prefetch(reinterpret_cast<const char*>(b + 544), _MM_HINT_T0);
    LW_STEP(a + 12, b + 64);
    _mm_prefetch(reinterpret_cast<const char*>(b + 560), _MM_HINT_T0);
    LW_STEP(a + 18, b + 96);
    a += 24;
    b += 128;
  }
  for (; k < kc; ++k) {
    LW_STEP(a, b);
    a += 6;
    b += 32;
  }
#undef LW_STEP

  const __m512 va = _mm512_set1_ps(alpha), vb = _mm512_set1_ps(beta);
  const __m512 acc[12] = {c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51};
  // Column masks for a partial tile: lanes [0, nr) of the 32.
  const __mmask16 m0 = nr >= 16 ? static_cast<__mmask16>(0xFFFF) : static_cast<__mmask16>((1u << nr) - 1u);
  const __mmask16 m1 = nr >= 32 ? static_cast<__mmask16>(0xFFFF)
                                : (nr > 16 ? static_cast<__mmask16>((1u << (nr - 16)) - 1u) : static_cast<__mmask16>(0));
  for (int r = 0; r < mr; ++r) {
    float* cr = c + r * ldc;
    __m512 v0 = _mm512_mul_ps(va, acc[2 * r]), v1 = _mm512_mul_ps(va, acc[2 * r + 1]);
    if (beta != 0.0f) {
      v0 = _mm512_fmadd_ps(vb, _mm512_maskz_loadu_ps(m0, cr), v0);
      v1 = _mm512_fmadd_ps(vb, _mm512_maskz_loadu_ps(m1, cr + 16), v1);
    }
    _mm512_mask_storeu_ps(cr, m0, v0);
    _mm512_mask_storeu_ps(cr + 16, m1, v1);
  }
}

}  // namespace gemm_detail
}  // namespace kernels
}  // namespace layerwise
#endif  // LAYERWISE_HAVE_AVX2_KERNELS
