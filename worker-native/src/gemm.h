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

/** Plain triple loop with double accumulation: the reference the fast path is tested against. */
void gemm_reference(bool trans_a, bool trans_b, int M, int N, int K, float alpha, const float* A, int lda,
                    const float* B, int ldb, float beta, float* C, int ldc);

}  // namespace kernels
}  // namespace layerwise
