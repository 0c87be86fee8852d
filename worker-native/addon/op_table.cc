// The one table of layer types the native core runs: each entry is a type's file in addon/ops/.
// A test (worker-native/lib/op-table.test.ts) checks it equals the registry's layer types.
#include "layer_op.h"

namespace layerwise {

// Factories defined in addon/ops/<layer>.cc.
std::unique_ptr<LayerOp> make_random_flip(const NodeSpec& node);
std::unique_ptr<LayerOp> make_random_translation(const NodeSpec& node);
std::unique_ptr<LayerOp> make_random_rotation(const NodeSpec& node);
std::unique_ptr<LayerOp> make_random_zoom(const NodeSpec& node);
std::unique_ptr<LayerOp> make_random_contrast(const NodeSpec& node);

namespace {
struct OpEntry {
  const char* type;
  OpFactory factory;
};

// Keep in palette order (engine/layers/index.ts).
const OpEntry kOpTable[] = {
    {"", nullptr}, // placeholder until the first op registers
    {"RandomFlip", make_random_flip},
    {"RandomTranslation", make_random_translation},
    {"RandomRotation", make_random_rotation},
    {"RandomZoom", make_random_zoom},
    {"RandomContrast", make_random_contrast},
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
