// The one table of layer types the native core runs: each entry is a type's file in addon/ops/.
// A test (worker-native/lib/op-table.test.ts) checks it equals the registry's layer types.
#include "layer_op.h"

namespace layerwise {
// Factories of the built-in ops (addon/ops/<layer>.cc; each file keeps its class private).
std::unique_ptr<LayerOp> make_input_layer(const NodeSpec& node);
std::unique_ptr<LayerOp> make_dense(const NodeSpec& node);
std::unique_ptr<LayerOp> make_flatten(const NodeSpec& node);
std::unique_ptr<LayerOp> make_reshape(const NodeSpec& node);
std::unique_ptr<LayerOp> make_conv2d(const NodeSpec& node);
std::unique_ptr<LayerOp> make_max_pooling2d(const NodeSpec& node);
std::unique_ptr<LayerOp> make_average_pooling2d(const NodeSpec& node);
std::unique_ptr<LayerOp> make_global_average_pooling2d(const NodeSpec& node);
std::unique_ptr<LayerOp> make_global_max_pooling2d(const NodeSpec& node);
std::unique_ptr<LayerOp> make_batch_normalization(const NodeSpec& node);
std::unique_ptr<LayerOp> make_dropout(const NodeSpec& node);
std::unique_ptr<LayerOp> make_add(const NodeSpec& node);
std::unique_ptr<LayerOp> make_concatenate(const NodeSpec& node);
std::unique_ptr<LayerOp> make_activation(const NodeSpec& node);
} // namespace layerwise

namespace layerwise {

namespace {
struct OpEntry {
  const char* type;
  OpFactory factory;
};

// Keep in palette order (engine/layers/index.ts).
const OpEntry kOpTable[] = {
    {"InputLayer", make_input_layer},
    {"Dense", make_dense},
    {"Flatten", make_flatten},
    {"Reshape", make_reshape},
    {"Conv2D", make_conv2d},
    {"MaxPooling2D", make_max_pooling2d},
    {"AveragePooling2D", make_average_pooling2d},
    {"GlobalAveragePooling2D", make_global_average_pooling2d},
    {"GlobalMaxPooling2D", make_global_max_pooling2d},
    {"BatchNormalization", make_batch_normalization},
    {"Dropout", make_dropout},
    {"Add", make_add},
    {"Concatenate", make_concatenate},
    {"Activation", make_activation},
    {"", nullptr}, // placeholder until the first op registers
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
