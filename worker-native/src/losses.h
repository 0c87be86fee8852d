// Losses (mean over the batch, Keras "sum_over_batch_size") with their gradient w.r.t. the network output,
// and accuracy counts. Gradients OVERWRITE the gradient buffer (they start the backward pass); pass null
// to skip. Keras epsilon for clipping: 1e-7.
#pragma once
#include <cstdint>

namespace layerwise {
class ThreadPool;
namespace kernels {

constexpr float kLossEpsilon = 1e-7f;

// Sparse categorical cross-entropy FUSED with softmax (from_logits):
//   loss_i = logsumexp(z_i) - z_i[label_i];  dlogits = (softmax(z) - onehot) / n.
// logits (n, c), labels (n). A label outside [0, c) makes the result NaN (its gradient row is zero).
double sparse_softmax_cross_entropy(const float* logits, const int32_t* labels, int64_t n, int c, float* dlogits,
                                    ThreadPool* pool = nullptr);
double sparse_softmax_cross_entropy(const float* logits, const uint8_t* labels, int64_t n, int c, float* dlogits,
                                    ThreadPool* pool = nullptr);

// Categorical cross-entropy on probabilities (from_logits=False), as Keras' TF backend:
//   q = p / sum(p); qc = clip(q, eps, 1 - eps); loss_i = -sum_j t_ij log(qc_ij).
// Gradient through the clip (zero outside [eps, 1-eps]) and the normalisation. probs, targets (n, c).
double categorical_cross_entropy(const float* probs, const float* targets, int64_t n, int c, float* dprobs);
// Same formula with one-hot targets from integer labels (the sparse loss on probabilities).
double sparse_categorical_cross_entropy(const float* probs, const int32_t* labels, int64_t n, int c, float* dprobs);
double sparse_categorical_cross_entropy(const float* probs, const uint8_t* labels, int64_t n, int c, float* dprobs);

// Binary cross-entropy on probabilities, as Keras' TF backend:
//   pc = clip(p, eps, 1 - eps); l = -(t log(pc + eps) + (1 - t) log(1 - pc + eps)), mean over the last axis
//   (d values) then over the batch. probs, targets (n, d).
double binary_cross_entropy(const float* probs, const float* targets, int64_t n, int d, float* dprobs);

// Mean squared error: mean over the last axis then the batch (= mean over all n*d values).
double mean_squared_error(const float* pred, const float* targets, int64_t n, int d, float* dpred);

// Accuracy counts (number of correct samples; divide by n). Ties in argmax go to the first index.
int64_t sparse_accuracy_count(const float* pred, const int32_t* labels, int64_t n, int c);
int64_t sparse_accuracy_count(const float* pred, const uint8_t* labels, int64_t n, int c);
int64_t categorical_accuracy_count(const float* pred, const float* targets, int64_t n, int c);
// Elementwise (pred > threshold) == (target > 0.5), counted over all `size` values.
int64_t binary_accuracy_count(const float* pred, const float* targets, int64_t size, float threshold = 0.5f);

}  // namespace kernels
}  // namespace layerwise
