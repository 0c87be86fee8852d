#include "losses.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "thread_pool.h"

namespace layerwise {
namespace kernels {

namespace {

template <class L>
double sparse_softmax_ce(const float* logits, const L* labels, int64_t n, int c, float* dlogits, ThreadPool* pool) {
  if (n <= 0) return 0.0;
  // Fixed chunks summed in order: the result does not depend on the thread count.
  constexpr int kChunks = 16;
  double part[kChunks] = {0};
  bool bad[kChunks] = {false};
  const int chunks = static_cast<int>(std::min<int64_t>(kChunks, n));
  const float inv_n = 1.0f / static_cast<float>(n);
  auto run = [&](int k) {
    double s = 0.0;
    for (int64_t i = n * k / chunks; i < n * (k + 1) / chunks; ++i) {
      const float* z = logits + i * c;
      const int64_t y = static_cast<int64_t>(labels[i]);
      float m = z[0];
      for (int j = 1; j < c; ++j) m = std::max(m, z[j]);
      double se = 0.0;
      for (int j = 0; j < c; ++j) se += std::exp(static_cast<double>(z[j]) - m);
      const double lse = m + std::log(se);
      if (y < 0 || y >= c) {
        bad[k] = true;
        if (dlogits) std::fill(dlogits + i * c, dlogits + (i + 1) * c, 0.0f);
        continue;
      }
      s += lse - z[y];
      if (dlogits) {
        float* d = dlogits + i * c;
        for (int j = 0; j < c; ++j) d[j] = static_cast<float>(std::exp(static_cast<double>(z[j]) - lse)) * inv_n;
        d[y] -= inv_n;
      }
    }
    part[k] = s;
  };
  if (pool && n * c >= 16384) {
    pool->run(chunks, run);
  } else {
    for (int k = 0; k < chunks; ++k) run(k);
  }
  double total = 0.0;
  for (int k = 0; k < chunks; ++k) {
    if (bad[k]) return std::numeric_limits<double>::quiet_NaN();
    total += part[k];
  }
  return total / static_cast<double>(n);
}

// Shared by categorical / sparse-on-probabilities. target(i, j) gives t_ij.
template <class T>
double probs_ce(const float* probs, int64_t n, int c, float* dprobs, T target) {
  if (n <= 0) return 0.0;
  const double eps = kLossEpsilon;
  double total = 0.0;
  for (int64_t i = 0; i < n; ++i) {
    const float* p = probs + i * c;
    double s = 0.0;
    for (int j = 0; j < c; ++j) s += p[j];
    double loss = 0.0, gq = 0.0;  // gq = sum_j g_j q_j
    for (int j = 0; j < c; ++j) {
      const double q = p[j] / s;
      const double qc = std::min(std::max(q, eps), 1.0 - eps);
      const double t = target(i, j);
      loss -= t * std::log(qc);
      const double g = (q >= eps && q <= 1.0 - eps) ? -t / qc : 0.0;
      gq += g * q;
      if (dprobs) dprobs[i * c + j] = static_cast<float>(g);  // temporarily g_j
    }
    total += loss;
    if (dprobs) {
      float* d = dprobs + i * c;
      for (int j = 0; j < c; ++j) d[j] = static_cast<float>((d[j] - gq) / s / static_cast<double>(n));
    }
  }
  return total / static_cast<double>(n);
}

template <class L>
double sparse_probs_ce(const float* probs, const L* labels, int64_t n, int c, float* dprobs) {
  for (int64_t i = 0; i < n; ++i) {
    const int64_t y = static_cast<int64_t>(labels[i]);
    if (y < 0 || y >= c) {
      if (dprobs) std::fill(dprobs, dprobs + n * c, 0.0f);
      return std::numeric_limits<double>::quiet_NaN();
    }
  }
  return probs_ce(probs, n, c, dprobs, [&](int64_t i, int j) { return static_cast<int64_t>(labels[i]) == j ? 1.0 : 0.0; });
}

template <class L>
int64_t sparse_acc(const float* pred, const L* labels, int64_t n, int c) {
  int64_t correct = 0;
  for (int64_t i = 0; i < n; ++i) {
    const float* p = pred + i * c;
    int best = 0;
    for (int j = 1; j < c; ++j)
      if (p[j] > p[best]) best = j;
    if (static_cast<int64_t>(labels[i]) == best) ++correct;
  }
  return correct;
}

}  // namespace

double sparse_softmax_cross_entropy(const float* logits, const int32_t* labels, int64_t n, int c, float* dlogits,
                                    ThreadPool* pool) {
  return sparse_softmax_ce(logits, labels, n, c, dlogits, pool);
}
double sparse_softmax_cross_entropy(const float* logits, const uint8_t* labels, int64_t n, int c, float* dlogits,
                                    ThreadPool* pool) {
  return sparse_softmax_ce(logits, labels, n, c, dlogits, pool);
}

double categorical_cross_entropy(const float* probs, const float* targets, int64_t n, int c, float* dprobs) {
  return probs_ce(probs, n, c, dprobs, [&](int64_t i, int j) { return static_cast<double>(targets[i * c + j]); });
}
double sparse_categorical_cross_entropy(const float* probs, const int32_t* labels, int64_t n, int c, float* dprobs) {
  return sparse_probs_ce(probs, labels, n, c, dprobs);
}
double sparse_categorical_cross_entropy(const float* probs, const uint8_t* labels, int64_t n, int c, float* dprobs) {
  return sparse_probs_ce(probs, labels, n, c, dprobs);
}

double binary_cross_entropy(const float* probs, const float* targets, int64_t n, int d, float* dprobs) {
  const int64_t size = n * d;
  if (size <= 0) return 0.0;
  const double eps = kLossEpsilon, scale = 1.0 / static_cast<double>(size);
  double total = 0.0;
  for (int64_t i = 0; i < size; ++i) {
    const double p = probs[i], t = targets[i];
    const double pc = std::min(std::max(p, eps), 1.0 - eps);
    total -= t * std::log(pc + eps) + (1.0 - t) * std::log(1.0 - pc + eps);
    if (dprobs) {
      const double g = (p >= eps && p <= 1.0 - eps) ? -(t / (pc + eps) - (1.0 - t) / (1.0 - pc + eps)) : 0.0;
      dprobs[i] = static_cast<float>(g * scale);
    }
  }
  return total * scale;
}

double mean_squared_error(const float* pred, const float* targets, int64_t n, int d, float* dpred) {
  const int64_t size = n * d;
  if (size <= 0) return 0.0;
  const double scale = 1.0 / static_cast<double>(size);
  double total = 0.0;
  for (int64_t i = 0; i < size; ++i) {
    const double e = static_cast<double>(pred[i]) - targets[i];
    total += e * e;
    if (dpred) dpred[i] = static_cast<float>(2.0 * e * scale);
  }
  return total * scale;
}

int64_t sparse_accuracy_count(const float* pred, const int32_t* labels, int64_t n, int c) {
  return sparse_acc(pred, labels, n, c);
}
int64_t sparse_accuracy_count(const float* pred, const uint8_t* labels, int64_t n, int c) {
  return sparse_acc(pred, labels, n, c);
}

int64_t categorical_accuracy_count(const float* pred, const float* targets, int64_t n, int c) {
  int64_t correct = 0;
  for (int64_t i = 0; i < n; ++i) {
    const float* p = pred + i * c;
    const float* t = targets + i * c;
    int bp = 0, bt = 0;
    for (int j = 1; j < c; ++j) {
      if (p[j] > p[bp]) bp = j;
      if (t[j] > t[bt]) bt = j;
    }
    if (bp == bt) ++correct;
  }
  return correct;
}

int64_t binary_accuracy_count(const float* pred, const float* targets, int64_t size, float threshold) {
  int64_t correct = 0;
  for (int64_t i = 0; i < size; ++i)
    if ((pred[i] > threshold) == (targets[i] > 0.5f)) ++correct;
  return correct;
}

}  // namespace kernels
}  // namespace layerwise
