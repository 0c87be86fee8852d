// GEMM: fast (AVX2 and scalar micro-kernels, 1-3 threads) vs the double-precision reference, all transpose
// combinations, odd sizes, alpha/beta, leading dimensions larger than the width, MNIST shapes.
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "check.h"
#include "cpu_features.h"
#include "gemm.h"
#include "thread_pool.h"

using namespace layerwise;
using namespace layerwise::kernels;

namespace {

void one_case(int M, int N, int K, bool ta, bool tb, float alpha, float beta, ThreadPool* pool, int pad,
              const std::string& tag) {
  test::Rng rng(static_cast<uint64_t>(M * 131 + N * 17 + K + (ta ? 7 : 0) + (tb ? 3 : 0)));
  const int lda = (ta ? M : K) + pad, ldb = (tb ? K : N) + pad, ldc = N + pad;
  const int arows = ta ? K : M, brows = tb ? N : K;
  std::vector<float> A = rng.vec(static_cast<size_t>(arows) * lda), B = rng.vec(static_cast<size_t>(brows) * ldb);
  std::vector<float> C0 = rng.vec(static_cast<size_t>(M) * ldc);
  if (beta == 0.0f)
    for (auto& c : C0) c = std::numeric_limits<float>::quiet_NaN();  // beta == 0 must not read C
  std::vector<float> C = C0, R = C0;
  if (beta == 0.0f)
    for (auto& r : R) r = 0.0f;
  gemm(ta, tb, M, N, K, alpha, A.data(), lda, B.data(), ldb, beta, C.data(), ldc, nullptr, pool);
  gemm_reference(ta, tb, M, N, K, alpha, A.data(), lda, B.data(), ldb, beta, R.data(), ldc);
  // Compare only the M x N window (padding columns must be untouched).
  std::vector<float> cw, rw, cpad, c0pad;
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < ldc; ++j) {
      const size_t k = static_cast<size_t>(i) * ldc + j;
      if (j < N) {
        cw.push_back(C[k]);
        rw.push_back(R[k]);
      } else {
        cpad.push_back(C[k]);
        c0pad.push_back(C0[k]);
      }
    }
  char name[200];
  std::snprintf(name, sizeof name, "gemm %s %c%c M=%d N=%d K=%d alpha=%g beta=%g pad=%d", tag.c_str(), ta ? 'T' : 'N',
                tb ? 'T' : 'N', M, N, K, alpha, beta, pad);
  test::check_close(name, cw, rw, 1e-4 * std::sqrt(static_cast<double>(K) + 1.0), 1e-4);
  if (!cpad.empty()) {
    bool same = true;
    for (size_t i = 0; i < cpad.size(); ++i)
      if (!(cpad[i] == c0pad[i]) && !(std::isnan(cpad[i]) && std::isnan(c0pad[i]))) same = false;
    CHECK_NAMED(std::string(name) + " padding untouched", same);
  }
}

}  // namespace

TEST(gemm_odd_sizes_all_transposes) {
  const int sizes[] = {1, 7, 17, 33, 65};
  ThreadPool pool2(2), pool3(3);
  const Isa isas[] = {Isa::Scalar, Isa::Avx2Fma, Isa::Avx512};
  for (Isa isa : isas) {
    if (isa == Isa::Avx2Fma && !cpu_has_avx2_fma()) continue;
    if (isa == Isa::Avx512 && !cpu_has_avx512f()) continue;
    set_isa(isa);
    const std::string tag = isa == Isa::Scalar ? "scalar" : isa == Isa::Avx2Fma ? "avx2" : "avx512";
    for (int M : sizes)
      for (int N : sizes)
        for (int K : sizes)
          for (int t = 0; t < 4; ++t) one_case(M, N, K, t & 1, t & 2, 1.0f, 0.0f, nullptr, 0, tag);
    // alpha/beta, padded leading dimensions, threads.
    for (int t = 0; t < 4; ++t) {
      one_case(65, 33, 17, t & 1, t & 2, 0.5f, 1.0f, &pool2, 3, tag + " 2thr");
      one_case(130, 70, 300, t & 1, t & 2, -1.5f, 0.25f, &pool3, 5, tag + " 3thr");
      one_case(7, 200, 600, t & 1, t & 2, 1.0f, 1.0f, &pool2, 1, tag + " 2thr");
    }
  }
  reset_isa();
}

TEST(gemm_mnist_shapes) {
  ThreadPool pool2(2);
  for (Isa isa : {Isa::Scalar, Isa::Avx2Fma, Isa::Avx512}) {
  set_isa(isa);
  const int b = 8;
  struct S { int M, N, K; bool ta, tb; } shapes[] = {
      {b * 26 * 26, 32, 9, false, false},  {b * 11 * 11, 64, 288, false, false}, {b * 3 * 3, 64, 576, false, false},
      {288, 64, b * 121, true, false},     {b * 121, 288, 64, false, true},      {32, 64, 576, false, false},
      {32, 128, 784, false, false},        {784, 128, 32, true, false},          {32, 784, 128, false, true},
      {300, 300, 1100, false, false},  // several K blocks and M blocks
  };
  for (const S& s : shapes) {
    one_case(s.M, s.N, s.K, s.ta, s.tb, 1.0f, 0.0f, &pool2, 0, "mnist");
    one_case(s.M, s.N, s.K, s.ta, s.tb, 1.0f, 1.0f, nullptr, 0, "mnist 1thr");
  }
  }
  reset_isa();
}

TEST(gemm_isa_dispatch) {
  reset_isa();
  const Isa best = cpu_has_avx512f() ? Isa::Avx512 : cpu_has_avx2_fma() ? Isa::Avx2Fma : Isa::Scalar;
  CHECK(active_isa() == best);
  set_isa(Isa::Scalar);
  CHECK(active_isa() == Isa::Scalar);
  reset_isa();
}

TEST(gemm_deterministic_across_threads) {
  test::Rng rng(5);
  const int M = 301, N = 77, K = 530;
  std::vector<float> A = rng.vec(static_cast<size_t>(M) * K), B = rng.vec(static_cast<size_t>(K) * N);
  std::vector<float> C1(static_cast<size_t>(M) * N), C2 = C1, C3 = C1;
  ThreadPool p2(2), p3(3);
  gemm(false, false, M, N, K, 1.0f, A.data(), K, B.data(), N, 0.0f, C1.data(), N, nullptr, nullptr);
  gemm(false, false, M, N, K, 1.0f, A.data(), K, B.data(), N, 0.0f, C2.data(), N, nullptr, &p2);
  gemm(false, false, M, N, K, 1.0f, A.data(), K, B.data(), N, 0.0f, C3.data(), N, nullptr, &p3);
  CHECK(C1 == C2);
  CHECK(C1 == C3);
}

TEST(gemm_degenerate) {
  std::vector<float> C = {1, 2, 3, 4};
  gemm(false, false, 2, 2, 0, 1.0f, nullptr, 1, nullptr, 2, 0.5f, C.data(), 2, nullptr, nullptr);
  CHECK((C == std::vector<float>{0.5f, 1.0f, 1.5f, 2.0f}));
  gemm(false, false, 0, 2, 3, 1.0f, nullptr, 3, nullptr, 2, 0.0f, C.data(), 2, nullptr, nullptr);  // no-op
  CHECK(C[0] == 0.5f);
}
