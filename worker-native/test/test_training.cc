// Losses (values and finite-difference gradients), accuracy, optimizers against hand-computed Keras 3
// updates (3 steps), clipping, L2, schedules, initializers; plus a check that the harness catches errors.
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "activations.h"
#include "check.h"
#include "initializers.h"
#include "losses.h"
#include "optimizers.h"
#include "thread_pool.h"

using namespace layerwise;
using namespace layerwise::kernels;

TEST(harness_detects_errors) {
  // fd_check and check_close must fail on a wrong gradient; undo the counted failures afterwards.
  std::vector<float> x = {0.3f, -0.7f, 1.1f}, wrong = {0.6f, -1.4f, 2.3f};  // d/dx sum x^2 = 2x; last is wrong
  const int failed_before = test::counters().failed;
  test::counters().quiet = true;
  const bool r = test::fd_check("deliberately wrong gradient", x, wrong, [&] {
    double s = 0;
    for (float v : x) s += static_cast<double>(v) * v;
    return s;
  });
  const bool n = test::check_close("deliberately NaN", std::vector<float>{std::nanf("")}, std::vector<float>{0.0f}, 1, 1);
  test::counters().failed = failed_before;
  test::counters().quiet = false;
  CHECK(!r && !n);
}

namespace {
// The mean loss of `count` samples as the model computes it (kernels::loss_forward_backward over one chunk).
// logits: null for a loss on the output values; grad (optional) receives d(mean loss)/d(logits or output).
double mean_loss(Loss loss, Act act, const float* logits, const float* out, int count, int k, LossTargets t,
                 float* grad = nullptr, double* accuracy = nullptr) {
  const LossSums s = loss_forward_backward({loss, act, logits, out, count, k, t, 0}, grad, count);
  if (accuracy) *accuracy = s.accuracy / count;
  return s.loss / count;
}
LossTargets labels(const int32_t* l) { return {l, nullptr, nullptr}; }
LossTargets labels(const uint8_t* l) { return {nullptr, l, nullptr}; }
LossTargets values(const float* t) { return {nullptr, nullptr, t}; }
}  // namespace

TEST(loss_values) {
  const float logits[3] = {1.0f, 2.0f, 3.0f};
  float probs3[3];
  activation_forward(Act::Softmax, logits, probs3, 1, 3, nullptr);
  const int32_t label[1] = {2};
  const auto sce = Loss::SparseCategoricalCrossentropy;
  CHECK(loss_fuses_activation(sce, Act::Softmax) && !loss_fuses_activation(sce, Act::Sigmoid));
  CHECK(loss_fuses_activation(Loss::BinaryCrossentropy, Act::Sigmoid) && !loss_fuses_activation(Loss::MeanSquaredError, Act::Softmax));
  test::check_near("sparse softmax CE value", mean_loss(sce, Act::Softmax, logits, probs3, 1, 3, labels(label)),
                   0.40760596444438013, 1e-6);
  const float big[2] = {1000.0f, -1000.0f}, big_p[2] = {1.0f, 0.0f};
  const uint8_t l1[1] = {1};
  test::check_near("sparse softmax CE stable", mean_loss(sce, Act::Softmax, big, big_p, 1, 2, labels(l1)), 2000.0, 1e-9);
  const float probs[3] = {0.2f, 0.3f, 0.5f}, onehot[3] = {0, 1, 0};
  const auto cce = Loss::CategoricalCrossentropy;
  test::check_near("categorical CE value", mean_loss(cce, Act::Softmax, nullptr, probs, 1, 3, values(onehot)), -std::log(0.3), 1e-6);
  const float zero_p[2] = {0.0f, 1.0f}, t01[2] = {1.0f, 0.0f};
  test::check_near("categorical CE clipped", mean_loss(cce, Act::Linear, nullptr, zero_p, 1, 2, values(t01)), -std::log(1e-7), 1e-5);
  const float bp[2] = {0.8f, 0.1f}, bt[2] = {1.0f, 0.0f};
  const auto bce = Loss::BinaryCrossentropy;
  test::check_near("binary CE value", mean_loss(bce, Act::Linear, nullptr, bp, 1, 2, values(bt)),
                   -(std::log(0.8) + std::log(0.9)) / 2.0, 1e-6);
  // Fused with sigmoid, from the logits: the same value as on the probabilities, without the clip.
  const float bz[2] = {std::log(4.0f), -std::log(9.0f)};
  test::check_near("binary CE fused value", mean_loss(bce, Act::Sigmoid, bz, bp, 1, 2, values(bt)),
                   -(std::log(0.8) + std::log(0.9)) / 2.0, 1e-6);
  const float mp[4] = {1, 2, 3, 4}, mt[4] = {0, 2, 5, 4};
  test::check_near("MSE value", mean_loss(Loss::MeanSquaredError, Act::Linear, nullptr, mp, 2, 2, values(mt)), (1.0 + 4.0) / 4.0, 1e-9);
  // Accuracy: argmax (ties go to the first index), or elementwise > 0.5 for binary targets.
  const float pr[6] = {0.1f, 0.7f, 0.2f, 0.5f, 0.5f, 0.0f};
  const int32_t lab[2] = {1, 1};
  double acc = 0;
  mean_loss(sce, Act::Linear, nullptr, pr, 2, 3, labels(lab), nullptr, &acc);
  test::check_near("sparse accuracy (tie in row 2 goes to index 0)", acc, 0.5, 0);
  const float tt[6] = {0, 1, 0, 1, 0, 0};
  mean_loss(cce, Act::Linear, nullptr, pr, 2, 3, values(tt), nullptr, &acc);
  test::check_near("categorical accuracy", acc, 1.0, 0);
  const float bpred[3] = {0.6f, 0.4f, 0.5f}, btgt[3] = {1, 0, 1};
  mean_loss(bce, Act::Linear, nullptr, bpred, 1, 3, values(btgt), nullptr, &acc);
  test::check_near("binary accuracy", acc, 2.0 / 3.0, 1e-12);
  mean_loss(Loss::MeanSquaredError, Act::Linear, nullptr, bpred, 3, 1, values(btgt), nullptr, &acc);
  test::check_near("MSE accuracy of one output (thresholded)", acc, 2.0 / 3.0, 1e-12);
}

TEST(loss_gradients) {
  test::Rng rng(91);
  const int n = 6, c = 5;
  const auto sce = Loss::SparseCategoricalCrossentropy, cce = Loss::CategoricalCrossentropy;
  std::vector<float> logits = rng.vec(n * c, -3.0f, 3.0f), probs(n * c), g(n * c);
  std::vector<int32_t> labels32 = {0, 4, 2, 2, 1, 3};
  std::vector<uint8_t> labels8(labels32.begin(), labels32.end());
  // Fused: the loss depends on the logits only; the gradient uses the softmax output.
  auto fused = [&](LossTargets t, Loss loss, float* grad) {
    activation_forward(Act::Softmax, logits.data(), probs.data(), n, c, nullptr);
    return mean_loss(loss, Act::Softmax, logits.data(), probs.data(), n, c, t, grad);
  };
  fused(labels(labels32.data()), sce, g.data());
  test::fd_check("sparse softmax CE", logits, g, [&] { return fused(labels(labels32.data()), sce, nullptr); });
  std::vector<float> g8(n * c);
  fused(labels(labels8.data()), sce, g8.data());
  test::check_close("sparse softmax CE uint8 labels", g8, g, 0, 0);
  std::vector<float> soft = rng.vec(n * c, 0.0f, 1.0f);  // soft targets that need not sum to 1
  fused(values(soft.data()), cce, g.data());
  test::fd_check("categorical softmax CE (soft targets)", logits, g, [&] { return fused(values(soft.data()), cce, nullptr); });
  // Probabilities: softmax of random logits (strictly inside the clip range).
  std::vector<float> targets = rng.vec(n * c, 0.0f, 1.0f);
  activation_forward(Act::Softmax, logits.data(), probs.data(), n, c, nullptr);
  activation_forward(Act::Softmax, targets.data(), targets.data(), n, c, nullptr);  // a distribution per row
  auto on_probs = [&](std::vector<float>& p, LossTargets t, Loss loss, float* grad) {
    return mean_loss(loss, Act::Softmax, nullptr, p.data(), n, c, t, grad);
  };
  on_probs(probs, values(targets.data()), cce, g.data());
  test::fd_check("categorical CE", probs, g, [&] { return on_probs(probs, values(targets.data()), cce, nullptr); }, 1e-4f);
  on_probs(probs, labels(labels32.data()), sce, g.data());
  test::fd_check("sparse categorical CE (probabilities)", probs, g,
                 [&] { return on_probs(probs, labels(labels32.data()), sce, nullptr); }, 1e-4f);
  // Unnormalised probabilities exercise the normalisation gradient.
  std::vector<float> un = rng.vec(n * c, 0.1f, 1.0f);
  on_probs(un, values(targets.data()), cce, g.data());
  test::fd_check("categorical CE unnormalised", un, g, [&] { return on_probs(un, values(targets.data()), cce, nullptr); }, 1e-4f);
  const auto bce = Loss::BinaryCrossentropy;
  std::vector<float> bprob = rng.vec(n * 2, 0.05f, 0.95f), btgt = rng.vec(n * 2, 0.0f, 1.0f), bg(n * 2);
  mean_loss(bce, Act::Linear, nullptr, bprob.data(), n, 2, values(btgt.data()), bg.data());
  test::fd_check("binary CE", bprob, bg, [&] { return mean_loss(bce, Act::Linear, nullptr, bprob.data(), n, 2, values(btgt.data())); }, 1e-4f);
  std::vector<float> bz = rng.vec(n * 2, -3.0f, 3.0f), bs(n * 2);
  auto bfused = [&](float* grad) {
    activation_forward(Act::Sigmoid, bz.data(), bs.data(), n, 2, nullptr);
    return mean_loss(bce, Act::Sigmoid, bz.data(), bs.data(), n, 2, values(btgt.data()), grad);
  };
  bfused(bg.data());
  test::fd_check("binary sigmoid CE (fused)", bz, bg, [&] { return bfused(nullptr); });
  std::vector<float> pred = rng.vec(n * 3), tgt = rng.vec(n * 3), mg(n * 3);
  mean_loss(Loss::MeanSquaredError, Act::Linear, nullptr, pred.data(), n, 3, values(tgt.data()), mg.data());
  test::fd_check("MSE", pred, mg, [&] { return mean_loss(Loss::MeanSquaredError, Act::Linear, nullptr, pred.data(), n, 3, values(tgt.data())); });
  // Fused softmax CE gradient equals CE-on-probabilities gradient chained through softmax backward.
  std::vector<float> dprob(n * c), chained(n * c);
  activation_forward(Act::Softmax, logits.data(), probs.data(), n, c, nullptr);
  on_probs(probs, labels(labels32.data()), sce, dprob.data());
  activation_backward(Act::Softmax, nullptr, probs.data(), dprob.data(), chained.data(), n, c, false, nullptr);
  fused(labels(labels32.data()), sce, g.data());
  test::check_close("fused softmax CE == softmax backward of CE", g, chained, 1e-6, 1e-4);
}

TEST(optimizers_match_keras_formulas) {
  const std::vector<float> p0 = {0.5f, -1.0f};
  const float grads[3][2] = {{0.1f, -0.2f}, {0.3f, 0.05f}, {-0.2f, 0.4f}};
  auto run = [&](auto step) {
    std::vector<float> p = p0, s1(2, 0.0f), s2(2, 0.0f);
    for (int t = 0; t < 3; ++t) step(p.data(), grads[t], s1.data(), s2.data(), t + 1);
    return p;
  };
  // Expected values: Keras 3 formulas evaluated step by step in float32 (numpy), see the header comments.
  auto expect = [&](const char* name, const std::vector<float>& got, double a, double b) {
    test::check_close(name, got, std::vector<float>{static_cast<float>(a), static_cast<float>(b)}, 1e-6, 1e-6);
  };
  expect("sgd", run([](float* p, const float* g, float*, float*, int) { sgd_step(p, g, nullptr, 2, 0.1f, 0.0f, false); }),
         0.48000001907348633, -1.024999976158142);
  expect("sgd momentum 0.9", run([](float* p, const float* g, float* m, float*, int) { sgd_step(p, g, m, 2, 0.1f, 0.9f, false); }),
         0.4359000027179718, -0.9952999949455261);
  expect("sgd nesterov", run([](float* p, const float* g, float* m, float*, int) { sgd_step(p, g, m, 2, 0.1f, 0.9f, true); }),
         0.4223099946975708, -1.0207700729370117);
  AdamParams a;
  a.lr = 0.01f;
  expect("adam", run([&](float* p, const float* g, float* m, float* v, int t) { adam_step(p, g, m, v, 2, t, a); }),
         0.4782435894012451, -0.9893237948417664);
  expect("adamw wd 0.04", run([&](float* p, const float* g, float* m, float* v, int t) { adamw_step(p, g, m, v, 2, t, a, 0.04f); }),
         0.4776555001735687, -0.9881342053413391);
  RmsPropParams r;
  r.lr = 0.01f;
  expect("rmsprop", run([&](float* p, const float* g, float* v, float*, int) { rmsprop_step(p, g, v, nullptr, 2, r); }),
         0.4558299481868744, -1.005105972290039);
  r.momentum = 0.5f;
  expect("rmsprop momentum 0.5", run([&](float* p, const float* g, float* v, float* m, int) { rmsprop_step(p, g, v, m, 2, r); }),
         0.41703855991363525, -0.9854182600975037);
  // Threaded update over a large buffer equals the serial one.
  ThreadPool pool(2);
  std::vector<float> P(100000, 0.5f), G(100000), M(100000, 0.0f), V(100000, 0.0f);
  for (size_t i = 0; i < G.size(); ++i) G[i] = std::sin(static_cast<float>(i));
  std::vector<float> P2 = P, M2 = M, V2 = V;
  adam_step(P.data(), G.data(), M.data(), V.data(), P.size(), 1, a, &pool);
  adam_step(P2.data(), G.data(), M2.data(), V2.data(), P2.size(), 1, a, nullptr);
  CHECK(P == P2);
}

TEST(clipping_l2_and_schedules) {
  std::vector<float> g = {3.0f, 4.0f};
  test::check_near("global norm", clip_by_global_norm(g.data(), 2, 1.0f), 5.0, 1e-9);
  test::check_close("clipped", g, std::vector<float>{0.6f, 0.8f}, 1e-7, 1e-6);
  std::vector<float> g1 = {1.0f, 2.0f}, g2 = {2.0f};
  float* ptrs[2] = {g1.data(), g2.data()};
  size_t sizes[2] = {2, 1};
  test::check_near("global norm multi", clip_by_global_norm(ptrs, sizes, 2, 10.0f), 3.0, 1e-9);
  CHECK(g1[0] == 1.0f && g2[0] == 2.0f);  // under the limit: untouched
  clip_by_global_norm(ptrs, sizes, 2, 1.5f);
  test::check_close("global clip multi", std::vector<float>{g1[0], g1[1], g2[0]}, std::vector<float>{0.5f, 1.0f, 1.0f}, 1e-7, 1e-6);
  std::vector<float> p = {1.0f, -2.0f}, gr = {0.0f, 0.0f};
  test::check_near("l2 penalty", add_l2_regularization(p.data(), gr.data(), 2, 0.01f), 0.05, 1e-7);
  test::check_close("l2 gradient", gr, std::vector<float>{0.02f, -0.04f}, 1e-8, 1e-6);
  std::vector<float> wd = {1.0f, -2.0f};
  apply_weight_decay(wd.data(), 2, 0.1f, 0.5f);
  test::check_close("weight decay", wd, std::vector<float>{0.95f, -1.9f}, 1e-7, 1e-6);
  test::check_near("lr constant", lr_constant(0.1f, 1000), 0.1, 1e-7);
  test::check_near("lr step 0", lr_step_decay(0.1f, 9, 10, 0.5f), 0.1, 1e-7);
  test::check_near("lr step 25", lr_step_decay(0.1f, 25, 10, 0.5f), 0.025, 1e-7);
  test::check_near("lr cosine 0", lr_cosine_decay(0.1f, 0, 100, 0.0f), 0.1, 1e-7);
  test::check_near("lr cosine half", lr_cosine_decay(0.1f, 50, 100, 0.0f), 0.05, 1e-7);
  test::check_near("lr cosine end alpha", lr_cosine_decay(0.1f, 150, 100, 0.1f), 0.01, 1e-7);
}

TEST(initializers_distributions_and_determinism) {
  const size_t n = 200000;
  std::vector<float> a(n), b(n);
  struct K { Initializer kind; const char* name; double stddev; double bound; } kinds[] = {
      {Initializer::GlorotUniform, "glorot_uniform", std::sqrt(6.0 / 300.0) / std::sqrt(3.0), std::sqrt(6.0 / 300.0)},
      {Initializer::HeUniform, "he_uniform", std::sqrt(6.0 / 100.0) / std::sqrt(3.0), std::sqrt(6.0 / 100.0)},
      // truncated normal at 2 sigma with the 0.8796 correction has variance scale / fan
      {Initializer::GlorotNormal, "glorot_normal", std::sqrt(1.0 / 150.0), 2.0 * std::sqrt(1.0 / 150.0) / 0.87962566103423978},
      {Initializer::HeNormal, "he_normal", std::sqrt(2.0 / 100.0), 2.0 * std::sqrt(2.0 / 100.0) / 0.87962566103423978},
      {Initializer::LecunNormal, "lecun_normal", std::sqrt(1.0 / 100.0), 2.0 * std::sqrt(1.0 / 100.0) / 0.87962566103423978},
  };
  for (const K& k : kinds) {
    initialize(k.kind, a.data(), n, 100, 200, 7);
    initialize(k.kind, b.data(), n, 100, 200, 7);
    CHECK_NAMED(std::string(k.name) + " deterministic", a == b);
    initialize(k.kind, b.data(), n, 100, 200, 8);
    CHECK_NAMED(std::string(k.name) + " seed changes values", a != b);
    double s = 0, s2 = 0, mx = 0;
    for (float v : a) {
      s += v;
      s2 += static_cast<double>(v) * v;
      mx = std::fmax(mx, std::fabs(v));
    }
    const double mean = s / n, sd = std::sqrt(s2 / n - mean * mean);
    test::check_near(std::string(k.name) + " mean", mean, 0.0, 3e-3 * k.stddev / 0.05);
    test::check_near(std::string(k.name) + " stddev", sd / k.stddev, 1.0, 1e-2);
    CHECK_NAMED(std::string(k.name) + " bounded", mx <= k.bound * (1 + 1e-6));
  }
  initialize(Initializer::Zeros, a.data(), 10, 1, 1, 0);
  initialize(Initializer::Ones, a.data() + 10, 10, 1, 1, 0);
  CHECK(a[0] == 0.0f && a[9] == 0.0f && a[10] == 1.0f && a[19] == 1.0f);
}
