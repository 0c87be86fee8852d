// Forward pass of one node over a batch of `count` samples, dispatching on the layer type.
#include <cstring>

#include "model.h"
#include "ops.h"

namespace layerwise {
namespace {
// Conv2D with a 1x1 kernel, stride 1 and no padding reads its input directly as the column matrix.
bool pointwise(const NodeSpec& n) { return n.kh == 1 && n.kw == 1 && n.sh == 1 && n.sw == 1; }
} // namespace

void Model::forward_node(int index, int count, bool training) {
  const NodeSpec& node = spec_.nodes[index];
  NodeBuffers& b = nodes_[index];
  ThreadPool* pool = pool_.get();
  const size_t n = b.out_size * count;
  const float* in0 = node.inputs.empty() ? nullptr : nodes_[node.inputs[0]].out_ptr;
  float* out = b.out_ptr;
  switch (node.op) {
    case Op::Input:
    case Op::Flatten:
    case Op::Reshape:
      return; // views
    case Op::Dense:
    case Op::Conv2D: {
      const bool conv = node.op == Op::Conv2D;
      const int k = conv ? node.kh * node.kw * node.input_shapes[0][2] : node.input_shapes[0].back();
      const int units = node.output_shape.back();
      const int rows = static_cast<int>(n / units);
      const float* a = in0;
      if (conv && !pointwise(node)) {
        ops::im2col(ops::window_geometry(count, node.input_shapes[0], node.output_shape, node.kh, node.kw, node.sh, node.sw, node.same_padding),
                    in0, b.col.data(), pool);
        a = b.col.data();
      }
      float* z = b.keep_pre ? b.pre.data() : out;
      ops::gemm(false, false, rows, units, k, 1.0f, a, k, weight(index, 0), units, 0.0f, z, units, gemm_scratch_.data(), pool);
      if (node.use_bias) ops::bias_add(z, weight(index, 1), rows, units, pool);
      ops::activation_forward(node.act, z, out, n, units, pool);
      return;
    }
    case Op::MaxPool2D:
    case Op::AvgPool2D: {
      const auto g = ops::window_geometry(count, node.input_shapes[0], node.output_shape, node.kh, node.kw, node.sh, node.sw, node.same_padding);
      if (node.op == Op::MaxPool2D) ops::max_pool_forward(g, in0, out, b.argmax.data(), pool);
      else ops::avg_pool_forward(g, in0, out, pool);
      return;
    }
    case Op::GlobalAvgPool2D:
    case Op::GlobalMaxPool2D: {
      const Shape& s = node.input_shapes[0];
      if (node.op == Op::GlobalAvgPool2D) ops::global_avg_pool_forward(count, s[0] * s[1], s[2], in0, out);
      else ops::global_max_pool_forward(count, s[0] * s[1], s[2], in0, out, b.argmax.data());
      return;
    }
    case Op::Dropout:
      if (training && node.rate > 0) ops::dropout_forward(in0, out, n, node.rate, spec_.config.seed + index, dropout_step_, pool);
      else std::memcpy(out, in0, n * sizeof(float));
      return;
    case Op::BatchNorm: {
      const int c = node.output_shape.back();
      const size_t rows = n / c;
      int slot = 0;
      const float* gamma = node.scale ? weight(index, slot++) : nullptr;
      const float* beta = node.center ? weight(index, slot++) : nullptr;
      float* moving_mean = weight(index, slot);
      float* moving_var = weight(index, slot + 1);
      if (training)
        ops::batch_norm_train_forward(rows, c, in0, gamma, beta, node.epsilon, node.momentum, moving_mean, moving_var, out,
                                      b.xhat.data(), b.inv_std.data(), pool);
      else
        ops::batch_norm_infer_forward(rows, c, in0, gamma, beta, node.epsilon, moving_mean, moving_var, out, pool);
      return;
    }
    case Op::Activation:
      ops::activation_forward(node.act, in0, out, n, node.output_shape.back(), pool);
      return;
    case Op::Add:
      std::memcpy(out, in0, n * sizeof(float));
      for (size_t i = 1; i < node.inputs.size(); i++) {
        const float* x = nodes_[node.inputs[i]].out_ptr;
        for (size_t j = 0; j < n; j++) out[j] += x[j];
      }
      return;
    case Op::Concatenate: {
      // Shapes as (outer, axis, inner): each input contributes a block of axis_i * inner per outer row.
      size_t outer = count, inner = 1;
      for (int d = 0; d < node.axis; d++) outer *= node.output_shape[d];
      for (size_t d = node.axis + 1; d < node.output_shape.size(); d++) inner *= node.output_shape[d];
      const size_t row = node.output_shape[node.axis] * inner;
      size_t at = 0;
      for (size_t i = 0; i < node.inputs.size(); i++) {
        const size_t block = node.input_shapes[i][node.axis] * inner;
        const float* x = nodes_[node.inputs[i]].out_ptr;
        for (size_t o = 0; o < outer; o++) std::memcpy(out + o * row + at, x + o * block, block * sizeof(float));
        at += block;
      }
      return;
    }
  }
}

} // namespace layerwise
