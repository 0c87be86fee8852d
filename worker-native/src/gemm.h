// Single-precision GEMM, row-major:  C = alpha * op(A) * op(B) + beta * C.
// Blocked and packed (BLIS-style loops, 6x16 micro-tiles); the micro-kernel is AVX2/FMA when the CPU
// has it (chosen at run time, see cpu_features.h), otherwise portable scalar code. Large products are
// split over the pool's threads by 2-D tiles of C, so results do not depend on the thread count.
#pragma once
#include <cstddef>
#include <cstdint>

namespace layerwise {
class ThreadPool;
namespace kernels {

/** Floats of scratch gemm() needs for these sizes when run with up to `threads` threads
 *  (pass pool_threads(pool)). Independent of the transpose flags. */
size_t gemm_scratch_size(int M, int N, int K, int threads);

// op(A): (M, K).  trans_a=false: A is (M, K) with row stride lda >= K.
//                 trans_a=true:  A is (K, M) with row stride lda >= M.
// op(B): (K, N).  trans_b=false: B is (K, N), ldb >= N.  trans_b=true: B is (N, K), ldb >= K.
// C: (M, N), ldc >= N.  beta == 0 means C is write-only (NaNs in C are not propagated).
// scratch: gemm_scratch_size(M, N, K, pool_threads(pool)) floats, or nullptr to allocate internally
// (convenient, but allocates). pool may be null (single thread). C must not alias A or B.
void gemm(bool trans_a, bool trans_b, int M, int N, int K, float alpha, const float* A, int lda,
          const float* B, int ldb, float beta, float* C, int ldc, float* scratch, ThreadPool* pool);

/** Rows of the micro-panels a PanelSource writes, and the most depth it is asked for at once. */
constexpr int kGemmPanelRows = 6;
constexpr int gemm_max_depth_block = 512;

/** op(A) packed on demand (im2col straight into panels, for one): writes rows [row, row + rows) x depth
 *  [depth, depth + depth_count) of op(A) as micro-panels of kGemmPanelRows rows, depth-major
 *  (dst[panel * depth_count * 6 + k * 6 + r]), the last panel's missing rows zero. */
struct PanelSource {
  void (*pack)(const void* ctx, int row, int rows, int depth, int depth_count, float* dst);
  const void* ctx;
};

/** op(B): a row-major matrix (B, ldb, trans), or `packed` by gemm_pack_b (then the others are unused). */
struct GemmB {
  const float* B = nullptr;
  int ldb = 0;
  bool trans = false;
  const float* packed = nullptr;
};

/** Floats to reserve for gemm_pack_b's output of op(B) (K x N), alignment included. */
size_t gemm_packed_b_floats(int K, int N);
/** Packs op(B) (K x N) once for gemm_panels calls that reuse it (a layer's weights over a batch).
 *  dst: the reserved floats; the packed panels start at gemm_packed_b_start(dst) (64-byte aligned). */
void gemm_pack_b(bool trans_b, int K, int N, const float* B, int ldb, float* dst);
float* gemm_packed_b_start(float* dst);

/** gemm() with op(A) from a PanelSource and op(B) plain or packed; same scratch, threading and results. */
void gemm_panels(int M, int N, int K, float alpha, PanelSource a, GemmB b, float beta, float* C, int ldc, float* scratch,
                 ThreadPool* pool);

/** gemm() with op(B) packed by gemm_pack_b. */
void gemm_packed_b(bool trans_a, int M, int N, int K, float alpha, const float* A, int lda, const float* packed_b,
                   float beta, float* C, int ldc, float* scratch, ThreadPool* pool);

/** Plain triple loop with double accumulation: the reference the fast path is tested against. */
void gemm_reference(bool trans_a, bool trans_b, int M, int N, int K, float alpha, const float* A, int lda,
                    const float* B, int ldb, float beta, float* C, int ldc);

}  // namespace kernels
}  // namespace layerwise
