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

// Factories of the ops whose class stays private to its file (addon/ops/<layer>.cc).
std::unique_ptr<LayerOp> make_layer_normalization(const NodeSpec& node);
std::unique_ptr<LayerOp> make_zero_padding2d(const NodeSpec& node);
std::unique_ptr<LayerOp> make_up_sampling2d(const NodeSpec& node);
std::unique_ptr<LayerOp> make_cropping2d(const NodeSpec& node);
// The activation layers' factories (addon/ops/relu.cc, elu.cc, softmax.cc, prelu.cc).
std::unique_ptr<LayerOp> make_relu_op(const NodeSpec& node);
std::unique_ptr<LayerOp> make_elu_op(const NodeSpec& node);
std::unique_ptr<LayerOp> make_softmax_op(const NodeSpec& node);
std::unique_ptr<LayerOp> make_prelu_op(const NodeSpec& node);
// Factories defined in addon/ops/.
std::unique_ptr<LayerOp> make_multiply(const NodeSpec& node);
std::unique_ptr<LayerOp> make_subtract(const NodeSpec& node);
std::unique_ptr<LayerOp> make_average(const NodeSpec& node);
std::unique_ptr<LayerOp> make_maximum(const NodeSpec& node);
std::unique_ptr<LayerOp> make_minimum(const NodeSpec& node);
std::unique_ptr<LayerOp> make_spatial_dropout2d(const NodeSpec& node);
std::unique_ptr<LayerOp> make_gaussian_noise(const NodeSpec& node);
std::unique_ptr<LayerOp> make_activity_regularization(const NodeSpec& node);
// Factories of the ops in addon/ops/ (each file keeps its class private).
std::unique_ptr<LayerOp> make_conv1d(const NodeSpec& node);
std::unique_ptr<LayerOp> make_max_pooling1d(const NodeSpec& node);
std::unique_ptr<LayerOp> make_average_pooling1d(const NodeSpec& node);
std::unique_ptr<LayerOp> make_global_average_pooling1d(const NodeSpec& node);
std::unique_ptr<LayerOp> make_global_max_pooling1d(const NodeSpec& node);

// Factories of the ops whose classes stay private to their files in addon/ops/.
std::unique_ptr<LayerOp> make_depthwise_conv2d(const NodeSpec& node);
std::unique_ptr<LayerOp> make_separable_conv2d(const NodeSpec& node);
std::unique_ptr<LayerOp> make_conv2d_transpose(const NodeSpec& node);

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
    {"ZeroPadding2D", make_zero_padding2d},
    {"UpSampling2D", make_up_sampling2d},
    {"Cropping2D", make_cropping2d},
    {"LayerNormalization", make_layer_normalization},
    {"ReLU", make_relu_op},
    {"LeakyReLU", make_relu_op}, // ReLU with threshold 0 and no cap
    {"ELU", make_elu_op},
    {"Softmax", make_softmax_op},
    {"PReLU", make_prelu_op},
    {"SpatialDropout2D", make_spatial_dropout2d},
    {"GaussianNoise", make_gaussian_noise},
    {"ActivityRegularization", make_activity_regularization},
    {"Multiply", make_multiply},
    {"Subtract", make_subtract},
    {"Average", make_average},
    {"Maximum", make_maximum},
    {"Minimum", make_minimum},
    {"Conv1D", make_conv1d},
    {"MaxPooling1D", make_max_pooling1d},
    {"AveragePooling1D", make_average_pooling1d},
    {"GlobalAveragePooling1D", make_global_average_pooling1d},
    {"GlobalMaxPooling1D", make_global_max_pooling1d},
    {"DepthwiseConv2D", make_depthwise_conv2d},
    {"SeparableConv2D", make_separable_conv2d},
    {"Conv2DTranspose", make_conv2d_transpose},
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
