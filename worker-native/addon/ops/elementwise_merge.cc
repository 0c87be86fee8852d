// Multiply, Subtract, Average, Maximum and Minimum: n inputs of one shape -> one output of that shape,
// value by value. Every buffer is count * size floats (the batch included); the position i of the output
// reads position i of each input only, so the loops are flat and split across threads by range.
// Backward ACCUMULATES into each input's gradient (null where no gradient is needed).
#include <cstddef>
#include <cstdint>

#include "../../src/thread_pool.h"
#include "../layer_op.h"

namespace layerwise {
namespace {

constexpr int64_t kGrain = 16384;

enum class Merge { Multiply, Subtract, Average, Maximum, Minimum };

/** Which input Maximum/Minimum took at position i: the first of equal values, as Keras' pairwise fold
 *  max(max(x0, x1), x2) with TensorFlow's gradient (x >= y sends it to x) does. */
template <Merge M>
size_t chosen(const float* const* x, size_t n, int64_t i) {
  size_t best = 0;
  for (size_t k = 1; k < n; k++)
    if (M == Merge::Maximum ? x[k][i] > x[best][i] : x[k][i] < x[best][i]) best = k;
  return best;
}

template <Merge M>
class ElementwiseMergeOp : public LayerOp {
 public:
  explicit ElementwiseMergeOp(const NodeSpec& node) : inputs_(node.inputs.size()), size_(shape_size(node.output_shape)) {}

  // y[i] = x0[i] * x1[i] * ...  |  x0[i] - x1[i]  |  (x0[i] + x1[i] + ...) / n  |  max  |  min
  void forward(const LayerRun& run) const override {
    const float* const* x = run.inputs;
    float* y = run.out;
    const size_t n = inputs_;
    parallel_for(run.pool, total(run), [&](int64_t b, int64_t e) {
      for (int64_t i = b; i < e; i++) {
        float v = x[0][i];
        for (size_t k = 1; k < n; k++) {
          const float xk = x[k][i];
          if (M == Merge::Multiply) v *= xk;
          else if (M == Merge::Subtract) v -= xk;
          else if (M == Merge::Average) v += xk;
          else if (M == Merge::Maximum) v = xk > v ? xk : v;
          else v = xk < v ? xk : v;
        }
        y[i] = M == Merge::Average ? v / static_cast<float>(n) : v;
      }
    }, kGrain);
  }

  // dx_k[i] += dy[i] * dy/dx_k: the product of the other inputs | +1, -1 | 1/n | 1 for the chosen input.
  void backward(const LayerRun& run) const override {
    const float* const* x = run.inputs;
    float* const* dx = run.input_grads;
    const float* g = run.grad;
    const size_t n = inputs_;
    parallel_for(run.pool, total(run), [&](int64_t b, int64_t e) {
      for (int64_t i = b; i < e; i++) {
        if (M == Merge::Maximum || M == Merge::Minimum) {
          if (float* d = dx[chosen<M>(x, n, i)]) d[i] += g[i];
          continue;
        }
        for (size_t k = 0; k < n; k++) {
          if (dx[k] == nullptr) continue;
          float local = 1;
          if (M == Merge::Multiply) {
            for (size_t j = 0; j < n; j++)
              if (j != k) local *= x[j][i];
          } else if (M == Merge::Subtract) {
            local = k == 0 ? 1.0f : -1.0f;
          } else {
            local = 1.0f / static_cast<float>(n);
          }
          dx[k][i] += g[i] * local;
        }
      }
    }, kGrain);
  }

 private:
  int64_t total(const LayerRun& run) const { return static_cast<int64_t>(run.count) * static_cast<int64_t>(size_); }

  size_t inputs_;
  size_t size_;
};

} // namespace

using MultiplyOp = ElementwiseMergeOp<Merge::Multiply>;
using SubtractOp = ElementwiseMergeOp<Merge::Subtract>;
using AverageOp = ElementwiseMergeOp<Merge::Average>;
using MaximumOp = ElementwiseMergeOp<Merge::Maximum>;
using MinimumOp = ElementwiseMergeOp<Merge::Minimum>;

std::unique_ptr<LayerOp> make_multiply(const NodeSpec& node) { return make_op<MultiplyOp>(node); }
std::unique_ptr<LayerOp> make_subtract(const NodeSpec& node) { return make_op<SubtractOp>(node); }
std::unique_ptr<LayerOp> make_average(const NodeSpec& node) { return make_op<AverageOp>(node); }
std::unique_ptr<LayerOp> make_maximum(const NodeSpec& node) { return make_op<MaximumOp>(node); }
std::unique_ptr<LayerOp> make_minimum(const NodeSpec& node) { return make_op<MinimumOp>(node); }

} // namespace layerwise
