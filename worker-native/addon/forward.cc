// Forward pass of one node over a batch of `count` samples, dispatching on the layer type to the
// kernels of worker-native/src.
#include <cstring>

#include "kernel_params.h"
#include "model.h"

namespace layerwise {

void Model::forward_node(int index, int count, bool training) {
  const NodeSpec& node = spec_.nodes[index];
  NodeBuffers& b = nodes_[index];
  ThreadPool* pool = pool_.get();
  const size_t n = b.out_size * count;
  const float* in0 = node.inputs.empty() ? nullptr : nodes_[node.inputs[0]].out_ptr;
  const bool fused = index == spec_.output_index && fused_loss_;
  float* out = b.out_ptr;
  const float* bias = node.use_bias ? weight(index, 1) : nullptr;
  switch (node.op) {
    case Op::Input:
    case Op::Flatten:
    case Op::Reshape:
      return; // views
    case Op::Dense:
    case Op::Conv2D: {
      // Fused with the loss: the layer writes logits into `pre`, and the softmax/sigmoid follows.
      float* y = fused ? b.pre.data() : out;
      float* z = !fused && b.keep_pre ? b.pre.data() : nullptr;
      if (node.op == Op::Dense)
        kernels::dense_forward(dense_params(node, n / node.output_shape.back(), fused), in0, weight(index, 0), bias, y, z, scratch_.data(), pool);
      else
        kernels::conv2d_forward(conv_params(node, count, fused), in0, weight(index, 0), bias, y, z, scratch_.data(), pool);
      if (fused) {
        const int64_t cols = node.output_shape.back();
        kernels::activation_forward(kernel_act(node.act), y, out, static_cast<int64_t>(n) / cols, cols, pool);
      }
      return;
    }
    case Op::MaxPool2D:
      kernels::max_pool2d_forward(pool_params(node, count), in0, out, pool);
      return;
    case Op::AvgPool2D:
      kernels::avg_pool2d_forward(pool_params(node, count), in0, out, pool);
      return;
    case Op::GlobalAvgPool2D:
    case Op::GlobalMaxPool2D: {
      const Shape& s = node.input_shapes[0];
      if (node.op == Op::GlobalAvgPool2D) kernels::global_avg_pool2d_forward(count, s[0], s[1], s[2], in0, out, pool);
      else kernels::global_max_pool2d_forward(count, s[0], s[1], s[2], in0, out, pool);
      return;
    }
    case Op::Dropout:
      if (training && node.rate > 0) kernels::dropout_forward(dropout_params(index, n), in0, out, pool);
      else std::memcpy(out, in0, n * sizeof(float));
      return;
    case Op::BatchNorm: {
      int slot = 0;
      const float* gamma = node.scale ? weight(index, slot++) : nullptr;
      const float* beta = node.center ? weight(index, slot++) : nullptr;
      float* moving_mean = weight(index, slot);
      float* moving_var = weight(index, slot + 1);
      const auto p = batch_norm_params(node, n);
      if (training)
        kernels::batch_norm_forward_training(p, in0, gamma, beta, out, b.mean.data(), b.inv_std.data(), moving_mean, moving_var, scratch_.data(), pool);
      else
        kernels::batch_norm_forward_inference(p, in0, gamma, beta, moving_mean, moving_var, out, pool);
      return;
    }
    case Op::Activation: {
      const int64_t cols = node.output_shape.back();
      kernels::activation_forward(kernel_act(node.act), in0, out, static_cast<int64_t>(n) / cols, cols, pool);
      return;
    }
    case Op::Add:
      std::memcpy(out, in0, n * sizeof(float));
      for (size_t i = 1; i < node.inputs.size(); i++) {
        const float* x = nodes_[node.inputs[i]].out_ptr;
        for (size_t j = 0; j < n; j++) out[j] += x[j];
      }
      return;
    case Op::Registered:
      ops_[index]->forward(layer_run(index, count, training));
      return;
    case Op::Concatenate: {
      const ConcatLayout l = concat_layout(node, count);
      size_t at = 0;
      for (size_t i = 0; i < node.inputs.size(); i++) {
        const size_t block = l.block(node, i);
        const float* x = nodes_[node.inputs[i]].out_ptr;
        for (size_t o = 0; o < l.outer; o++) std::memcpy(out + o * l.row + at, x + o * block, block * sizeof(float));
        at += block;
      }
      return;
    }
  }
}

kernels::DropoutParams Model::dropout_params(int index, size_t n) const {
  kernels::DropoutParams p;
  p.size = static_cast<int64_t>(n);
  p.rate = spec_.nodes[index].rate;
  p.seed = spec_.config.seed;
  p.step = dropout_step_ * spec_.nodes.size() + index; // one mask per layer and step
  return p;
}

} // namespace layerwise
