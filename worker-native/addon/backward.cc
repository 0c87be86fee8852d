// Backward pass of one node: turns the gradient of its output into weight gradients (overwritten) and
// input gradients (accumulated, so a node feeding several others sums what they send back).
#include <cmath>

#include "model.h"
#include "ops.h"

namespace layerwise {
namespace {
bool pointwise(const NodeSpec& n) { return n.kh == 1 && n.kw == 1 && n.sh == 1 && n.sw == 1; }
} // namespace

void Model::backward_node(int index, int count, bool training) {
  const NodeSpec& node = spec_.nodes[index];
  NodeBuffers& b = nodes_[index];
  ThreadPool* pool = pool_.get();
  const size_t n = b.out_size * count;
  float* g = b.grad_ptr;
  const bool is_output = index == spec_.output_index;
  auto input_grad = [&](int i) { return needs_input_grad(index, i) ? nodes_[node.inputs[i]].grad_ptr : nullptr; };
  const float* in0 = node.inputs.empty() ? nullptr : nodes_[node.inputs[0]].out_ptr;
  switch (node.op) {
    case Op::Input:
    case Op::Flatten:
    case Op::Reshape:
      return; // views share their input's gradient buffer
    case Op::Dense:
    case Op::Conv2D: {
      const bool conv = node.op == Op::Conv2D;
      const int k = conv ? node.kh * node.kw * node.input_shapes[0][2] : node.input_shapes[0].back();
      const int units = node.output_shape.back();
      const int rows = static_cast<int>(n / units);
      if (!(is_output && fused_loss_))
        ops::activation_backward(node.act, b.out_ptr, b.keep_pre ? b.pre.data() : nullptr, g, n, units, pool);
      const bool columns = conv && !pointwise(node);
      const float* a = columns ? b.col.data() : in0;
      ops::gemm(true, false, k, units, rows, 1.0f, a, k, g, units, 0.0f, weight_grad(index, 0), units, gemm_scratch_.data(), pool);
      if (node.use_bias) ops::bias_grad(g, rows, units, weight_grad(index, 1));
      float* dx = input_grad(0);
      if (!dx) return;
      if (!columns) {
        ops::gemm(false, true, rows, k, units, 1.0f, g, units, weight(index, 0), units, 1.0f, dx, k, gemm_scratch_.data(), pool);
      } else {
        ops::gemm(false, true, rows, k, units, 1.0f, g, units, weight(index, 0), units, 0.0f, scratch_.data(), k, gemm_scratch_.data(), pool);
        ops::col2im_add(ops::window_geometry(count, node.input_shapes[0], node.output_shape, node.kh, node.kw, node.sh, node.sw, node.same_padding),
                        scratch_.data(), dx, pool);
      }
      return;
    }
    case Op::MaxPool2D:
    case Op::AvgPool2D: {
      float* dx = input_grad(0);
      if (!dx) return;
      const auto geo = ops::window_geometry(count, node.input_shapes[0], node.output_shape, node.kh, node.kw, node.sh, node.sw, node.same_padding);
      if (node.op == Op::MaxPool2D) ops::max_pool_backward(geo, g, b.argmax.data(), dx, pool);
      else ops::avg_pool_backward(geo, g, dx, pool);
      return;
    }
    case Op::GlobalAvgPool2D:
    case Op::GlobalMaxPool2D: {
      float* dx = input_grad(0);
      if (!dx) return;
      const Shape& s = node.input_shapes[0];
      if (node.op == Op::GlobalAvgPool2D) ops::global_avg_pool_backward(count, s[0] * s[1], s[2], g, dx);
      else ops::global_max_pool_backward(count, s[0] * s[1], s[2], g, b.argmax.data(), dx);
      return;
    }
    case Op::Dropout: {
      float* dx = input_grad(0);
      if (!dx) return;
      if (training && node.rate > 0) ops::dropout_backward(g, dx, n, node.rate, spec_.config.seed + index, dropout_step_, pool);
      else
        for (size_t i = 0; i < n; i++) dx[i] += g[i];
      return;
    }
    case Op::BatchNorm: {
      const int c = node.output_shape.back();
      const size_t rows = n / c;
      int slot = 0;
      const int gamma_slot = node.scale ? slot++ : -1;
      const int beta_slot = node.center ? slot++ : -1;
      const float* gamma = gamma_slot >= 0 ? weight(index, gamma_slot) : nullptr;
      float* dgamma = gamma_slot >= 0 ? weight_grad(index, gamma_slot) : nullptr;
      float* dbeta = beta_slot >= 0 ? weight_grad(index, beta_slot) : nullptr;
      float* dx = input_grad(0);
      if (training) {
        ops::batch_norm_backward(rows, c, g, b.xhat.data(), b.inv_std.data(), gamma, dx, dgamma, dbeta, pool);
        return;
      }
      // Inference mode: an affine map per channel with the moving statistics.
      const float* mean = weight(index, slot);
      const float* var = weight(index, slot + 1);
      for (int ch = 0; ch < c; ch++) {
        const float inv = 1.0f / std::sqrt(var[ch] + node.epsilon);
        double sum_g = 0, sum_gx = 0;
        for (size_t r = 0; r < rows; r++) {
          const float gv = g[r * c + ch];
          sum_g += gv;
          sum_gx += gv * (in0[r * c + ch] - mean[ch]) * inv;
          if (dx) dx[r * c + ch] += gv * (gamma ? gamma[ch] : 1.0f) * inv;
        }
        if (dgamma) dgamma[ch] = static_cast<float>(sum_gx);
        if (dbeta) dbeta[ch] = static_cast<float>(sum_g);
      }
      return;
    }
    case Op::Activation: {
      if (!(is_output && fused_loss_)) ops::activation_backward(node.act, b.out_ptr, in0, g, n, node.output_shape.back(), pool);
      float* dx = input_grad(0);
      if (dx)
        for (size_t i = 0; i < n; i++) dx[i] += g[i];
      return;
    }
    case Op::Add:
      for (size_t i = 0; i < node.inputs.size(); i++) {
        float* dx = input_grad(static_cast<int>(i));
        if (dx)
          for (size_t j = 0; j < n; j++) dx[j] += g[j];
      }
      return;
    case Op::Concatenate: {
      size_t outer = count, inner = 1;
      for (int d = 0; d < node.axis; d++) outer *= node.output_shape[d];
      for (size_t d = node.axis + 1; d < node.output_shape.size(); d++) inner *= node.output_shape[d];
      const size_t row = node.output_shape[node.axis] * inner;
      size_t at = 0;
      for (size_t i = 0; i < node.inputs.size(); i++) {
        const size_t block = node.input_shapes[i][node.axis] * inner;
        float* dx = input_grad(static_cast<int>(i));
        if (dx)
          for (size_t o = 0; o < outer; o++)
            for (size_t j = 0; j < block; j++) dx[o * block + j] += g[o * row + at + j];
        at += block;
      }
      return;
    }
  }
}

} // namespace layerwise
