#include "gemm.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "cpu_features.h"
#include "gemm_internal.h"
#include "thread_pool.h"

namespace layerwise {
namespace kernels {

using namespace gemm_detail;
static_assert(kGemmPanelRows == kMR, "a PanelSource writes the micro-kernel's panels");
static_assert(gemm_max_depth_block == kKC, "a PanelSource is asked for one depth block at a time");

namespace {

constexpr size_t kAlignFloats = 16;  // 64 bytes

inline size_t round_up(size_t v, size_t m) { return (v + m - 1) / m * m; }

inline float* align_ptr(float* p) {
  const uintptr_t u = reinterpret_cast<uintptr_t>(p);
  return reinterpret_cast<float*>((u + 63) & ~uintptr_t(63));
}

size_t per_thread_floats(int M, int N, int K) {
  const size_t kc = static_cast<size_t>(std::min(K, kKC));
  const size_t nc = std::min(round_up(static_cast<size_t>(N), kMaxNR), static_cast<size_t>(kNC));
  const size_t mc = std::min(round_up(static_cast<size_t>(M), kMR), static_cast<size_t>(kMC));
  return kc * nc + kc * mc + 2 * kAlignFloats;
}

// Packs rows [0, mc) x depth [0, kc) of op(A) (already offset to the block origin) into micro-panels
// of kMR rows, k-major, zero-padding the last panel.
void pack_a(bool trans_a, const float* A, int64_t lda, int mc, int kc, float* dst) {
  for (int i0 = 0; i0 < mc; i0 += kMR) {
    const int mr = std::min(kMR, mc - i0);
    if (!trans_a) {
      const float* rows[kMR];
      for (int r = 0; r < kMR; ++r) rows[r] = A + static_cast<int64_t>(i0 + std::min(r, mr - 1)) * lda;
      if (mr == kMR) {
        for (int k = 0; k < kc; ++k) {
          float* d = dst + k * kMR;
          d[0] = rows[0][k]; d[1] = rows[1][k]; d[2] = rows[2][k];
          d[3] = rows[3][k]; d[4] = rows[4][k]; d[5] = rows[5][k];
        }
      } else {
        for (int k = 0; k < kc; ++k) {
          float* d = dst + k * kMR;
          for (int r = 0; r < kMR; ++r) d[r] = r < mr ? rows[r][k] : 0.0f;
        }
      }
    } else {
      for (int k = 0; k < kc; ++k) {
        const float* s = A + static_cast<int64_t>(k) * lda + i0;
        float* d = dst + k * kMR;
        for (int r = 0; r < kMR; ++r) d[r] = r < mr ? s[r] : 0.0f;
      }
    }
    dst += static_cast<int64_t>(kc) * kMR;
  }
}

// Packs depth [0, kc) x columns [0, nc) of op(B) (offset to the block origin) into micro-panels of NR
// columns, k-major, zero-padding the last panel.
template <int NR>
void pack_b(bool trans_b, const float* B, int64_t ldb, int kc, int nc, float* dst) {
  constexpr int kNR = NR;
  for (int j0 = 0; j0 < nc; j0 += kNR) {
    const int nr = std::min(kNR, nc - j0);
    if (!trans_b) {
      for (int k = 0; k < kc; ++k) {
        const float* s = B + static_cast<int64_t>(k) * ldb + j0;
        float* d = dst + k * kNR;
        if (nr == kNR) {
          std::memcpy(d, s, sizeof(float) * kNR);
        } else {
          for (int c = 0; c < kNR; ++c) d[c] = c < nr ? s[c] : 0.0f;
        }
      }
    } else {
      for (int c = 0; c < kNR; ++c) {
        float* d = dst + c;
        if (c < nr) {
          const float* s = B + static_cast<int64_t>(j0 + c) * ldb;
          for (int k = 0; k < kc; ++k) d[k * kNR] = s[k];
        } else {
          for (int k = 0; k < kc; ++k) d[k * kNR] = 0.0f;
        }
      }
    }
    dst += static_cast<int64_t>(kc) * kNR;
  }
}

struct GemmArgs {
  int K;
  float alpha;
  PanelSource a;
  GemmB b;
  int64_t b_padded_n;  // columns of a packed B, rounded up to the kernel's tile width
  float beta;
  float* C;
  int64_t ldc;
  MicroKernel kernel;
  int nr;  // the kernel's micro-tile width (16 or 32)
};

// A plain row-major op(A) as a PanelSource.
struct MatrixA {
  bool trans;
  const float* A;
  int64_t lda;
};

void pack_matrix_a(const void* ctx, int row, int rows, int depth, int depth_count, float* dst) {
  const MatrixA& m = *static_cast<const MatrixA*>(ctx);
  const float* origin = m.trans ? m.A + static_cast<int64_t>(depth) * m.lda + row : m.A + static_cast<int64_t>(row) * m.lda + depth;
  pack_a(m.trans, origin, m.lda, rows, depth_count, dst);
}

struct Kernel {
  MicroKernel fn;
  int nr;
};

// The micro-kernel for products N columns wide (a packed B's layout depends on it).
Kernel select_kernel(int N) {
#ifdef LAYERWISE_HAVE_AVX2_KERNELS
  const Isa isa = active_isa();
  if (isa == Isa::Avx512 && N > 16) return {micro_kernel_avx512, kNR512};
  if (isa == Isa::Avx2Fma || isa == Isa::Avx512) return {micro_kernel_avx2, gemm_detail::kNR};  // N <= 16: less padding
#endif
  (void)N;
  return {micro_kernel_scalar, gemm_detail::kNR};
}

// One thread's share: rows [m0, m1) and columns [n0, n1) of C, with its own packing buffers.
void gemm_block(const GemmArgs& g, int m0, int m1, int n0, int n1, float* scratch_a, float* scratch_b) {
  const int K = g.K;
  const int kNR = g.nr;
  for (int jc = n0; jc < n1; jc += kNC) {
    const int nc = std::min(kNC, n1 - jc);
    for (int pc = 0; pc < K; pc += kKC) {
      const int kc = std::min(kKC, K - pc);
      const float* bblock = scratch_b;
      if (g.b.packed) {
        bblock = g.b.packed + static_cast<int64_t>(pc) * g.b_padded_n + static_cast<int64_t>(jc) * kc;
      } else {
        const float* bsrc = g.b.trans ? g.b.B + static_cast<int64_t>(jc) * g.b.ldb + pc : g.b.B + static_cast<int64_t>(pc) * g.b.ldb + jc;
        if (kNR == kNR512) {
          pack_b<kNR512>(g.b.trans, bsrc, g.b.ldb, kc, nc, scratch_b);
        } else {
          pack_b<gemm_detail::kNR>(g.b.trans, bsrc, g.b.ldb, kc, nc, scratch_b);
        }
      }
      const float beta = pc == 0 ? g.beta : 1.0f;
      for (int ic = m0; ic < m1; ic += kMC) {
        const int mc = std::min(kMC, m1 - ic);
        g.a.pack(g.a.ctx, ic, mc, pc, kc, scratch_a);
        for (int jr = 0; jr < nc; jr += kNR) {
          const int nr = std::min(kNR, nc - jr);
          const float* bp = bblock + static_cast<int64_t>(jr) * kc;
          for (int ir = 0; ir < mc; ir += kMR) {
            const int mr = std::min(kMR, mc - ir);
            float* c = g.C + static_cast<int64_t>(ic + ir) * g.ldc + jc + jr;
            g.kernel(kc, scratch_a + static_cast<int64_t>(ir) * kc, bp, c, g.ldc, g.alpha, beta, mr, nr);
          }
        }
      }
    }
  }
}

void scale_c(int M, int N, float beta, float* C, int64_t ldc) {
  for (int i = 0; i < M; ++i) {
    float* c = C + i * ldc;
    if (beta == 0.0f) {
      std::fill(c, c + N, 0.0f);
    } else if (beta != 1.0f) {
      for (int j = 0; j < N; ++j) c[j] *= beta;
    }
  }
}

}  // namespace

namespace gemm_detail {

void micro_kernel_scalar(int64_t kc, const float* a, const float* b, float* c, int64_t ldc, float alpha,
                         float beta, int mr, int nr) {
  float acc[kMR][kNR];
  for (int r = 0; r < kMR; ++r)
    for (int j = 0; j < kNR; ++j) acc[r][j] = 0.0f;
  for (int64_t k = 0; k < kc; ++k) {
    const float* ak = a + k * kMR;
    const float* bk = b + k * kNR;
    for (int r = 0; r < kMR; ++r) {
      const float ar = ak[r];
      for (int j = 0; j < kNR; ++j) acc[r][j] += ar * bk[j];
    }
  }
  for (int r = 0; r < mr; ++r) {
    float* cr = c + r * ldc;
    if (beta == 0.0f) {
      for (int j = 0; j < nr; ++j) cr[j] = alpha * acc[r][j];
    } else {
      for (int j = 0; j < nr; ++j) cr[j] = alpha * acc[r][j] + beta * cr[j];
    }
  }
}

}  // namespace gemm_detail

size_t gemm_scratch_size(int M, int N, int K, int threads) {
  if (M <= 0 || N <= 0 || K <= 0) return 0;
  return static_cast<size_t>(std::max(threads, 1)) * per_thread_floats(M, N, K);
}

void gemm_panels(int M, int N, int K, float alpha, PanelSource a, GemmB b, float beta, float* C, int ldc, float* scratch,
                 ThreadPool* pool) {
  if (M <= 0 || N <= 0) return;
  if (K <= 0 || alpha == 0.0f) {
    scale_c(M, N, beta, C, ldc);
    return;
  }
  const int max_threads = pool_threads(pool);
  std::vector<float> owned;
  if (!scratch) {
    owned.resize(gemm_scratch_size(M, N, K, max_threads));
    scratch = owned.data();
  }
  const Kernel kernel = select_kernel(N);
  const GemmArgs g{K, alpha, a, b, static_cast<int64_t>(round_up(static_cast<size_t>(N), kernel.nr)), beta, C, ldc, kernel.fn, kernel.nr};
  const int kNR = g.nr;

  // Threads: at least ~1 MFLOP each, so tiny products stay on the caller.
  const double flops = 2.0 * M * N * K;
  int threads = static_cast<int>(std::min<double>(max_threads, std::max(1.0, flops / 1.0e6)));
  const int m_tiles = (M + kMR - 1) / kMR, n_tiles = (N + kNR - 1) / kNR;
  threads = std::min(threads, m_tiles * n_tiles);
  // Grid tm x tn of C blocks minimising per-thread compute + packing time.
  int best_tm = 1, best_tn = 1;
  double best_cost = 1e300;
  for (int tm = 1; tm <= threads; ++tm) {
    if (threads % tm) continue;
    const int tn = threads / tm;
    if (tm > m_tiles || tn > n_tiles) continue;
    const double mt = (m_tiles + tm - 1) / tm, nt = (n_tiles + tn - 1) / tn;
    const double cost = mt * nt * kMR * kNR / 16.0 + (mt * kMR + nt * kNR);
    if (cost < best_cost) {
      best_cost = cost;
      best_tm = tm;
      best_tn = tn;
    }
  }
  const int tm = best_tm, tn = best_tn, tasks = tm * tn;
  const size_t stride = per_thread_floats(M, N, K);
  const size_t kc = static_cast<size_t>(std::min(K, kKC));
  const size_t mc = std::min(round_up(static_cast<size_t>(M), kMR), static_cast<size_t>(kMC));
  auto task = [&](int t) {
    const int ti = t / tn, tj = t % tn;
    const int m0 = std::min(M, static_cast<int>(static_cast<int64_t>(m_tiles) * ti / tm) * kMR);
    const int m1 = std::min(M, static_cast<int>(static_cast<int64_t>(m_tiles) * (ti + 1) / tm) * kMR);
    const int n0 = std::min(N, static_cast<int>(static_cast<int64_t>(n_tiles) * tj / tn) * kNR);
    const int n1 = std::min(N, static_cast<int>(static_cast<int64_t>(n_tiles) * (tj + 1) / tn) * kNR);
    if (m0 >= m1 || n0 >= n1) return;
    float* base = scratch + stride * static_cast<size_t>(t);
    float* sa = align_ptr(base);
    float* sb = align_ptr(sa + kc * mc);
    gemm_block(g, m0, m1, n0, n1, sa, sb);
  };
  if (tasks <= 1 || !pool) {
    for (int t = 0; t < tasks; ++t) task(t);
  } else {
    pool->run(tasks, task);
  }
}

void gemm(bool trans_a, bool trans_b, int M, int N, int K, float alpha, const float* A, int lda,
          const float* B, int ldb, float beta, float* C, int ldc, float* scratch, ThreadPool* pool) {
  const MatrixA matrix{trans_a, A, lda};
  gemm_panels(M, N, K, alpha, PanelSource{pack_matrix_a, &matrix}, GemmB{B, ldb, trans_b, nullptr}, beta, C, ldc, scratch, pool);
}

void gemm_packed_b(bool trans_a, int M, int N, int K, float alpha, const float* A, int lda, const float* packed_b,
                   float beta, float* C, int ldc, float* scratch, ThreadPool* pool) {
  const MatrixA matrix{trans_a, A, lda};
  gemm_panels(M, N, K, alpha, PanelSource{pack_matrix_a, &matrix}, GemmB{nullptr, 0, false, packed_b}, beta, C, ldc, scratch, pool);
}

size_t gemm_packed_b_floats(int K, int N) {
  if (K <= 0 || N <= 0) return 0;
  return static_cast<size_t>(K) * round_up(static_cast<size_t>(N), select_kernel(N).nr) + kAlignFloats;
}

float* gemm_packed_b_start(float* dst) { return align_ptr(dst); }

// Depth blocks of kKC, each holding every column's micro-panels: the layout gemm_block reads.
void gemm_pack_b(bool trans_b, int K, int N, const float* B, int ldb, float* dst) {
  const int nr = select_kernel(N).nr;
  const int64_t padded = static_cast<int64_t>(round_up(static_cast<size_t>(N), nr));
  dst = align_ptr(dst);  // the micro-kernels load B aligned
  for (int pc = 0; pc < K; pc += kKC) {
    const int kc = std::min(kKC, K - pc);
    const float* src = trans_b ? B + pc : B + static_cast<int64_t>(pc) * ldb;
    float* out = dst + static_cast<int64_t>(pc) * padded;
    if (nr == kNR512) pack_b<kNR512>(trans_b, src, ldb, kc, N, out);
    else pack_b<gemm_detail::kNR>(trans_b, src, ldb, kc, N, out);
  }
}

void gemm_reference(bool trans_a, bool trans_b, int M, int N, int K, float alpha, const float* A, int lda,
                    const float* B, int ldb, float beta, float* C, int ldc) {
  for (int i = 0; i < M; ++i) {
    for (int j = 0; j < N; ++j) {
      double s = 0.0;
      for (int k = 0; k < K; ++k) {
        const float a = trans_a ? A[static_cast<int64_t>(k) * lda + i] : A[static_cast<int64_t>(i) * lda + k];
        const float b = trans_b ? B[static_cast<int64_t>(j) * ldb + k] : B[static_cast<int64_t>(k) * ldb + j];
        s += static_cast<double>(a) * b;
      }
      float* c = C + static_cast<int64_t>(i) * ldc + j;
      *c = static_cast<float>(alpha * s + (beta == 0.0f ? 0.0 : static_cast<double>(beta) * *c));
    }
  }
}

}  // namespace kernels
}  // namespace layerwise
