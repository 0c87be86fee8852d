// The model as the C++ core sees it: plain structs converted once from the JavaScript spec
// (worker-native/lib/native-spec.ts). Shapes exclude the batch and are channels-last.
#pragma once
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "../src/activations.h"
#include "../src/losses.h"

namespace layerwise {

using Act = kernels::Act;
enum class Init { GlorotUniform, GlorotNormal, HeNormal, HeUniform, LecunNormal, Zeros, Ones };
using Loss = kernels::Loss;
enum class OptimizerKind { Sgd, Adam, AdamW, RmsProp };
enum class ScheduleKind { Constant, Step, Cosine };

using Shape = std::vector<int>;

inline size_t shape_size(const Shape& s) {
  size_t n = 1;
  for (int d : s) n *= static_cast<size_t>(d);
  return n;
}

struct WeightSlot {
  std::string name;  // e.g. conv2d/kernel
  size_t offset = 0; // in floats, into the flat parameter buffer
  size_t size = 0;
  Shape shape;
  bool trainable = true;
  Init init = Init::Zeros;
  int fan_in = 1, fan_out = 1;
};

/** A layer's params as its TypeScript home's `formats.native` gives them: numbers, flags (1/0) and
 *  number lists in `numbers`, strings in `texts`. The getters throw std::invalid_argument naming a
 *  missing or mistyped key, which the model turns into a clear error. */
struct NodeParams {
  std::map<std::string, std::vector<double>> numbers;
  std::map<std::string, std::string> texts;

  bool has(const std::string& key) const { return numbers.count(key) > 0 || texts.count(key) > 0; }
  double number(const std::string& key) const;
  int integer(const std::string& key) const { return static_cast<int>(number(key)); }
  bool flag(const std::string& key) const { return number(key) != 0; }
  const std::vector<double>& list(const std::string& key) const;
  std::vector<int> ints(const std::string& key) const;
  /** A list of exactly `count` integers (a window, strides). */
  std::vector<int> ints(const std::string& key, size_t count) const;
  const std::string& text(const std::string& key) const;
  /** The "activation" param (absent: linear); an unknown name throws. */
  Act activation() const;
};

/** One node of the plan. Everything layer-specific is in `params`, read by the type's op. */
struct NodeSpec {
  std::string type; // the registry's layer type (Keras class name)
  std::string name; // the node's name (conv2d_1), for error messages
  Act act = Act::Linear; // params.activation(), read once (the fused loss looks at the output's)
  std::vector<int> inputs;
  std::vector<Shape> input_shapes;
  Shape output_shape;
  NodeParams params;
  std::vector<WeightSlot> weights;
  // false: frozen (Keras trainable = False). Its weights are already non-trainable slots, so the
  // optimizer and regularisation skip them; BatchNormalization also keeps to its moving statistics.
  bool trainable = true;
};

struct OptimizerConfig {
  OptimizerKind kind = OptimizerKind::Adam;
  float learning_rate = 0.001f, beta_1 = 0.9f, beta_2 = 0.999f, epsilon = 1e-7f;
  float momentum = 0, rho = 0.9f, weight_decay = 0;
  bool nesterov = false;
};

struct ScheduleConfig {
  ScheduleKind kind = ScheduleKind::Constant;
  int64_t every_steps = 1, decay_steps = 1;
  float gamma = 1, alpha = 0;
};

struct TrainConfig {
  Loss loss = Loss::SparseCategoricalCrossentropy;
  OptimizerConfig optimizer;
  ScheduleConfig schedule;
  float clipnorm = 0; // 0: off
  float l2 = 0;
  uint32_t seed = 42;
};

struct ModelSpec {
  std::vector<NodeSpec> nodes; // topological order
  int input_index = 0, output_index = 0;
  size_t trainable_params = 0, total_params = 0;
  TrainConfig config;
  int threads = 0; // 0: one per core
};

} // namespace layerwise
