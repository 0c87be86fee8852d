// The one table of layer types the native core runs: each entry is a type's file in addon/ops/.
// A test (worker-native/lib/op-table.test.ts) checks it equals the registry's layer types.
#include "layer_op.h"

namespace layerwise {

// Factories of the ops in addon/ops/ (each file keeps its class private).
std::unique_ptr<LayerOp> make_conv1d(const NodeSpec& node);
std::unique_ptr<LayerOp> make_max_pooling1d(const NodeSpec& node);
std::unique_ptr<LayerOp> make_average_pooling1d(const NodeSpec& node);
std::unique_ptr<LayerOp> make_global_average_pooling1d(const NodeSpec& node);
std::unique_ptr<LayerOp> make_global_max_pooling1d(const NodeSpec& node);

namespace {
struct OpEntry {
  const char* type;
  OpFactory factory;
};

// Keep in palette order (engine/layers/index.ts).
const OpEntry kOpTable[] = {
    {"", nullptr}, // placeholder until the first op registers
    {"Conv1D", make_conv1d},
    {"MaxPooling1D", make_max_pooling1d},
    {"AveragePooling1D", make_average_pooling1d},
    {"GlobalAveragePooling1D", make_global_average_pooling1d},
    {"GlobalMaxPooling1D", make_global_max_pooling1d},
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
