// Add: y = x0 + x1 + ... (same shapes), summed in input order; backward passes the gradient to every
// input. No params.
#include "../../src/merge.h"
#include "../layer_op.h"

namespace layerwise {
namespace {

class AddOp final : public LayerOp {
 public:
  explicit AddOp(const NodeSpec& node) : inputs_(static_cast<int>(node.inputs.size())), size_(shape_size(node.output_shape)) {}

  void forward(const LayerRun& run) const override { kernels::add_forward(run.inputs, inputs_, values(run), run.out); }

  void backward(const LayerRun& run) const override { kernels::add_backward(run.grad, run.input_grads, inputs_, values(run)); }

 private:
  int64_t values(const LayerRun& run) const { return static_cast<int64_t>(size_) * run.count; }

  int inputs_;
  size_t size_;
};

} // namespace

std::unique_ptr<LayerOp> make_add(const NodeSpec& node) { return make_op<AddOp>(node); }

} // namespace layerwise
