// The one table of layer types the native core runs: each entry is a type's file in addon/ops/.
// A test (worker-native/lib/op-table.test.ts) checks it equals the registry's layer types.
#include "layer_op.h"

namespace layerwise {

// Each factory lives in its layer's file, addon/ops/<layer>.cc, which keeps the op class private.
std::unique_ptr<LayerOp> make_input_layer(const NodeSpec& node);
std::unique_ptr<LayerOp> make_dense(const NodeSpec& node);
std::unique_ptr<LayerOp> make_flatten(const NodeSpec& node);
std::unique_ptr<LayerOp> make_reshape(const NodeSpec& node);
std::unique_ptr<LayerOp> make_conv2d(const NodeSpec& node);
std::unique_ptr<LayerOp> make_zero_padding2d(const NodeSpec& node);
std::unique_ptr<LayerOp> make_up_sampling2d(const NodeSpec& node);
std::unique_ptr<LayerOp> make_cropping2d(const NodeSpec& node);
std::unique_ptr<LayerOp> make_conv1d(const NodeSpec& node);
std::unique_ptr<LayerOp> make_depthwise_conv2d(const NodeSpec& node);
std::unique_ptr<LayerOp> make_separable_conv2d(const NodeSpec& node);
std::unique_ptr<LayerOp> make_conv2d_transpose(const NodeSpec& node);
std::unique_ptr<LayerOp> make_max_pooling2d(const NodeSpec& node);
std::unique_ptr<LayerOp> make_average_pooling2d(const NodeSpec& node);
std::unique_ptr<LayerOp> make_global_average_pooling2d(const NodeSpec& node);
std::unique_ptr<LayerOp> make_global_max_pooling2d(const NodeSpec& node);
std::unique_ptr<LayerOp> make_max_pooling1d(const NodeSpec& node);
std::unique_ptr<LayerOp> make_average_pooling1d(const NodeSpec& node);
std::unique_ptr<LayerOp> make_global_average_pooling1d(const NodeSpec& node);
std::unique_ptr<LayerOp> make_global_max_pooling1d(const NodeSpec& node);
std::unique_ptr<LayerOp> make_batch_normalization(const NodeSpec& node);
std::unique_ptr<LayerOp> make_layer_normalization(const NodeSpec& node);
std::unique_ptr<LayerOp> make_dropout(const NodeSpec& node);
std::unique_ptr<LayerOp> make_spatial_dropout2d(const NodeSpec& node);
std::unique_ptr<LayerOp> make_gaussian_noise(const NodeSpec& node);
std::unique_ptr<LayerOp> make_activity_regularization(const NodeSpec& node);
std::unique_ptr<LayerOp> make_add(const NodeSpec& node);
std::unique_ptr<LayerOp> make_concatenate(const NodeSpec& node);
std::unique_ptr<LayerOp> make_multiply(const NodeSpec& node);
std::unique_ptr<LayerOp> make_subtract(const NodeSpec& node);
std::unique_ptr<LayerOp> make_average(const NodeSpec& node);
std::unique_ptr<LayerOp> make_maximum(const NodeSpec& node);
std::unique_ptr<LayerOp> make_minimum(const NodeSpec& node);
std::unique_ptr<LayerOp> make_activation(const NodeSpec& node);
std::unique_ptr<LayerOp> make_relu(const NodeSpec& node);
std::unique_ptr<LayerOp> make_elu(const NodeSpec& node);
std::unique_ptr<LayerOp> make_softmax(const NodeSpec& node);
std::unique_ptr<LayerOp> make_prelu(const NodeSpec& node);
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

// In palette order (engine/layers/index.ts).
const OpEntry kOpTable[] = {
    {"InputLayer", make_input_layer},
    {"Dense", make_dense},
    {"Flatten", make_flatten},
    {"Reshape", make_reshape},
    {"Conv2D", make_conv2d},
    {"ZeroPadding2D", make_zero_padding2d},
    {"UpSampling2D", make_up_sampling2d},
    {"Cropping2D", make_cropping2d},
    {"Conv1D", make_conv1d},
    {"DepthwiseConv2D", make_depthwise_conv2d},
    {"SeparableConv2D", make_separable_conv2d},
    {"Conv2DTranspose", make_conv2d_transpose},
    {"MaxPooling2D", make_max_pooling2d},
    {"AveragePooling2D", make_average_pooling2d},
    {"GlobalAveragePooling2D", make_global_average_pooling2d},
    {"GlobalMaxPooling2D", make_global_max_pooling2d},
    {"MaxPooling1D", make_max_pooling1d},
    {"AveragePooling1D", make_average_pooling1d},
    {"GlobalAveragePooling1D", make_global_average_pooling1d},
    {"GlobalMaxPooling1D", make_global_max_pooling1d},
    {"BatchNormalization", make_batch_normalization},
    {"LayerNormalization", make_layer_normalization},
    {"Dropout", make_dropout},
    {"SpatialDropout2D", make_spatial_dropout2d},
    {"GaussianNoise", make_gaussian_noise},
    {"ActivityRegularization", make_activity_regularization},
    {"Add", make_add},
    {"Concatenate", make_concatenate},
    {"Multiply", make_multiply},
    {"Subtract", make_subtract},
    {"Average", make_average},
    {"Maximum", make_maximum},
    {"Minimum", make_minimum},
    {"Activation", make_activation},
    {"ReLU", make_relu},
    {"LeakyReLU", make_relu}, // ReLU with threshold 0 and no cap
    {"ELU", make_elu},
    {"Softmax", make_softmax},
    {"PReLU", make_prelu},
    {"RandomFlip", make_random_flip},
    {"RandomTranslation", make_random_translation},
    {"RandomRotation", make_random_rotation},
    {"RandomZoom", make_random_zoom},
    {"RandomContrast", make_random_contrast},
};
} // namespace

OpFactory find_op(const std::string& type) {
  for (const OpEntry& e : kOpTable)
    if (type == e.type) return e.factory;
  return nullptr;
}

std::vector<std::string> op_types() {
  std::vector<std::string> types;
  for (const OpEntry& e : kOpTable) types.emplace_back(e.type);
  return types;
}

} // namespace layerwise
