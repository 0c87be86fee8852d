// A layer whose output is its input's buffer, reinterpreted (InputLayer, Flatten, Reshape): the model
// aliases the buffers and never calls forward or backward.
#pragma once
#include "../layer_op.h"

namespace layerwise {

class ViewOp final : public LayerOp {
 public:
  void forward(const LayerRun&) const override {}
  void backward(const LayerRun&) const override {}
  bool is_view() const override { return true; }
};

} // namespace layerwise
