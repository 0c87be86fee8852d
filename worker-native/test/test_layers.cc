// Layer kernels: activations, dense, conv2d, pooling, global pooling, batch norm, dropout, merge.
// Finite-difference gradient checks of every backward, and fast-vs-reference checks where a fast path
// exists (dense, conv2d, pooling), with 1 and several threads.
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "activations.h"
#include "batch_norm.h"
#include "check.h"
#include "conv2d.h"
#include "dense.h"
#include "dropout.h"
#include "global_pooling.h"
#include "merge.h"
#include "pooling.h"
#include "thread_pool.h"

using namespace layerwise;
using namespace layerwise::kernels;

namespace {

const Act kAllActs[] = {Act::Linear, Act::Relu, Act::Sigmoid, Act::Tanh, Act::Softmax,
                        Act::LeakyRelu, Act::Elu, Act::Gelu, Act::Swish};
const char* act_name(Act a) {
  static const char* names[] = {"linear", "relu", "sigmoid", "tanh", "softmax", "leaky_relu", "elu", "gelu", "swish"};
  return names[static_cast<int>(a)];
}

}  // namespace

TEST(activation_values) {
  test::check_near("relu(-1)", activation_value(Act::Relu, -1.0f), 0.0, 1e-7);
  test::check_near("leaky_relu(-1)", activation_value(Act::LeakyRelu, -1.0f), -0.2, 1e-7);
  test::check_near("elu(-1)", activation_value(Act::Elu, -1.0f), std::exp(-1.0) - 1.0, 1e-6);
  test::check_near("gelu(1) exact", activation_value(Act::Gelu, 1.0f), 0.8413447460685429, 1e-6);
  test::check_near("gelu(-0.5) exact", activation_value(Act::Gelu, -0.5f), -0.15426876936299344, 1e-6);
  test::check_near("swish(1)", activation_value(Act::Swish, 1.0f), 0.7310585786300049, 1e-6);
  test::check_near("sigmoid(-100)", activation_value(Act::Sigmoid, -100.0f), 0.0, 1e-30);
  float big[3] = {1000.0f, 1001.0f, 1002.0f}, out[3];
  activation_forward(Act::Softmax, big, out, 1, 3, nullptr);
  test::check_near("softmax stable", out[2], 0.6652409557748219, 1e-6);
}

TEST(activation_gradients) {
  test::Rng rng(11);
  ThreadPool pool(2);
  for (Act a : kAllActs) {
    const int rows = 4, cols = 6;
    std::vector<float> x = rng.vec_away_from_zero(rows * cols, 0.05f, 2.0f), r = rng.vec(rows * cols);
    std::vector<float> y(x.size()), dx(x.size(), 0.0f);
    activation_forward(a, x.data(), y.data(), rows, cols, &pool);
    activation_backward(a, x.data(), y.data(), r.data(), dx.data(), rows, cols, false, &pool);
    std::vector<float> tmp(x.size());
    test::fd_check(std::string("activation ") + act_name(a), x, dx, [&] {
      activation_forward(a, x.data(), tmp.data(), rows, cols, nullptr);
      return test::dot(tmp, r);
    });
    // accumulate = true adds onto existing values; in-place forward matches.
    std::vector<float> acc(x.size(), 1.0f);
    activation_backward(a, x.data(), y.data(), r.data(), acc.data(), rows, cols, true, nullptr);
    for (auto& v : acc) v -= 1.0f;
    test::check_close(std::string("activation accumulate ") + act_name(a), acc, dx, 1e-6, 1e-6);
    std::vector<float> inplace = x;
    activation_forward(a, inplace.data(), inplace.data(), rows, cols, nullptr);
    test::check_close(std::string("activation in place ") + act_name(a), inplace, y, 0, 0);
  }
}

TEST(dense_fast_vs_reference_and_gradients) {
  test::Rng rng(21);
  ThreadPool pool(2);
  for (Act a : kAllActs) {
    DenseParams p;
    p.batch = 5;
    p.in = 7;
    p.out = 4;
    p.act = a;
    std::vector<float> x = rng.vec(p.batch * p.in), w = rng.vec(p.in * p.out), b = rng.vec(p.out);
    std::vector<float> y(p.batch * p.out), z(y.size()), yr(y.size()), zr(y.size());
    std::vector<float> fs(dense_forward_scratch_size(p, 2)), bs(dense_backward_scratch_size(p, 2));
    dense_forward(p, x.data(), w.data(), b.data(), y.data(), z.data(), fs.data(), &pool);
    dense_forward_reference(p, x.data(), w.data(), b.data(), yr.data(), zr.data());
    const std::string n = std::string("dense ") + act_name(a);
    test::check_close(n + " forward", y, yr, 1e-5, 1e-5);
    std::vector<float> r = rng.vec(y.size());
    std::vector<float> dx(x.size(), 0.5f), dw(w.size(), 9.0f), db(b.size(), 9.0f);
    std::vector<float> dxr(x.size(), 0.5f), dwr(w.size()), dbr(b.size());
    dense_backward(p, x.data(), w.data(), z.data(), y.data(), r.data(), dx.data(), dw.data(), db.data(), bs.data(), &pool);
    dense_backward_reference(p, x.data(), w.data(), zr.data(), yr.data(), r.data(), dxr.data(), dwr.data(), dbr.data());
    test::check_close(n + " dx", dx, dxr, 1e-5, 1e-5);
    test::check_close(n + " dw", dw, dwr, 1e-5, 1e-5);
    test::check_close(n + " db", db, dbr, 1e-5, 1e-5);
    for (auto& v : dx) v -= 0.5f;  // dx accumulated onto 0.5
    std::vector<float> ty(y.size()), tz(y.size());
    auto loss = [&] {
      dense_forward(p, x.data(), w.data(), b.data(), ty.data(), tz.data(), fs.data(), nullptr);
      return test::dot(ty, r);
    };
    test::fd_check(n + " dx", x, dx, loss);
    test::fd_check(n + " dw", w, dw, loss);
    test::fd_check(n + " db", b, db, loss);
  }
  // accumulate_weight_grads and null outputs
  DenseParams p;
  p.batch = 3; p.in = 4; p.out = 2; p.act = Act::Relu; p.accumulate_weight_grads = true;
  std::vector<float> x = rng.vec(12), w = rng.vec(8), y(6), r = rng.vec(6), dw(8, 1.0f), dw2(8, 0.0f);
  dense_forward(p, x.data(), w.data(), nullptr, y.data(), nullptr, nullptr, nullptr);
  std::vector<float> bs(dense_backward_scratch_size(p, 1));
  dense_backward(p, x.data(), w.data(), nullptr, y.data(), r.data(), nullptr, dw.data(), nullptr, bs.data(), nullptr);
  dense_backward_reference(p, x.data(), w.data(), nullptr, y.data(), r.data(), nullptr, dw2.data(), nullptr);
  for (auto& v : dw2) v += 1.0f;
  test::check_close("dense accumulate_weight_grads", dw, dw2, 1e-5, 1e-5);
}

TEST(conv2d_output_geometry) {
  CHECK(conv_out_size(28, 3, 1, false) == 26);
  CHECK(conv_out_size(28, 3, 2, false) == 13);
  CHECK(conv_out_size(28, 3, 2, true) == 14);
  CHECK(conv_out_size(7, 2, 3, true) == 3);
  // TF SAME: in 7, k 3, s 2: out 4, pad_total = (4-1)*2+3-7 = 2 -> top 1
  CHECK(conv_pad_before(7, 3, 2, true) == 1);
  // in 6, k 3, s 2: out 3, pad_total = 2*2+3-6 = 1 -> top 0 (extra at the bottom)
  CHECK(conv_pad_before(6, 3, 2, true) == 0);
  CHECK(conv_pad_before(5, 4, 1, true) == 1);  // pad_total 3 -> top 1, bottom 2
}

namespace {
void conv_case(const Conv2DParams& p, ThreadPool* pool, test::Rng& rng, bool do_fd, const std::string& tag) {
  const int oh = conv_out_size(p.h, p.kh, p.sh, p.same), ow = conv_out_size(p.w, p.kw, p.sw, p.same);
  const size_t nx = static_cast<size_t>(p.batch) * p.h * p.w * p.in_c, nw = static_cast<size_t>(p.kh) * p.kw * p.in_c * p.out_c;
  const size_t ny = static_cast<size_t>(p.batch) * oh * ow * p.out_c;
  std::vector<float> x = rng.vec(nx), w = rng.vec(nw, -0.5f, 0.5f), b = rng.vec(p.out_c);
  std::vector<float> y(ny), z(ny), yr(ny), zr(ny);
  const int threads = pool_threads(pool);
  std::vector<float> fs(conv2d_forward_scratch_size(p, threads)), bs(conv2d_backward_scratch_size(p, threads));
  conv2d_forward(p, x.data(), w.data(), b.data(), y.data(), z.data(), fs.data(), pool);
  conv2d_forward_reference(p, x.data(), w.data(), b.data(), yr.data(), zr.data());
  char name[200];
  std::snprintf(name, sizeof name, "conv2d %s n%d %dx%dx%d->%d k%dx%d s%dx%d %s %s", tag.c_str(), p.batch, p.h, p.w,
                p.in_c, p.out_c, p.kh, p.kw, p.sh, p.sw, p.same ? "same" : "valid", act_name(p.act));
  const std::string n = name;
  const double tol = 2e-5 * std::sqrt(static_cast<double>(p.kh * p.kw * p.in_c));
  test::check_close(n + " forward", y, yr, tol, 1e-4);
  std::vector<float> r = rng.vec(ny);
  std::vector<float> dx(nx, 0.25f), dw(nw, 7.0f), db(p.out_c, 7.0f), dxr(nx, 0.25f), dwr(nw), dbr(p.out_c);
  conv2d_backward(p, x.data(), w.data(), z.data(), y.data(), r.data(), dx.data(), dw.data(), db.data(), bs.data(), pool);
  conv2d_backward_reference(p, x.data(), w.data(), zr.data(), yr.data(), r.data(), dxr.data(), dwr.data(), dbr.data());
  test::check_close(n + " dx", dx, dxr, tol, 1e-4);
  test::check_close(n + " dw", dw, dwr, tol * std::sqrt(static_cast<double>(p.batch * oh * ow)), 1e-4);
  test::check_close(n + " db", db, dbr, tol * std::sqrt(static_cast<double>(p.batch * oh * ow)), 1e-4);
  // assign_dx: every value of dx is written, whatever it held.
  for (auto& v : dxr) v -= 0.25f;
  Conv2DParams assign = p;
  assign.assign_dx = true;
  std::vector<float> written(nx, std::numeric_limits<float>::quiet_NaN());
  conv2d_backward(assign, x.data(), w.data(), z.data(), y.data(), r.data(), written.data(), dw.data(), db.data(), bs.data(), pool);
  test::check_close(n + " dx, assign_dx", written, dxr, tol, 1e-4);
  if (!do_fd) return;
  std::vector<float> ty(ny);
  auto loss = [&] {
    conv2d_forward_reference(p, x.data(), w.data(), b.data(), ty.data(), nullptr);
    return test::dot(ty, r);
  };
  test::fd_check(n + " reference dx", x, dxr, loss);
  test::fd_check(n + " reference dw", w, dwr, loss);
  test::fd_check(n + " reference db", b, dbr, loss);
}
}  // namespace

TEST(conv2d_fast_vs_reference_and_gradients) {
  test::Rng rng(31);
  ThreadPool pool(2), pool3(3);
  struct C { int n, h, w, ci, co, kh, kw, sh, sw; bool same; Act act; } cases[] = {
      {2, 7, 6, 3, 4, 3, 3, 1, 1, false, Act::Linear},
      {2, 7, 6, 3, 4, 3, 3, 2, 2, true, Act::Relu},
      {3, 6, 7, 2, 5, 2, 3, 2, 1, true, Act::Tanh},
      {2, 5, 5, 3, 2, 5, 5, 1, 1, true, Act::Gelu},
      {2, 4, 5, 6, 3, 1, 1, 1, 1, false, Act::Swish},  // 1x1 direct path
      {2, 5, 4, 3, 3, 1, 1, 2, 2, false, Act::Sigmoid},
      {1, 9, 9, 1, 3, 4, 4, 3, 3, true, Act::Elu},
      {2, 8, 8, 4, 3, 3, 3, 3, 2, false, Act::LeakyRelu},
      {2, 5, 5, 2, 4, 3, 3, 1, 1, false, Act::Softmax},
      {2, 9, 8, 5, 7, 3, 3, 2, 2, true, Act::Relu},      // windows packed straight from x, padded edges
      {3, 5, 5, 64, 8, 3, 3, 1, 1, true, Act::Linear},   // depth 576: two GEMM depth blocks
  };
  for (const C& c : cases) {
    Conv2DParams p;
    p.batch = c.n; p.h = c.h; p.w = c.w; p.in_c = c.ci; p.out_c = c.co; p.kh = c.kh; p.kw = c.kw;
    p.sh = c.sh; p.sw = c.sw; p.same = c.same; p.act = c.act;
    conv_case(p, nullptr, rng, c.act != Act::Relu && c.act != Act::LeakyRelu, "1thr");
    conv_case(p, &pool, rng, false, "2thr");
    conv_case(p, &pool3, rng, false, "3thr");
  }
  // MNIST-like shapes and a case that needs several im2col chunks.
  Conv2DParams m1; m1.batch = 4; m1.h = 28; m1.w = 28; m1.in_c = 1; m1.out_c = 32; m1.kh = m1.kw = 3; m1.act = Act::Relu;
  conv_case(m1, &pool, rng, false, "mnist1");
  Conv2DParams m2; m2.batch = 4; m2.h = 13; m2.w = 13; m2.in_c = 32; m2.out_c = 64; m2.kh = m2.kw = 3; m2.act = Act::Relu;
  conv_case(m2, &pool, rng, false, "mnist2");
  Conv2DParams big; big.batch = 3; big.h = 64; big.w = 64; big.in_c = 32; big.out_c = 8; big.kh = big.kw = 3; big.same = true;
  conv_case(big, &pool, rng, false, "chunked");
}

TEST(conv2d_forward_same_result_for_any_thread_count) {
  test::Rng rng(33);
  Conv2DParams p;
  p.batch = 7; p.h = 13; p.w = 13; p.in_c = 32; p.out_c = 64; p.kh = p.kw = 3; p.act = Act::Relu;
  std::vector<float> x = rng.vec(static_cast<size_t>(7) * 13 * 13 * 32), w = rng.vec(9 * 32 * 64, -0.2f, 0.2f), b = rng.vec(64);
  std::vector<float> ref;
  for (int threads : {1, 2, 3}) {
    ThreadPool pool(threads);
    std::vector<float> y(static_cast<size_t>(7) * 11 * 11 * 64), fs(conv2d_forward_scratch_size(p, threads));
    conv2d_forward(p, x.data(), w.data(), b.data(), y.data(), nullptr, fs.data(), &pool);
    if (ref.empty()) ref = y;
    CHECK_NAMED("conv2d forward bitwise equal, threads=" + std::to_string(threads), y == ref);
  }
}

TEST(conv2d_backward_same_result_for_one_to_eight_threads) {
  test::Rng rng(34);
  Conv2DParams p;
  p.batch = 16; p.h = 13; p.w = 13; p.in_c = 32; p.out_c = 64; p.kh = p.kw = 3; p.act = Act::Relu;
  const size_t nx = static_cast<size_t>(16) * 13 * 13 * 32, ny = static_cast<size_t>(16) * 11 * 11 * 64, nw = 9 * 32 * 64;
  std::vector<float> x = rng.vec(nx), w = rng.vec(nw, -0.2f, 0.2f), y = rng.vec(ny), dy = rng.vec(ny);
  std::vector<float> ref_dx, ref_dw, ref_db;
  for (int threads : {1, 2, 3, 4, 8}) {
    ThreadPool pool(threads);
    std::vector<float> dx(nx, 0.0f), dw(nw), db(64), bs(conv2d_backward_scratch_size(p, threads));
    conv2d_backward(p, x.data(), w.data(), nullptr, y.data(), dy.data(), dx.data(), dw.data(), db.data(), bs.data(), &pool);
    if (ref_dx.empty()) ref_dx = dx, ref_dw = dw, ref_db = db;
    CHECK_NAMED("conv2d backward bitwise equal, threads=" + std::to_string(threads), dx == ref_dx && dw == ref_dw && db == ref_db);
  }
}

namespace {
void pool_case(const Pool2DParams& p, bool is_max, ThreadPool* pool, test::Rng& rng) {
  const int oh = pool_out_size(p.h, p.ph, p.sh, p.same), ow = pool_out_size(p.w, p.pw, p.sw, p.same);
  const size_t nx = static_cast<size_t>(p.batch) * p.h * p.w * p.c, ny = static_cast<size_t>(p.batch) * oh * ow * p.c;
  std::vector<float> x = rng.vec(nx), y(ny), yr(ny), r = rng.vec(ny);
  std::vector<float> dx(nx, 0.5f), dxr(nx, 0.5f);
  char name[160];
  std::snprintf(name, sizeof name, "%s_pool2d n%d %dx%dx%d p%dx%d s%dx%d %s thr%d", is_max ? "max" : "avg", p.batch, p.h,
                p.w, p.c, p.ph, p.pw, p.sh, p.sw, p.same ? "same" : "valid", pool_threads(pool));
  const std::string n = name;
  if (is_max) {
    max_pool2d_forward(p, x.data(), y.data(), pool);
    max_pool2d_forward_reference(p, x.data(), yr.data());
    max_pool2d_backward(p, x.data(), r.data(), dx.data(), pool);
    max_pool2d_backward_reference(p, x.data(), r.data(), dxr.data());
  } else {
    avg_pool2d_forward(p, x.data(), y.data(), pool);
    avg_pool2d_forward_reference(p, x.data(), yr.data());
    avg_pool2d_backward(p, r.data(), dx.data(), pool);
    avg_pool2d_backward_reference(p, r.data(), dxr.data());
  }
  test::check_close(n + " forward", y, yr, 1e-6, 1e-5);
  test::check_close(n + " backward", dx, dxr, 1e-6, 1e-5);
  // assign_dx: every value of dx is written (whatever it held), equal to accumulating into zeros.
  Pool2DParams assign = p;
  assign.assign_dx = true;
  std::vector<float> written(nx, std::numeric_limits<float>::quiet_NaN());
  if (is_max) max_pool2d_backward(assign, x.data(), r.data(), written.data(), pool);
  else avg_pool2d_backward(assign, r.data(), written.data(), pool);
  for (auto& v : written) v += 0.5f;
  test::check_close(n + " backward, assign_dx", written, dxr, 1e-6, 1e-5);
  for (auto& v : dx) v -= 0.5f;
  std::vector<float> ty(ny);
  test::fd_check(n, x, dx, [&] {
    if (is_max) max_pool2d_forward(p, x.data(), ty.data(), nullptr);
    else avg_pool2d_forward(p, x.data(), ty.data(), nullptr);
    return test::dot(ty, r);
  }, 1e-4f);
}
}  // namespace

TEST(pooling_fast_vs_reference_and_gradients) {
  test::Rng rng(41);
  ThreadPool pool(2);
  struct P { int n, h, w, c, ph, pw, sh, sw; bool same; } cases[] = {
      {2, 5, 5, 3, 2, 2, 2, 2, false}, {2, 7, 6, 2, 3, 3, 2, 2, true}, {1, 4, 4, 3, 2, 2, 1, 1, true},
      {2, 4, 5, 2, 3, 3, 3, 3, true},  {1, 6, 6, 2, 3, 2, 1, 2, false}, {2, 26, 26, 4, 2, 2, 2, 2, false},
  };
  for (const P& c : cases) {
    Pool2DParams p;
    p.batch = c.n; p.h = c.h; p.w = c.w; p.c = c.c; p.ph = c.ph; p.pw = c.pw; p.sh = c.sh; p.sw = c.sw; p.same = c.same;
    for (bool is_max : {true, false}) {
      pool_case(p, is_max, nullptr, rng);
      pool_case(p, is_max, &pool, rng);
    }
  }
  // SAME average divides by the valid count: 3x3 input of ones... use a ramp and check a corner by hand.
  Pool2DParams p; p.batch = 1; p.h = 3; p.w = 3; p.c = 1; p.ph = 2; p.pw = 2; p.sh = 2; p.sw = 2; p.same = true;
  float x[9] = {1, 2, 3, 4, 5, 6, 7, 8, 9}, y[4];
  avg_pool2d_forward(p, x, y, nullptr);
  CHECK(y[0] == 3.0f && y[1] == 4.5f && y[2] == 7.5f && y[3] == 9.0f);
  // Max-pool gradient goes to the first max in the window.
  float xt[4] = {1, 1, 1, 1}, yt[1], dxt[4] = {0, 0, 0, 0}, dyt[1] = {1};
  Pool2DParams q; q.batch = 1; q.h = 2; q.w = 2; q.c = 1;
  max_pool2d_forward(q, xt, yt, nullptr);
  max_pool2d_backward(q, xt, dyt, dxt, nullptr);
  CHECK(dxt[0] == 1.0f && dxt[1] == 0.0f && dxt[2] == 0.0f && dxt[3] == 0.0f);
}

TEST(global_pooling_gradients) {
  test::Rng rng(51);
  ThreadPool pool(2);
  const int n = 3, h = 4, w = 5, c = 6;
  std::vector<float> x = rng.vec(n * h * w * c), r = rng.vec(n * c), y(n * c), ty(n * c);
  for (bool is_max : {false, true}) {
    std::vector<float> dx(x.size(), 0.0f);
    if (is_max) {
      global_max_pool2d_forward(n, h, w, c, x.data(), y.data(), &pool);
      global_max_pool2d_backward(n, h, w, c, x.data(), r.data(), dx.data(), &pool);
    } else {
      global_avg_pool2d_forward(n, h, w, c, x.data(), y.data(), &pool);
      global_avg_pool2d_backward(n, h, w, c, r.data(), dx.data(), &pool);
    }
    test::fd_check(is_max ? "global_max_pool2d" : "global_avg_pool2d", x, dx, [&] {
      if (is_max) global_max_pool2d_forward(n, h, w, c, x.data(), ty.data(), nullptr);
      else global_avg_pool2d_forward(n, h, w, c, x.data(), ty.data(), nullptr);
      return test::dot(ty, r);
    }, 1e-4f);
  }
  float xs[4] = {1, 2, 3, 4}, ys[1];
  global_avg_pool2d_forward(1, 2, 2, 1, xs, ys, nullptr);
  CHECK(ys[0] == 2.5f);
  global_max_pool2d_forward(1, 2, 2, 1, xs, ys, nullptr);
  CHECK(ys[0] == 4.0f);
}

TEST(batch_norm_training_and_inference) {
  test::Rng rng(61);
  ThreadPool pool(2);
  BatchNormParams p;
  p.rows = 4 * 3 * 3;
  p.channels = 5;
  const size_t n = static_cast<size_t>(p.rows) * p.channels;
  std::vector<float> x = rng.vec(n, -2.0f, 3.0f), gamma = rng.vec(5, 0.5f, 1.5f), beta = rng.vec(5);
  std::vector<float> y(n), mean(5), inv(5), mm(5, 0.0f), mv(5, 1.0f), scratch(batch_norm_scratch_size(p));
  batch_norm_forward_training(p, x.data(), gamma.data(), beta.data(), y.data(), mean.data(), inv.data(), mm.data(),
                              mv.data(), scratch.data(), &pool);
  // Hand check of statistics and moving averages for channel 0.
  double s = 0, s2 = 0;
  for (int64_t r = 0; r < p.rows; ++r) s += x[r * 5];
  const double m0 = s / p.rows;
  for (int64_t r = 0; r < p.rows; ++r) s2 += (x[r * 5] - m0) * (x[r * 5] - m0);
  const double v0 = s2 / p.rows;
  test::check_near("bn mean", mean[0], m0, 1e-6);
  test::check_near("bn inv_std", inv[0], 1.0 / std::sqrt(v0 + 1e-3), 1e-5);
  test::check_near("bn moving mean", mm[0], 0.01 * m0, 1e-6);
  test::check_near("bn moving var (biased)", mv[0], 0.99 + 0.01 * v0, 1e-6);
  test::check_near("bn y[0]", y[0], (x[0] - m0) / std::sqrt(v0 + 1e-3) * gamma[0] + beta[0], 1e-5);
  {
    BatchNormParams pu = p;
    pu.unbiased_moving_variance = true;
    std::vector<float> mm2(5, 0.0f), mv2(5, 1.0f), y2(n);
    batch_norm_forward_training(pu, x.data(), gamma.data(), beta.data(), y2.data(), mean.data(), inv.data(), mm2.data(),
                                mv2.data(), scratch.data(), nullptr);
    test::check_near("bn moving var (unbiased option)", mv2[0], 0.99 + 0.01 * s2 / (p.rows - 1), 1e-6);
  }
  // Gradients (training mode).
  std::vector<float> r = rng.vec(n), dx(n, 0.0f), dg(5), dbt(5), ty(n), tm(5), ti(5);
  batch_norm_backward_training(p, x.data(), gamma.data(), mean.data(), inv.data(), r.data(), dx.data(), dg.data(),
                               dbt.data(), scratch.data(), &pool);
  auto loss = [&] {
    batch_norm_forward_training(p, x.data(), gamma.data(), beta.data(), ty.data(), tm.data(), ti.data(), nullptr,
                                nullptr, scratch.data(), nullptr);
    return test::dot(ty, r);
  };
  test::fd_check("batch_norm training dx", x, dx, loss, 1e-3f, 3e-3, 3e-2);
  test::fd_check("batch_norm training dgamma", gamma, dg, loss);
  test::fd_check("batch_norm training dbeta", beta, dbt, loss);
  // Without gamma/beta (scale=False, center=False).
  std::vector<float> dx2(n, 0.0f);
  batch_norm_forward_training(p, x.data(), nullptr, nullptr, y.data(), mean.data(), inv.data(), nullptr, nullptr,
                              scratch.data(), nullptr);
  batch_norm_backward_training(p, x.data(), nullptr, mean.data(), inv.data(), r.data(), dx2.data(), nullptr, nullptr,
                               scratch.data(), nullptr);
  test::fd_check("batch_norm no scale/center dx", x, dx2, [&] {
    batch_norm_forward_training(p, x.data(), nullptr, nullptr, ty.data(), tm.data(), ti.data(), nullptr, nullptr,
                                scratch.data(), nullptr);
    return test::dot(ty, r);
  }, 1e-3f, 3e-3, 3e-2);
  // Inference mode forward/backward.
  std::vector<float> mvv = rng.vec(5, 0.5f, 2.0f), mmm = rng.vec(5);
  std::vector<float> dxi(n, 0.0f), dgi(5), dbi(5);
  batch_norm_forward_inference(p, x.data(), gamma.data(), beta.data(), mmm.data(), mvv.data(), y.data(), &pool);
  test::check_near("bn inference y[7]", y[7], (x[7] - mmm[2]) / std::sqrt(mvv[2] + 1e-3) * gamma[2] + beta[2], 1e-5);
  batch_norm_backward_inference(p, x.data(), gamma.data(), mmm.data(), mvv.data(), r.data(), dxi.data(), dgi.data(),
                                dbi.data(), scratch.data(), &pool);
  auto iloss = [&] {
    batch_norm_forward_inference(p, x.data(), gamma.data(), beta.data(), mmm.data(), mvv.data(), ty.data(), nullptr);
    return test::dot(ty, r);
  };
  test::fd_check("batch_norm inference dx", x, dxi, iloss);
  test::fd_check("batch_norm inference dgamma", gamma, dgi, iloss);
  test::fd_check("batch_norm inference dbeta", beta, dbi, iloss);
  // Thread-count independence of the statistics.
  std::vector<float> mean1(5), inv1(5), y1(n);
  batch_norm_forward_training(p, x.data(), gamma.data(), beta.data(), y1.data(), mean1.data(), inv1.data(), nullptr,
                              nullptr, scratch.data(), nullptr);
  ThreadPool pool3(3);
  std::vector<float> mean3(5), inv3(5), y3(n);
  batch_norm_forward_training(p, x.data(), gamma.data(), beta.data(), y3.data(), mean3.data(), inv3.data(), nullptr,
                              nullptr, scratch.data(), &pool3);
  CHECK(mean1 == mean3 && inv1 == inv3 && y1 == y3);
}

TEST(batch_norm_large_mean_and_many_rows) {
  // rows > several flush blocks and a mean far from zero: compare with a double-precision computation.
  test::Rng rng(62);
  BatchNormParams p;
  p.rows = 3000;
  p.channels = 19;
  const size_t n = static_cast<size_t>(p.rows) * p.channels;
  std::vector<float> x = rng.vec(n, 99.0f, 101.0f), dy = rng.vec(n), gamma = rng.vec(19, 0.5f, 1.5f);
  std::vector<float> y(n), mean(19), inv(19), dx(n, 0.0f), dg(19), db(19), scratch(batch_norm_scratch_size(p));
  ThreadPool pool(2);
  batch_norm_forward_training(p, x.data(), gamma.data(), nullptr, y.data(), mean.data(), inv.data(), nullptr, nullptr,
                              scratch.data(), &pool);
  batch_norm_backward_training(p, x.data(), gamma.data(), mean.data(), inv.data(), dy.data(), dx.data(), dg.data(),
                               db.data(), scratch.data(), &pool);
  std::vector<float> ry(n), rdx(n), rdg(19), rdb(19);
  for (int c = 0; c < 19; ++c) {
    double m = 0, v = 0, sdy = 0, sdyx = 0;
    for (int64_t r = 0; r < p.rows; ++r) m += x[r * 19 + c];
    m /= p.rows;
    for (int64_t r = 0; r < p.rows; ++r) v += (x[r * 19 + c] - m) * (x[r * 19 + c] - m);
    v /= p.rows;
    const double is = 1.0 / std::sqrt(v + 1e-3);
    for (int64_t r = 0; r < p.rows; ++r) {
      const double xh = (x[r * 19 + c] - m) * is;
      ry[r * 19 + c] = static_cast<float>(xh * gamma[c]);
      sdy += dy[r * 19 + c];
      sdyx += dy[r * 19 + c] * xh;
    }
    rdb[c] = static_cast<float>(sdy);
    rdg[c] = static_cast<float>(sdyx);
    for (int64_t r = 0; r < p.rows; ++r) {
      const double xh = (x[r * 19 + c] - m) * is;
      rdx[r * 19 + c] = static_cast<float>(gamma[c] * is * (dy[r * 19 + c] - sdy / p.rows - xh * sdyx / p.rows));
    }
  }
  test::check_close("bn large mean y", y, ry, 2e-4, 1e-4);
  test::check_close("bn large mean dx", dx, rdx, 2e-4, 1e-4);
  test::check_close("bn large mean dgamma", dg, rdg, 2e-4, 1e-4);
  test::check_close("bn large mean dbeta", db, rdb, 2e-4, 1e-4);
}

TEST(dropout_deterministic_across_threads) {
  DropoutParams p;
  p.size = 100003;
  p.rate = 0.3f;
  p.seed = 42;
  p.step = 7;
  test::Rng rng(71);
  std::vector<float> x = rng.vec(p.size), y1(p.size), y2(p.size), y3(p.size);
  ThreadPool pool2(2), pool3(3);
  dropout_forward(p, x.data(), y1.data(), nullptr);
  dropout_forward(p, x.data(), y2.data(), &pool2);
  dropout_forward(p, x.data(), y3.data(), &pool3);
  CHECK(y1 == y2);
  CHECK(y1 == y3);
  int64_t kept = 0;
  bool scaled = true;
  for (int64_t i = 0; i < p.size; ++i) {
    const bool k = dropout_keep(p, i);
    kept += k;
    const float want = k ? x[i] / 0.7f : 0.0f;
    if (std::fabs(y1[i] - want) > 1e-6f) scaled = false;
  }
  CHECK(scaled);
  CHECK(std::fabs(static_cast<double>(kept) / p.size - 0.7) < 0.01);
  // Backward uses the same mask and accumulates.
  std::vector<float> dy = rng.vec(p.size), dx(p.size, 1.0f);
  dropout_backward(p, dy.data(), dx.data(), &pool2);
  bool ok = true;
  for (int64_t i = 0; i < p.size; ++i) {
    const float want = 1.0f + (dropout_keep(p, i) ? dy[i] / 0.7f : 0.0f);
    if (std::fabs(dx[i] - want) > 1e-5f) ok = false;
  }
  CHECK(ok);
  // A different step gives a different mask; rate 0 is the identity.
  DropoutParams q = p;
  q.step = 8;
  std::vector<float> yq(p.size);
  dropout_forward(q, x.data(), yq.data(), nullptr);
  CHECK(yq != y1);
  q.rate = 0.0f;
  dropout_forward(q, x.data(), yq.data(), nullptr);
  CHECK(yq == x);
}

TEST(merge_add_and_concatenate) {
  test::Rng rng(81);
  std::vector<float> a = rng.vec(60), b = rng.vec(60), c = rng.vec(60), y(60);
  const float* ins[3] = {a.data(), b.data(), c.data()};
  add_forward(ins, 3, 60, y.data());
  bool ok = true;
  for (int i = 0; i < 60; ++i) ok = ok && std::fabs(y[i] - (a[i] + b[i] + c[i])) < 1e-6f;
  CHECK(ok);
  std::vector<float> dy = rng.vec(60), da(60, 1.0f), db(60, 0.0f);
  float* dxs[3] = {da.data(), nullptr, db.data()};
  add_backward(dy.data(), dxs, 3, 60);
  ok = true;
  for (int i = 0; i < 60; ++i) ok = ok && da[i] == 1.0f + dy[i] && db[i] == dy[i];
  CHECK(ok);
  // Concatenate (2,3,4,C) tensors with C = 2 and 5 along the last axis, and (2,a,4,3) along axis 1.
  for (int axis : {-1, 1}) {
    int s0[4] = {2, 3, 4, 2}, s1[4] = {2, 3, 4, 5};
    if (axis == 1) {
      s0[1] = 2; s0[3] = 3;
      s1[1] = 5; s1[3] = 3;
    }
    const int* shapes[2] = {s0, s1};
    int64_t outer = 0, spans[2];
    CHECK(concat_geometry(shapes, 2, 4, axis, &outer, spans));
    const size_t n0 = 2 * s0[1] * 4 * s0[3], n1 = 2 * s1[1] * 4 * s1[3];
    std::vector<float> x0 = rng.vec(n0), x1 = rng.vec(n1), out(n0 + n1);
    const float* cins[2] = {x0.data(), x1.data()};
    concat_forward(cins, spans, 2, outer, out.data());
    // Check by explicit index arithmetic on the 4-D shape.
    const int ax = axis < 0 ? 3 : axis;
    int so[4] = {s0[0], s0[1], s0[2], s0[3]};
    so[ax] = s0[ax] + s1[ax];
    ok = true;
    for (int i0 = 0; i0 < so[0]; ++i0)
      for (int i1 = 0; i1 < so[1]; ++i1)
        for (int i2 = 0; i2 < so[2]; ++i2)
          for (int i3 = 0; i3 < so[3]; ++i3) {
            int idx[4] = {i0, i1, i2, i3};
            const float got = out[((static_cast<size_t>(i0) * so[1] + i1) * so[2] + i2) * so[3] + i3];
            const bool first = idx[ax] < s0[ax];
            const int* sh = first ? s0 : s1;
            if (!first) idx[ax] -= s0[ax];
            const float want = (first ? x0 : x1)[((static_cast<size_t>(idx[0]) * sh[1] + idx[1]) * sh[2] + idx[2]) * sh[3] + idx[3]];
            ok = ok && got == want;
          }
    CHECK_NAMED("concat forward axis " + std::to_string(axis), ok);
    std::vector<float> g = rng.vec(n0 + n1), g0(n0, 0.0f), g1(n1, 2.0f), back(n0 + n1);
    float* douts[2] = {g0.data(), g1.data()};
    concat_backward(g.data(), douts, spans, 2, outer);
    for (auto& v : g1) v -= 2.0f;
    const float* bins[2] = {g0.data(), g1.data()};
    concat_forward(bins, spans, 2, outer, back.data());
    test::check_close("concat backward axis " + std::to_string(axis), back, g, 1e-6, 1e-6);
  }
  int bad0[2] = {2, 3}, bad1[2] = {3, 3};
  const int* bad[2] = {bad0, bad1};
  int64_t o, sp[2];
  CHECK(!concat_geometry(bad, 2, 2, 1, &o, sp));
}
