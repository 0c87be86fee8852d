// Builds the kernels' parameter structs from a node of the plan, in one place for forward, backward
// and scratch sizing.
#pragma once
#include "../src/kernels.h"
#include "model_spec.h"

namespace layerwise {

inline kernels::Act kernel_act(Act act) { return static_cast<kernels::Act>(act); } // same order

/** rows: samples times positions (Dense acts on the last axis). `fused`: the loss takes the logits. */
inline kernels::DenseParams dense_params(const NodeSpec& n, size_t rows, bool fused) {
  kernels::DenseParams p;
  p.batch = static_cast<int>(rows);
  p.in = n.input_shapes[0].back();
  p.out = n.output_shape.back();
  p.act = fused ? kernels::Act::Linear : kernel_act(n.act);
  return p;
}

inline kernels::Conv2DParams conv_params(const NodeSpec& n, int count, bool fused) {
  kernels::Conv2DParams p;
  p.batch = count;
  p.h = n.input_shapes[0][0], p.w = n.input_shapes[0][1], p.in_c = n.input_shapes[0][2];
  p.out_c = n.output_shape[2];
  p.kh = n.kh, p.kw = n.kw, p.sh = n.sh, p.sw = n.sw;
  p.same = n.same_padding;
  p.act = fused ? kernels::Act::Linear : kernel_act(n.act);
  return p;
}

inline kernels::Pool2DParams pool_params(const NodeSpec& n, int count) {
  kernels::Pool2DParams p;
  p.batch = count;
  p.h = n.input_shapes[0][0], p.w = n.input_shapes[0][1], p.c = n.input_shapes[0][2];
  p.ph = n.kh, p.pw = n.kw, p.sh = n.sh, p.sw = n.sw;
  p.same = n.same_padding;
  return p;
}

inline kernels::BatchNormParams batch_norm_params(const NodeSpec& n, size_t values) {
  kernels::BatchNormParams p;
  p.channels = n.output_shape.back();
  p.rows = static_cast<int64_t>(values / p.channels);
  p.epsilon = n.epsilon;
  p.momentum = n.momentum;
  return p;
}

/** Concatenate's data as (outer, axis, inner): each input is a block of axis_i * inner per outer row. */
struct ConcatLayout {
  size_t outer = 1, inner = 1, row = 1;
  size_t block(const NodeSpec& n, size_t input) const { return n.input_shapes[input][n.axis] * inner; }
};

inline ConcatLayout concat_layout(const NodeSpec& n, int count) {
  ConcatLayout l;
  l.outer = count;
  for (int d = 0; d < n.axis; d++) l.outer *= n.output_shape[d];
  for (size_t d = n.axis + 1; d < n.output_shape.size(); d++) l.inner *= n.output_shape[d];
  l.row = n.output_shape[n.axis] * l.inner;
  return l;
}

} // namespace layerwise
