// InputLayer: the model's input, (N, ...shape). A view: the model loads each batch into its buffer (or
// reads float inputs in place) and keeps the input gradient there when asked for it.
#include "view_op.h"

namespace layerwise {

std::unique_ptr<LayerOp> make_input_layer(const NodeSpec&) { return std::make_unique<ViewOp>(); }

} // namespace layerwise
