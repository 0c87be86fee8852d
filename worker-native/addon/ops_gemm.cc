// GEMM for the executor: the packed, multi-threaded kernel of worker-native/src/gemm.*.
#include "../src/gemm.h"
#include "../src/thread_pool.h"
#include "ops.h"

namespace layerwise {
namespace ops {

size_t gemm_scratch_size(int m, int n, int k, ThreadPool* pool) { return kernels::gemm_scratch_size(m, n, k, pool_threads(pool)); }

void gemm(bool trans_a, bool trans_b, int m, int n, int k, float alpha, const float* a, int lda, const float* b, int ldb,
          float beta, float* c, int ldc, float* scratch, ThreadPool* pool) {
  kernels::gemm(trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, scratch, pool);
}

} // namespace ops
} // namespace layerwise
