// Converts the plain-data spec from worker-native/lib/native-spec.ts into C++ structs, once per model.
// The TypeScript wrapper has already validated it; these checks guard the process against misuse.
#include "spec_reader.h"

#include <map>
#include <stdexcept>

namespace layerwise {
namespace {

[[noreturn]] void fail(const Napi::Env& env, const std::string& message) {
  throw Napi::TypeError::New(env, "invalid model spec: " + message);
}

Napi::Value field(const Napi::Object& o, const char* key) {
  if (!o.Has(key)) fail(o.Env(), std::string("missing field '") + key + "'");
  return o.Get(key);
}

double number(const Napi::Object& o, const char* key) {
  Napi::Value v = field(o, key);
  if (!v.IsNumber()) fail(o.Env(), std::string("'") + key + "' must be a number");
  return v.As<Napi::Number>().DoubleValue();
}

int integer(const Napi::Object& o, const char* key) { return static_cast<int>(number(o, key)); }

bool boolean(const Napi::Object& o, const char* key) {
  Napi::Value v = field(o, key);
  if (!v.IsBoolean()) fail(o.Env(), std::string("'") + key + "' must be a boolean");
  return v.As<Napi::Boolean>().Value();
}

std::string text(const Napi::Object& o, const char* key) {
  Napi::Value v = field(o, key);
  if (!v.IsString()) fail(o.Env(), std::string("'") + key + "' must be a string");
  return v.As<Napi::String>().Utf8Value();
}

Napi::Array array(const Napi::Object& o, const char* key) {
  Napi::Value v = field(o, key);
  if (!v.IsArray()) fail(o.Env(), std::string("'") + key + "' must be an array");
  return v.As<Napi::Array>();
}

std::vector<int> ints(const Napi::Array& a) {
  std::vector<int> out;
  for (uint32_t i = 0; i < a.Length(); i++) {
    Napi::Value v = a.Get(i);
    if (!v.IsNumber()) fail(a.Env(), "expected an array of numbers");
    out.push_back(v.As<Napi::Number>().Int32Value());
  }
  return out;
}

template <typename E>
E lookup(const Napi::Env& env, const std::map<std::string, E>& table, const std::string& name, const char* what) {
  auto it = table.find(name);
  if (it == table.end()) fail(env, std::string("unknown ") + what + " '" + name + "'");
  return it->second;
}

const std::map<std::string, Init> kInits = {
    {"glorot_uniform", Init::GlorotUniform}, {"glorot_normal", Init::GlorotNormal}, {"he_normal", Init::HeNormal},
    {"he_uniform", Init::HeUniform}, {"lecun_normal", Init::LecunNormal}, {"zeros", Init::Zeros}, {"ones", Init::Ones}};
const std::map<std::string, Loss> kLosses = {
    {"sparse_categorical_crossentropy", Loss::SparseCategoricalCrossentropy},
    {"categorical_crossentropy", Loss::CategoricalCrossentropy},
    {"binary_crossentropy", Loss::BinaryCrossentropy}, {"mean_squared_error", Loss::MeanSquaredError}};
const std::map<std::string, OptimizerKind> kOptimizers = {
    {"sgd", OptimizerKind::Sgd}, {"adam", OptimizerKind::Adam}, {"adamw", OptimizerKind::AdamW},
    {"rmsprop", OptimizerKind::RmsProp}};
const std::map<std::string, ScheduleKind> kSchedules = {
    {"constant", ScheduleKind::Constant}, {"step", ScheduleKind::Step}, {"cosine", ScheduleKind::Cosine}};

float optional_number(const Napi::Object& o, const char* key, float fallback) {
  return o.Has(key) && o.Get(key).IsNumber() ? o.Get(key).As<Napi::Number>().FloatValue() : fallback;
}

} // namespace

OptimizerConfig read_optimizer(const Napi::Object& opt) {
  OptimizerConfig o;
  o.kind = lookup(opt.Env(), kOptimizers, text(opt, "type"), "optimizer");
  o.learning_rate = optional_number(opt, "learning_rate", 0.001f);
  o.beta_1 = optional_number(opt, "beta_1", 0.9f);
  o.beta_2 = optional_number(opt, "beta_2", 0.999f);
  o.epsilon = optional_number(opt, "epsilon", 1e-7f);
  o.momentum = optional_number(opt, "momentum", 0);
  o.rho = optional_number(opt, "rho", 0.9f);
  o.weight_decay = optional_number(opt, "weight_decay", 0);
  o.nesterov = opt.Has("nesterov") && opt.Get("nesterov").ToBoolean().Value();
  return o;
}

namespace {

TrainConfig read_config(const Napi::Object& c) {
  const Napi::Env env = c.Env();
  TrainConfig config;
  config.loss = lookup(env, kLosses, text(c, "loss"), "loss");
  config.optimizer = read_optimizer(field(c, "optimizer").As<Napi::Object>());
  Napi::Object schedule = field(c, "schedule").As<Napi::Object>();
  config.schedule.kind = lookup(env, kSchedules, text(schedule, "type"), "schedule");
  config.schedule.every_steps = static_cast<int64_t>(optional_number(schedule, "every_steps", 1));
  config.schedule.decay_steps = static_cast<int64_t>(optional_number(schedule, "decay_steps", 1));
  config.schedule.gamma = optional_number(schedule, "gamma", 1);
  config.schedule.alpha = optional_number(schedule, "alpha", 0);
  config.clipnorm = optional_number(c, "global_clipnorm", 0);
  config.l2 = optional_number(c, "l2", 0);
  config.seed = static_cast<uint32_t>(number(c, "seed"));
  return config;
}

// A layer's native params: numbers and booleans (as 1/0), arrays of numbers, strings.
void read_params(const Napi::Value& value, NodeParams& params) {
  if (!value.IsObject() || value.IsArray()) fail(value.Env(), "'params' must be an object");
  const Napi::Object o = value.As<Napi::Object>();
  const Napi::Array keys = o.GetPropertyNames();
  for (uint32_t i = 0; i < keys.Length(); i++) {
    const std::string key = keys.Get(i).As<Napi::String>().Utf8Value();
    const Napi::Value v = o.Get(key);
    if (v.IsNumber()) params.numbers[key] = {v.As<Napi::Number>().DoubleValue()};
    else if (v.IsBoolean()) params.numbers[key] = {v.As<Napi::Boolean>().Value() ? 1.0 : 0.0};
    else if (v.IsString()) params.texts[key] = v.As<Napi::String>().Utf8Value();
    else if (v.IsArray()) {
      const Napi::Array a = v.As<Napi::Array>();
      std::vector<double>& list = params.numbers[key];
      for (uint32_t j = 0; j < a.Length(); j++) {
        if (!a.Get(j).IsNumber()) fail(value.Env(), "param '" + key + "' must list numbers");
        list.push_back(a.Get(j).As<Napi::Number>().DoubleValue());
      }
    } else fail(value.Env(), "param '" + key + "' must be a number, boolean, string or list of numbers");
  }
}

NodeSpec read_node(const Napi::Object& n) {
  const Napi::Env env = n.Env();
  NodeSpec node;
  node.type = text(n, "op");
  node.name = text(n, "name");
  read_params(field(n, "params"), node.params);
  try {
    node.act = node.params.activation();
  } catch (const std::invalid_argument& e) {
    fail(env, node.name + " (" + node.type + "): " + e.what());
  }
  node.inputs = ints(array(n, "inputs"));
  Napi::Array shapes = array(n, "inputShapes");
  for (uint32_t i = 0; i < shapes.Length(); i++) node.input_shapes.push_back(ints(shapes.Get(i).As<Napi::Array>()));
  node.output_shape = ints(array(n, "outputShape"));
  node.trainable = boolean(n, "trainable");
  Napi::Array weights = array(n, "weights");
  for (uint32_t i = 0; i < weights.Length(); i++) {
    Napi::Object w = weights.Get(i).As<Napi::Object>();
    WeightSlot slot;
    slot.name = text(w, "name");
    slot.offset = static_cast<size_t>(number(w, "offset"));
    slot.size = static_cast<size_t>(number(w, "size"));
    slot.shape = ints(array(w, "shape"));
    slot.trainable = boolean(w, "trainable");
    slot.init = lookup(env, kInits, text(w, "initializer"), "initializer");
    slot.fan_in = integer(w, "fanIn");
    slot.fan_out = integer(w, "fanOut");
    if (shape_size(slot.shape) != slot.size) fail(env, "weight '" + slot.name + "' size does not match its shape");
    node.weights.push_back(slot);
  }
  return node;
}

} // namespace

ModelSpec read_model_spec(const Napi::Object& spec) {
  const Napi::Env env = spec.Env();
  ModelSpec model;
  Napi::Array nodes = array(spec, "nodes");
  for (uint32_t i = 0; i < nodes.Length(); i++) {
    Napi::Value v = nodes.Get(i);
    if (!v.IsObject()) fail(env, "nodes must be objects");
    model.nodes.push_back(read_node(v.As<Napi::Object>()));
  }
  model.input_index = integer(spec, "inputIndex");
  model.output_index = integer(spec, "outputIndex");
  model.trainable_params = static_cast<size_t>(number(spec, "trainableParams"));
  model.total_params = static_cast<size_t>(number(spec, "totalParams"));
  model.threads = integer(spec, "threads");
  Napi::Value config = field(spec, "config");
  if (!config.IsObject()) fail(env, "'config' must be an object");
  model.config = read_config(config.As<Napi::Object>());

  const int count = static_cast<int>(model.nodes.size());
  if (model.input_index < 0 || model.input_index >= count || model.output_index < 0 || model.output_index >= count)
    fail(env, "input or output index out of range");
  for (int i = 0; i < count; i++) {
    const NodeSpec& node = model.nodes[i];
    if (node.inputs.size() != node.input_shapes.size()) fail(env, "inputs and inputShapes differ in length");
    for (int input : node.inputs)
      if (input < 0 || input >= i) fail(env, "nodes must be in topological order");
    for (const WeightSlot& w : node.weights)
      if (w.offset + w.size > model.total_params) fail(env, "weight '" + w.name + "' lies outside the parameter buffer");
  }
  return model;
}

} // namespace layerwise
