// The one table of layer types the native core runs: each entry is a type's file in addon/ops/.
// A test (worker-native/lib/op-table.test.ts) checks it equals the registry's layer types.
#include "layer_op.h"

namespace layerwise {

// Factories defined in addon/ops/.
std::unique_ptr<LayerOp> make_multiply(const NodeSpec& node);
std::unique_ptr<LayerOp> make_subtract(const NodeSpec& node);
std::unique_ptr<LayerOp> make_average(const NodeSpec& node);
std::unique_ptr<LayerOp> make_maximum(const NodeSpec& node);
std::unique_ptr<LayerOp> make_minimum(const NodeSpec& node);
std::unique_ptr<LayerOp> make_spatial_dropout2d(const NodeSpec& node);
std::unique_ptr<LayerOp> make_gaussian_noise(const NodeSpec& node);
std::unique_ptr<LayerOp> make_activity_regularization(const NodeSpec& node);

namespace {
struct OpEntry {
  const char* type;
  OpFactory factory;
};

// Keep in palette order (engine/layers/index.ts).
const OpEntry kOpTable[] = {
    {"", nullptr}, // placeholder until the first op registers
    {"SpatialDropout2D", make_spatial_dropout2d},
    {"GaussianNoise", make_gaussian_noise},
    {"ActivityRegularization", make_activity_regularization},
    {"Multiply", make_multiply},
    {"Subtract", make_subtract},
    {"Average", make_average},
    {"Maximum", make_maximum},
    {"Minimum", make_minimum},
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
