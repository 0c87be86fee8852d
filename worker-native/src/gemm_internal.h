// Internal to gemm.cc / gemm_avx2.cc: blocking constants and micro-kernel signatures.
#pragma once
#include <cstdint>

namespace layerwise {
namespace kernels {
namespace gemm_detail {

constexpr int kMR = 6;      // micro-tile rows (all kernels)
constexpr int kNR = 16;     // micro-tile columns: scalar and AVX2 kernels
constexpr int kNR512 = 32;  // micro-tile columns: AVX-512 kernel
constexpr int kMaxNR = 32;
constexpr int kMC = 144;    // rows of A packed per block (L2)
constexpr int kKC = 512;    // depth per block (A and B micro-panels in L1; tuned on Zen 4/5)
constexpr int kNC = 4064;   // columns of B packed per block (L3); a multiple of every NR

// c (mr x nr, row stride ldc) = alpha * a_panel * b_panel + beta * c, where a is a packed micro-panel
// (kc x kMR, k-major) and b a packed micro-panel (kc x NR, NR = 16 or 32 by kernel). mr <= kMR, nr <= kNR; beta == 0: write only.
using MicroKernel = void (*)(int64_t kc, const float* a, const float* b, float* c, int64_t ldc, float alpha,
                             float beta, int mr, int nr);

void micro_kernel_scalar(int64_t kc, const float* a, const float* b, float* c, int64_t ldc, float alpha,
                         float beta, int mr, int nr);

#if defined(__x86_64__) || defined(__i386__) || defined(_M_X64) || defined(_M_IX86)
#define LAYERWISE_HAVE_AVX2_KERNELS 1
void micro_kernel_avx2(int64_t kc, const float* a, const float* b, float* c, int64_t ldc, float alpha,
                       float beta, int mr, int nr);
void micro_kernel_avx512(int64_t kc, const float* a, const float* b, float* c, int64_t ldc, float alpha,
                         float beta, int mr, int nr);
#endif

}  // namespace gemm_detail
}  // namespace kernels
}  // namespace layerwise
