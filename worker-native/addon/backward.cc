// Backward pass of one node: turns the gradient of its output into weight gradients (overwritten) and
// input gradients (accumulated, so a node feeding several others sums what they send back).
#include "kernel_params.h"
#include "model.h"

namespace layerwise {

void Model::backward_node(int index, int count, bool training) {
  const NodeSpec& node = spec_.nodes[index];
  NodeBuffers& b = nodes_[index];
  ThreadPool* pool = pool_.get();
  const size_t n = b.out_size * count;
  const float* g = b.grad_ptr;
  const bool fused = index == spec_.output_index && fused_loss_;
  auto input_grad = [&](size_t i) { return needs_input_grad(index, static_cast<int>(i)) ? nodes_[node.inputs[i]].grad_ptr : nullptr; };
  const float* in0 = node.inputs.empty() ? nullptr : nodes_[node.inputs[0]].out_ptr;
  switch (node.op) {
    case Op::Input:
    case Op::Flatten:
    case Op::Reshape:
      return; // views share their input's gradient buffer
    case Op::Dense:
    case Op::Conv2D: {
      // Fused: g is already the gradient of the logits, so the layer's own activation is skipped.
      const float* y = fused ? b.pre.data() : b.out_ptr;
      const float* z = !fused && b.keep_pre ? b.pre.data() : nullptr;
      float* db = node.use_bias ? weight_grad(index, 1) : nullptr;
      if (node.op == Op::Dense)
        kernels::dense_backward(dense_params(node, n / node.output_shape.back(), fused), in0, weight(index, 0), z, y, g, input_grad(0), weight_grad(index, 0), db, scratch_.data(), pool);
      else
        kernels::conv2d_backward(conv_params(node, count, fused), in0, weight(index, 0), z, y, g, input_grad(0), weight_grad(index, 0), db, scratch_.data(), pool);
      return;
    }
    case Op::MaxPool2D:
      if (float* dx = input_grad(0)) kernels::max_pool2d_backward(pool_params(node, count), in0, g, dx, pool);
      return;
    case Op::AvgPool2D:
      if (float* dx = input_grad(0)) kernels::avg_pool2d_backward(pool_params(node, count), g, dx, pool);
      return;
    case Op::GlobalAvgPool2D:
    case Op::GlobalMaxPool2D: {
      float* dx = input_grad(0);
      if (!dx) return;
      const Shape& s = node.input_shapes[0];
      if (node.op == Op::GlobalAvgPool2D) kernels::global_avg_pool2d_backward(count, s[0], s[1], s[2], g, dx, pool);
      else kernels::global_max_pool2d_backward(count, s[0], s[1], s[2], in0, g, dx, pool);
      return;
    }
    case Op::Dropout: {
      float* dx = input_grad(0);
      if (!dx) return;
      if (training && node.rate > 0) kernels::dropout_backward(dropout_params(index, n), g, dx, pool);
      else
        for (size_t i = 0; i < n; i++) dx[i] += g[i];
      return;
    }
    case Op::BatchNorm: {
      int slot = 0;
      const int gamma_slot = node.scale ? slot++ : -1;
      const int beta_slot = node.center ? slot++ : -1;
      const float* gamma = gamma_slot >= 0 ? weight(index, gamma_slot) : nullptr;
      float* dgamma = gamma_slot >= 0 ? weight_grad(index, gamma_slot) : nullptr;
      float* dbeta = beta_slot >= 0 ? weight_grad(index, beta_slot) : nullptr;
      const auto p = batch_norm_params(node, n);
      if (training)
        kernels::batch_norm_backward_training(p, in0, gamma, b.mean.data(), b.inv_std.data(), g, input_grad(0), dgamma, dbeta, scratch_.data(), pool);
      else
        kernels::batch_norm_backward_inference(p, in0, gamma, weight(index, slot), weight(index, slot + 1), g, input_grad(0), dgamma, dbeta, scratch_.data(), pool);
      return;
    }
    case Op::Activation: {
      float* dx = input_grad(0);
      if (!dx) return;
      const int64_t cols = node.output_shape.back();
      if (fused)
        for (size_t i = 0; i < n; i++) dx[i] += g[i];
      else
        kernels::activation_backward(kernel_act(node.act), in0, b.out_ptr, g, dx, static_cast<int64_t>(n) / cols, cols, true, pool);
      return;
    }
    case Op::Add:
      for (size_t i = 0; i < node.inputs.size(); i++)
        if (float* dx = input_grad(i))
          for (size_t j = 0; j < n; j++) dx[j] += g[j];
      return;
    case Op::Registered:
      ops_[index]->backward(layer_run(index, count, training));
      return;
    case Op::Concatenate: {
      const ConcatLayout l = concat_layout(node, count);
      size_t at = 0;
      for (size_t i = 0; i < node.inputs.size(); i++) {
        const size_t block = l.block(node, i);
        if (float* dx = input_grad(i))
          for (size_t o = 0; o < l.outer; o++)
            for (size_t j = 0; j < block; j++) dx[o * block + j] += g[o * l.row + at + j];
        at += block;
      }
      return;
    }
  }
}

} // namespace layerwise
