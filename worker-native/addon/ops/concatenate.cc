// Concatenate along one axis: inputs (N, ..., a_i, ...) -> y (N, ..., sum a_i, ...). Params: axis, an
// index into the shape without the batch (resolved from Keras' axis, which counts the batch or from the end).
#include <stdexcept>
#include <vector>

#include "../../src/merge.h"
#include "../layer_op.h"

namespace layerwise {
namespace {

class ConcatenateOp final : public LayerOp {
 public:
  explicit ConcatenateOp(const NodeSpec& node) : spans_(node.inputs.size()) {
    const int axis = node.params.integer("axis");
    const int rank = static_cast<int>(node.output_shape.size());
    std::vector<const int*> shapes;
    for (const Shape& s : node.input_shapes) {
      if (static_cast<int>(s.size()) != rank) throw std::invalid_argument("inputs must have the output's rank");
      shapes.push_back(s.data());
    }
    if (!kernels::concat_geometry(shapes.data(), static_cast<int>(shapes.size()), rank, axis, &outer_, spans_.data()))
      throw std::invalid_argument("param 'axis' (" + std::to_string(axis) + ") is out of range or the inputs differ off the axis");
  }

  void forward(const LayerRun& run) const override {
    kernels::concat_forward(run.inputs, spans_.data(), static_cast<int>(spans_.size()), outer_ * run.count, run.out);
  }

  void backward(const LayerRun& run) const override {
    kernels::concat_backward(run.grad, run.input_grads, spans_.data(), static_cast<int>(spans_.size()), outer_ * run.count);
  }

 private:
  std::vector<int64_t> spans_; // per sample and outer row: input i's values on the axis and after it
  int64_t outer_ = 1;          // per sample: the product of the dims before the axis
};

} // namespace

std::unique_ptr<LayerOp> make_concatenate(const NodeSpec& node) { return make_op<ConcatenateOp>(node); }

} // namespace layerwise
