// The one table of layer types the native core runs: each entry is a type's file in addon/ops/.
// A test (worker-native/lib/op-table.test.ts) checks it equals the registry's layer types.
#include "layer_op.h"

namespace layerwise {

// Factories of the ops whose classes stay private to their files in addon/ops/.
std::unique_ptr<LayerOp> make_depthwise_conv2d(const NodeSpec& node);
std::unique_ptr<LayerOp> make_separable_conv2d(const NodeSpec& node);
std::unique_ptr<LayerOp> make_conv2d_transpose(const NodeSpec& node);

namespace {
struct OpEntry {
  const char* type;
  OpFactory factory;
};

// Keep in palette order (engine/layers/index.ts).
const OpEntry kOpTable[] = {
    {"", nullptr}, // placeholder until the first op registers
    {"DepthwiseConv2D", make_depthwise_conv2d},
    {"SeparableConv2D", make_separable_conv2d},
    {"Conv2DTranspose", make_conv2d_transpose},
};
} // namespace

OpFactory find_op(const std::string& type) {
  for (const OpEntry& e : kOpTable)
    if (e.factory != nullptr && type == e.type) return e.factory;
  return nullptr;
}

std::vector<std::string> op_types() {
  std::vector<std::string> types;
  for (const OpEntry& e : kOpTable)
    if (e.factory != nullptr) types.emplace_back(e.type);
  return types;
}

} // namespace layerwise
