// DepthwiseConv2D and Conv2DTranspose kernels: fast vs direct-loop reference (forward, dx, dw, db) on 1,
// 2 and 3 threads, finite differences of the references, the transposed conv as the adjoint of Conv2D
// (which pins its geometry to TensorFlow's), and depthwise weight gradients independent of thread count.
#include <cmath>
#include <string>
#include <vector>

#include "check.h"
#include "conv2d.h"
#include "conv2d_transpose.h"
#include "cpu_features.h"
#include "depthwise_conv2d.h"
#include "thread_pool.h"

using namespace layerwise;
using namespace layerwise::kernels;

namespace {

struct Window { int n, h, w, c, k2, kh, kw, sh, sw; bool same; };  // k2: multiplier or filters

std::string describe(const char* layer, const Window& c, const char* tag) {
  char name[160];
  std::snprintf(name, sizeof name, "%s %s n%d %dx%dx%d/%d k%dx%d s%dx%d %s", layer, tag, c.n, c.h, c.w, c.c, c.k2,
                c.kh, c.kw, c.sh, c.sw, c.same ? "same" : "valid");
  return name;
}

void depthwise_case(const Window& c, ThreadPool* pool, test::Rng& rng, bool fd, const char* tag) {
  DepthwiseConv2DParams p;
  p.batch = c.n; p.h = c.h; p.w = c.w; p.in_c = c.c; p.multiplier = c.k2;
  p.kh = c.kh; p.kw = c.kw; p.sh = c.sh; p.sw = c.sw; p.same = c.same;
  const int oh = conv_out_size(p.h, p.kh, p.sh, p.same), ow = conv_out_size(p.w, p.kw, p.sw, p.same);
  const int cm = p.in_c * p.multiplier;
  const size_t nx = static_cast<size_t>(p.batch) * p.h * p.w * p.in_c, nw = static_cast<size_t>(p.kh) * p.kw * cm;
  const size_t ny = static_cast<size_t>(p.batch) * oh * ow * cm;
  std::vector<float> x = rng.vec(nx), w = rng.vec(nw, -0.5f, 0.5f), b = rng.vec(cm), y(ny), yr(ny);
  depthwise_conv2d_forward(p, x.data(), w.data(), b.data(), y.data(), pool);
  depthwise_conv2d_forward_reference(p, x.data(), w.data(), b.data(), yr.data());
  const std::string n = describe("depthwise", c, tag);
  test::check_close(n + " forward", y, yr, 1e-5, 1e-5);
  std::vector<float> r = rng.vec(ny), scratch(depthwise_conv2d_backward_scratch_size(p));
  std::vector<float> dx(nx, 0.25f), dw(nw, 7.0f), db(cm, 7.0f), dxr(nx, 0.25f), dwr(nw), dbr(cm);
  depthwise_conv2d_backward(p, x.data(), w.data(), r.data(), dx.data(), dw.data(), db.data(), scratch.data(), pool);
  depthwise_conv2d_backward_reference(p, x.data(), w.data(), r.data(), dxr.data(), dwr.data(), dbr.data());
  test::check_close(n + " dx (accumulated)", dx, dxr, 1e-5, 1e-5);
  test::check_close(n + " dw", dw, dwr, 1e-4, 1e-4);
  test::check_close(n + " db", db, dbr, 1e-4, 1e-4);
  if (!fd) return;
  for (auto& v : dxr) v -= 0.25f;
  std::vector<float> ty(ny);
  auto loss = [&] {
    depthwise_conv2d_forward_reference(p, x.data(), w.data(), b.data(), ty.data());
    return test::dot(ty, r);
  };
  test::fd_check(n + " reference dx", x, dxr, loss);
  test::fd_check(n + " reference dw", w, dwr, loss);
  test::fd_check(n + " reference db", b, dbr, loss);
}

void transpose_case(const Window& c, ThreadPool* pool, test::Rng& rng, bool fd, const char* tag) {
  Conv2DTransposeParams p;
  p.batch = c.n; p.h = c.h; p.w = c.w; p.in_c = c.c; p.out_c = c.k2;
  p.kh = c.kh; p.kw = c.kw; p.sh = c.sh; p.sw = c.sw; p.same = c.same;
  const int oh = conv_transpose_out_size(p.h, p.kh, p.sh, p.same), ow = conv_transpose_out_size(p.w, p.kw, p.sw, p.same);
  const size_t nx = static_cast<size_t>(p.batch) * p.h * p.w * p.in_c;
  const size_t nw = static_cast<size_t>(p.kh) * p.kw * p.out_c * p.in_c;
  const size_t ny = static_cast<size_t>(p.batch) * oh * ow * p.out_c;
  const int threads = pool_threads(pool);
  std::vector<float> x = rng.vec(nx), w = rng.vec(nw, -0.5f, 0.5f), b = rng.vec(p.out_c), y(ny), yr(ny);
  std::vector<float> fs(conv2d_transpose_forward_scratch_size(p, threads));
  std::vector<float> bs(conv2d_transpose_backward_scratch_size(p, threads));
  conv2d_transpose_forward(p, x.data(), w.data(), b.data(), y.data(), fs.data(), pool);
  conv2d_transpose_forward_reference(p, x.data(), w.data(), b.data(), yr.data());
  const std::string n = describe("conv_transpose", c, tag);
  const double tol = 2e-5 * std::sqrt(static_cast<double>(p.kh * p.kw * p.in_c));
  test::check_close(n + " forward", y, yr, tol, 1e-4);
  std::vector<float> r = rng.vec(ny);
  std::vector<float> dx(nx, 0.25f), dw(nw, 7.0f), db(p.out_c, 7.0f), dxr(nx, 0.25f), dwr(nw), dbr(p.out_c);
  conv2d_transpose_backward(p, x.data(), w.data(), r.data(), dx.data(), dw.data(), db.data(), bs.data(), pool);
  conv2d_transpose_backward_reference(p, x.data(), w.data(), r.data(), dxr.data(), dwr.data(), dbr.data());
  test::check_close(n + " dx (accumulated)", dx, dxr, tol, 1e-4);
  const double cells = std::sqrt(static_cast<double>(p.batch) * oh * ow);
  test::check_close(n + " dw", dw, dwr, tol * cells, 1e-4);
  test::check_close(n + " db", db, dbr, tol * cells, 1e-4);
  if (!fd) return;
  for (auto& v : dxr) v -= 0.25f;
  std::vector<float> ty(ny);
  auto loss = [&] {
    conv2d_transpose_forward_reference(p, x.data(), w.data(), b.data(), ty.data());
    return test::dot(ty, r);
  };
  test::fd_check(n + " reference dx", x, dxr, loss);
  test::fd_check(n + " reference dw", w, dwr, loss);
  test::fd_check(n + " reference db", b, dbr, loss);
}

// Odd sizes with stride 2 and 'same' (TF's asymmetric padding), rectangular kernels, kernel < stride.
const Window kDepthwiseCases[] = {
    {2, 7, 6, 3, 1, 3, 3, 1, 1, false}, {2, 7, 7, 3, 2, 3, 3, 2, 2, true}, {3, 5, 6, 4, 3, 2, 3, 2, 1, true},
    {2, 9, 9, 2, 1, 4, 4, 3, 3, true},  {1, 6, 5, 5, 2, 1, 1, 2, 2, false}, {2, 5, 5, 8, 1, 5, 5, 1, 1, true},
    // Multiplier 1 with a full 8-channel block and a tail, strided: the blocked row kernels.
    {2, 9, 8, 11, 1, 3, 3, 2, 2, true}, {1, 7, 7, 9, 1, 2, 4, 3, 2, false}, {2, 6, 7, 16, 1, 3, 2, 1, 3, true},
};
const Window kTransposeCases[] = {
    {2, 3, 4, 3, 2, 3, 3, 1, 1, false}, {2, 5, 5, 3, 4, 3, 3, 2, 2, true}, {2, 5, 3, 2, 3, 3, 2, 2, 1, false},
    {3, 4, 4, 2, 2, 2, 2, 2, 2, true},  {2, 3, 3, 2, 3, 1, 1, 3, 3, false}, {1, 4, 3, 3, 2, 4, 4, 3, 2, true},
    {2, 3, 3, 4, 2, 5, 5, 2, 2, true},
};

}  // namespace

TEST(depthwise_fast_vs_reference_and_gradients) {
  test::Rng rng(41);
  ThreadPool pool2(2), pool3(3);
  for (const Window& c : kDepthwiseCases) {
    depthwise_case(c, nullptr, rng, true, "1thr");
    depthwise_case(c, &pool2, rng, false, "2thr");
    depthwise_case(c, &pool3, rng, false, "3thr");
  }
  depthwise_case({4, 28, 28, 32, 1, 3, 3, 1, 1, true}, &pool2, rng, false, "mnist");
}

TEST(depthwise_weight_gradients_same_for_any_thread_count) {
  test::Rng rng(43);
  DepthwiseConv2DParams p;
  p.batch = 5; p.h = 11; p.w = 9; p.in_c = 6; p.multiplier = 2; p.kh = p.kw = 3; p.sh = p.sw = 2; p.same = true;
  const size_t nx = static_cast<size_t>(p.batch) * p.h * p.w * p.in_c, ny = static_cast<size_t>(p.batch) * 6 * 5 * 12;
  std::vector<float> x = rng.vec(nx), w = rng.vec(9 * 12), dy = rng.vec(ny), scratch(depthwise_conv2d_backward_scratch_size(p));
  std::vector<float> ref(w.size());
  depthwise_conv2d_backward(p, x.data(), w.data(), dy.data(), nullptr, ref.data(), nullptr, scratch.data(), nullptr);
  for (int threads : {2, 3, 5}) {
    ThreadPool pool(threads);
    std::vector<float> dw(w.size());
    depthwise_conv2d_backward(p, x.data(), w.data(), dy.data(), nullptr, dw.data(), nullptr, scratch.data(), &pool);
    CHECK_NAMED("depthwise dw bitwise equal, threads=" + std::to_string(threads), dw == ref);
  }
}

// The blocked rows run as AVX2 where the CPU has it and as SSE2 otherwise: both give the same bits.
TEST(depthwise_same_bits_on_every_isa) {
  test::Rng rng(59);
  DepthwiseConv2DParams p;
  p.batch = 2; p.h = 9; p.w = 10; p.in_c = 19; p.kh = p.kw = 3; p.sh = 2; p.same = true;
  const size_t nx = static_cast<size_t>(2) * 9 * 10 * 19, ny = static_cast<size_t>(2) * 5 * 10 * 19;
  std::vector<float> x = rng.vec(nx), w = rng.vec(9 * 19), b = rng.vec(19), dy = rng.vec(ny);
  std::vector<float> scratch(depthwise_conv2d_backward_scratch_size(p));
  auto run = [&] {
    std::vector<float> y(ny), dx(nx, 0.0f), dw(w.size()), db(19);
    depthwise_conv2d_forward(p, x.data(), w.data(), b.data(), y.data(), nullptr);
    depthwise_conv2d_backward(p, x.data(), w.data(), dy.data(), dx.data(), dw.data(), db.data(), scratch.data(), nullptr);
    y.insert(y.end(), dx.begin(), dx.end());
    y.insert(y.end(), dw.begin(), dw.end());
    return y;
  };
  const std::vector<float> best = run();
  set_isa(Isa::Scalar);
  const std::vector<float> portable = run();
  reset_isa();
  CHECK_NAMED("depthwise forward, dx and dw equal on the SIMD and portable paths", best == portable);
}

TEST(conv_transpose_output_geometry) {
  // Keras 3 deconv_output_length with output_padding None.
  CHECK(conv_transpose_out_size(5, 3, 2, true) == 10);
  CHECK(conv_transpose_out_size(5, 3, 2, false) == 11);   // (5-1)*2 + 3
  CHECK(conv_transpose_out_size(5, 1, 3, false) == 15);   // kernel < stride: 5*3 + max(1-3, 0)
  CHECK(conv_transpose_pad_before(3, 2, true) == 0);      // crop total 1: none before, one after
  CHECK(conv_transpose_pad_before(5, 2, true) == 1);      // crop total 3: one before, two after
  CHECK(conv_transpose_pad_before(3, 1, true) == 1);
}

TEST(conv_transpose_fast_vs_reference_and_gradients) {
  test::Rng rng(47);
  ThreadPool pool2(2), pool3(3);
  for (const Window& c : kTransposeCases) {
    transpose_case(c, nullptr, rng, true, "1thr");
    transpose_case(c, &pool2, rng, false, "2thr");
    transpose_case(c, &pool3, rng, false, "3thr");
  }
  transpose_case({3, 40, 40, 16, 8, 3, 3, 2, 2, true}, &pool2, rng, false, "chunked");
}

// <conv_transpose(x), r> == <x, conv2d(r)> with the same kernel read as Conv2D's HWIO (F in, Cin out):
// TF defines the transposed conv as this gradient, so it checks the output size and crop independently.
TEST(conv_transpose_is_the_adjoint_of_conv2d) {
  test::Rng rng(53);
  for (const Window& c : kTransposeCases) {
    Conv2DTransposeParams t;
    t.batch = 1; t.h = c.h; t.w = c.w; t.in_c = c.c; t.out_c = c.k2;
    t.kh = c.kh; t.kw = c.kw; t.sh = c.sh; t.sw = c.sw; t.same = c.same;
    const int oh = conv_transpose_out_size(t.h, t.kh, t.sh, t.same), ow = conv_transpose_out_size(t.w, t.kw, t.sw, t.same);
    Conv2DParams f;
    f.batch = 1; f.h = oh; f.w = ow; f.in_c = t.out_c; f.out_c = t.in_c;
    f.kh = t.kh; f.kw = t.kw; f.sh = t.sh; f.sw = t.sw; f.same = t.same;
    const std::string n = describe("conv_transpose adjoint", c, "");
    if (!CHECK_NAMED(n + " conv2d size", conv_out_size(oh, f.kh, f.sh, f.same) == t.h && conv_out_size(ow, f.kw, f.sw, f.same) == t.w))
      continue;
    std::vector<float> x = rng.vec(static_cast<size_t>(t.h) * t.w * t.in_c), r = rng.vec(static_cast<size_t>(oh) * ow * t.out_c);
    std::vector<float> w = rng.vec(static_cast<size_t>(t.kh) * t.kw * t.out_c * t.in_c);
    std::vector<float> y(r.size()), cy(x.size());
    conv2d_transpose_forward_reference(t, x.data(), w.data(), nullptr, y.data());
    conv2d_forward_reference(f, r.data(), w.data(), nullptr, cy.data(), nullptr);
    test::check_near(n, test::dot(y, r), test::dot(x, cy), 1e-5);
  }
}
