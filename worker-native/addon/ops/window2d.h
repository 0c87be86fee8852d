// The 2-D window a Conv2D or pooling node slides over (height, width): its size, strides and padding,
// read from the node's params ("kernel_size" or "pool_size", "strides", "padding").
#pragma once
#include <stdexcept>
#include <string>

#include "../../src/pooling.h"
#include "../model_spec.h"

namespace layerwise {

struct Window2D {
  int kh = 1, kw = 1, sh = 1, sw = 1;
  bool same = false; // TF 'same' padding; else 'valid'
};

inline Window2D window2d(const NodeParams& p, const char* size_key) {
  const std::vector<int> size = p.ints(size_key, 2), strides = p.ints("strides", 2);
  const std::string& padding = p.text("padding");
  if (padding != "same" && padding != "valid")
    throw std::invalid_argument("param 'padding' must be 'same' or 'valid', got '" + padding + "'");
  return {size[0], size[1], strides[0], strides[1], padding == "same"};
}

/** MaxPooling2D and AveragePooling2D: x (N, H, W, C) and the pool window; the batch is set per run. */
inline kernels::Pool2DParams pool2d_params(const NodeSpec& node) {
  const Window2D w = window2d(node.params, "pool_size");
  const Shape& in = node.input_shapes.at(0);
  kernels::Pool2DParams p;
  p.h = in.at(0), p.w = in.at(1), p.c = in.at(2);
  p.ph = w.kh, p.pw = w.kw, p.sh = w.sh, p.sw = w.sw;
  p.same = w.same;
  return p;
}

} // namespace layerwise
