// The JavaScript class `Model` over layerwise::Model: converts arguments once, checks every length and
// type again (the process must never crash on bad input), and turns C++ failures into JS errors.
#include <napi.h>

#include <cmath>
#include <stdexcept>
#include <string>

#include "model.h"
#include "spec_reader.h"

namespace layerwise {
namespace {

class NapiModel : public Napi::ObjectWrap<NapiModel> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "Model",
                       {InstanceMethod("trainBatch", &NapiModel::TrainBatch),
                        InstanceMethod("computeGradients", &NapiModel::ComputeGradients),
                        InstanceMethod("evaluate", &NapiModel::Evaluate), InstanceMethod("predict", &NapiModel::Predict),
                        InstanceMethod("getWeights", &NapiModel::GetWeights),
                        InstanceMethod("setWeight", &NapiModel::SetWeight), InstanceMethod("step", &NapiModel::Step),
                        InstanceMethod("layerTimes", &NapiModel::LayerTimes),
                        InstanceMethod("activations", &NapiModel::Activations),
                        InstanceMethod("gradients", &NapiModel::Gradients),
                        InstanceMethod("setStatsEvery", &NapiModel::SetStatsEvery),
                        InstanceMethod("layerStats", &NapiModel::LayerStatsValue),
                        InstanceMethod("firstNonFinite", &NapiModel::FirstNonFinite),
                        InstanceMethod("setLearningRate", &NapiModel::SetLearningRate),
                        InstanceMethod("setOptimizer", &NapiModel::SetOptimizer),
                        InstanceMethod("setDropoutRate", &NapiModel::SetDropoutRate),
                        InstanceMethod("dispose", &NapiModel::Dispose)});
  }

  explicit NapiModel(const Napi::CallbackInfo& info) : Napi::ObjectWrap<NapiModel>(info) {
    if (info.Length() < 1 || !info[0].IsObject()) throw Napi::TypeError::New(info.Env(), "Model(spec) needs a spec object");
    ModelSpec spec = read_model_spec(info[0].As<Napi::Object>());
    try {
      model_ = std::make_unique<Model>(std::move(spec));
    } catch (const std::invalid_argument& e) { // a node's params, as its op reads them
      throw Napi::TypeError::New(info.Env(), std::string("invalid model spec: ") + e.what());
    }
  }

 private:
  Model& live(const Napi::Env& env) {
    if (!model_) throw Napi::Error::New(env, "this model was disposed");
    return *model_;
  }

  static int count_arg(const Napi::CallbackInfo& info, size_t i) {
    if (info.Length() <= i || !info[i].IsNumber()) throw Napi::TypeError::New(info.Env(), "expected a sample count");
    int count = info[i].As<Napi::Number>().Int32Value();
    if (count < 1) throw Napi::RangeError::New(info.Env(), "the sample count must be at least 1");
    return count;
  }

  InputView inputs(const Napi::CallbackInfo& info, size_t i, int count) {
    const Napi::Env env = info.Env();
    const size_t expected = static_cast<size_t>(count) * live(env).input_size();
    if (info.Length() > i && info[i].IsTypedArray()) {
      Napi::TypedArray array = info[i].As<Napi::TypedArray>();
      if (array.ElementLength() != expected)
        throw Napi::RangeError::New(env, "inputs hold " + std::to_string(array.ElementLength()) + " values, expected " + std::to_string(expected));
      if (array.TypedArrayType() == napi_float32_array) return {array.As<Napi::Float32Array>().Data(), nullptr};
      if (array.TypedArrayType() == napi_uint8_array) return {nullptr, array.As<Napi::Uint8Array>().Data()};
    }
    throw Napi::TypeError::New(env, "inputs must be a Float32Array or a Uint8Array");
  }

  TargetView targets(const Napi::CallbackInfo& info, size_t i, int count) {
    const Napi::Env env = info.Env();
    Model& model = live(env);
    if (info.Length() <= i || !info[i].IsTypedArray()) throw Napi::TypeError::New(env, "targets must be a typed array");
    Napi::TypedArray array = info[i].As<Napi::TypedArray>();
    const bool sparse = model.spec().config.loss == Loss::SparseCategoricalCrossentropy;
    const size_t expected = sparse ? static_cast<size_t>(count) : static_cast<size_t>(count) * model.output_size();
    if (array.ElementLength() != expected)
      throw Napi::RangeError::New(env, "targets hold " + std::to_string(array.ElementLength()) + " values, expected " + std::to_string(expected));
    TargetView view;
    if (sparse && array.TypedArrayType() == napi_int32_array) view.i32 = array.As<Napi::Int32Array>().Data();
    else if (sparse && array.TypedArrayType() == napi_uint8_array) view.u8 = array.As<Napi::Uint8Array>().Data();
    else if (!sparse && array.TypedArrayType() == napi_float32_array) view.f32 = array.As<Napi::Float32Array>().Data();
    else throw Napi::TypeError::New(env, sparse ? "labels must be an Int32Array or a Uint8Array" : "targets must be a Float32Array");
    if (sparse) {
      const int classes = static_cast<int>(model.output_size());
      for (int s = 0; s < count; s++) {
        const int label = view.i32 ? view.i32[s] : view.u8[s];
        if (label < 0 || label >= classes)
          throw Napi::RangeError::New(env, "label " + std::to_string(label) + " is out of range for " + std::to_string(classes) + " classes");
      }
    }
    return view;
  }

  static Napi::Object stats(const Napi::Env& env, const BatchStats& s) {
    Napi::Object out = Napi::Object::New(env);
    out.Set("loss", s.loss);
    out.Set("accuracy", s.accuracy);
    return out;
  }

  Napi::Value TrainBatch(const Napi::CallbackInfo& info) {
    const int count = count_arg(info, 2);
    return stats(info.Env(), live(info.Env()).train_batch(inputs(info, 0, count), targets(info, 1, count), count));
  }

  Napi::Value ComputeGradients(const Napi::CallbackInfo& info) {
    const Napi::Env env = info.Env();
    const int count = count_arg(info, 2);
    const bool training = info.Length() > 3 && info[3].ToBoolean().Value();
    Model& model = live(env);
    Napi::Object out = stats(env, model.compute_gradients(inputs(info, 0, count), targets(info, 1, count), count, training));
    Napi::Object gradients = Napi::Object::New(env);
    for (const NodeSpec& node : model.spec().nodes)
      for (const WeightSlot& w : node.weights)
        if (w.trainable) {
          Napi::Float32Array g = Napi::Float32Array::New(env, w.size);
          std::copy(model.gradients() + w.offset, model.gradients() + w.offset + w.size, g.Data());
          gradients.Set(w.name, g);
        }
    out.Set("gradients", gradients);
    const size_t n = static_cast<size_t>(count) * model.input_size();
    Napi::Float32Array dx = Napi::Float32Array::New(env, n);
    std::copy(model.input_gradient(), model.input_gradient() + n, dx.Data());
    out.Set("inputGradient", dx);
    return out;
  }

  Napi::Value Evaluate(const Napi::CallbackInfo& info) {
    const int count = count_arg(info, 2);
    const int batch = count_arg(info, 3);
    return stats(info.Env(), live(info.Env()).evaluate(inputs(info, 0, count), targets(info, 1, count), count, batch));
  }

  Napi::Value Predict(const Napi::CallbackInfo& info) {
    const Napi::Env env = info.Env();
    const int count = count_arg(info, 1);
    const int batch = count_arg(info, 2);
    const bool training = info.Length() > 3 && info[3].ToBoolean().Value();
    Model& model = live(env);
    InputView x = inputs(info, 0, count);
    Napi::Float32Array out = Napi::Float32Array::New(env, static_cast<size_t>(count) * model.output_size());
    model.predict(x, count, batch, training, out.Data());
    return out;
  }

  Napi::Value GetWeights(const Napi::CallbackInfo& info) {
    const Napi::Env env = info.Env();
    Model& model = live(env);
    Napi::Object out = Napi::Object::New(env);
    for (const NodeSpec& node : model.spec().nodes)
      for (const WeightSlot& w : node.weights) {
        Napi::Float32Array values = Napi::Float32Array::New(env, w.size);
        std::copy(model.params() + w.offset, model.params() + w.offset + w.size, values.Data());
        out.Set(w.name, values);
      }
    return out;
  }

  // The last training step's gradient of every trainable weight, by name (regularisation included).
  Napi::Value Gradients(const Napi::CallbackInfo& info) {
    const Napi::Env env = info.Env();
    Model& model = live(env);
    Napi::Object out = Napi::Object::New(env);
    for (const NodeSpec& node : model.spec().nodes)
      for (const WeightSlot& w : node.weights)
        if (w.trainable) {
          Napi::Float32Array values = Napi::Float32Array::New(env, w.size);
          std::copy(model.gradients() + w.offset, model.gradients() + w.offset + w.size, values.Data());
          out.Set(w.name, values);
        }
    return out;
  }

  Napi::Value SetWeight(const Napi::CallbackInfo& info) {
    const Napi::Env env = info.Env();
    Model& model = live(env);
    if (info.Length() < 2 || !info[0].IsString() || !info[1].IsTypedArray() ||
        info[1].As<Napi::TypedArray>().TypedArrayType() != napi_float32_array)
      throw Napi::TypeError::New(env, "setWeight(name, Float32Array)");
    const std::string name = info[0].As<Napi::String>().Utf8Value();
    Napi::Float32Array values = info[1].As<Napi::Float32Array>();
    for (const NodeSpec& node : model.spec().nodes)
      for (const WeightSlot& w : node.weights)
        if (w.name == name) {
          if (values.ElementLength() != w.size) throw Napi::RangeError::New(env, "weight '" + name + "' needs " + std::to_string(w.size) + " values");
          std::copy(values.Data(), values.Data() + w.size, model.params() + w.offset);
          return env.Undefined();
        }
    throw Napi::Error::New(env, "the model has no weight named '" + name + "'");
  }

  // Issue 17, adjusting a paused run between batches (the TypeScript wrapper validates the values).
  Napi::Value SetLearningRate(const Napi::CallbackInfo& info) {
    const Napi::Env env = info.Env();
    if (info.Length() < 1 || !info[0].IsNumber()) throw Napi::TypeError::New(env, "setLearningRate(rate) needs a number");
    const double lr = info[0].As<Napi::Number>().DoubleValue();
    if (!(lr > 0) || !std::isfinite(lr)) throw Napi::RangeError::New(env, "the learning rate must be a finite number above 0");
    live(env).set_learning_rate(static_cast<float>(lr));
    return env.Undefined();
  }

  Napi::Value SetOptimizer(const Napi::CallbackInfo& info) {
    const Napi::Env env = info.Env();
    if (info.Length() < 1 || !info[0].IsObject()) throw Napi::TypeError::New(env, "setOptimizer(config) needs an optimizer object");
    live(env).set_optimizer(read_optimizer(info[0].As<Napi::Object>()));
    return env.Undefined();
  }

  Napi::Value SetDropoutRate(const Napi::CallbackInfo& info) {
    const Napi::Env env = info.Env();
    if (info.Length() < 2 || !info[0].IsString() || !info[1].IsNumber())
      throw Napi::TypeError::New(env, "setDropoutRate(layer, rate) needs a layer name and a number");
    const double rate = info[1].As<Napi::Number>().DoubleValue();
    if (!(rate >= 0 && rate < 1)) throw Napi::RangeError::New(env, "a dropout rate must be at least 0 and below 1");
    try {
      live(env).set_rate(info[0].As<Napi::String>().Utf8Value(), static_cast<float>(rate));
    } catch (const std::invalid_argument& e) {
      throw Napi::Error::New(env, e.what());
    }
    return env.Undefined();
  }

  Napi::Value Step(const Napi::CallbackInfo& info) { return Napi::Number::New(info.Env(), static_cast<double>(live(info.Env()).step())); }

  // { nodes: [{ name, type, forward, backward }], loss, optimizer, other, batches } in seconds since the
  // last call (the call resets them).
  Napi::Value LayerTimes(const Napi::CallbackInfo& info) {
    const Napi::Env env = info.Env();
    Model& model = live(env);
    const layerwise::LayerTimes& t = model.times();
    Napi::Array nodes = Napi::Array::New(env, model.spec().nodes.size());
    for (size_t i = 0; i < model.spec().nodes.size(); i++) {
      Napi::Object node = Napi::Object::New(env);
      node.Set("name", model.spec().nodes[i].name);
      node.Set("type", model.spec().nodes[i].type);
      node.Set("forward", t.forward[i]);
      node.Set("backward", t.backward[i]);
      nodes.Set(static_cast<uint32_t>(i), node);
    }
    Napi::Object out = Napi::Object::New(env);
    out.Set("nodes", nodes);
    out.Set("loss", t.loss);
    out.Set("optimizer", t.optimizer);
    out.Set("other", t.other);
    out.Set("batches", static_cast<double>(t.batches));
    model.reset_times();
    return out;
  }

  Napi::Value SetStatsEvery(const Napi::CallbackInfo& info) {
    const Napi::Env env = info.Env();
    if (info.Length() < 1 || !info[0].IsNumber()) throw Napi::TypeError::New(env, "setStatsEvery(n) needs a step count");
    const double n = info[0].As<Napi::Number>().DoubleValue();
    if (!(n >= 0) || n > 1e9 || n != static_cast<double>(static_cast<int64_t>(n)))
      throw Napi::RangeError::New(env, "the statistics interval must be a whole number of steps from 0 (off)");
    live(env).set_stats_every(static_cast<int64_t>(n));
    return env.Undefined();
  }

  // { step, nodes: [{ name, type, output: { mean, std, zero_fraction, saturated_fraction }, gradient_norm,
  // weights: [{ name, norm, gradient_norm, update_ratio }] }] } of the latest sampled step, or null when
  // none was sampled since the previous call (the call clears it).
  Napi::Value LayerStatsValue(const Napi::CallbackInfo& info) {
    const Napi::Env env = info.Env();
    Model& model = live(env);
    const layerwise::LayerStats& s = model.layer_stats();
    if (!s.ready) return env.Null();
    Napi::Array nodes = Napi::Array::New(env, s.nodes.size());
    size_t next_weight = 0;
    for (size_t k = 0; k < s.nodes.size(); k++) {
      const NodeStats& n = s.nodes[k];
      const NodeSpec& spec = model.spec().nodes[n.node];
      Napi::Object node = Napi::Object::New(env);
      node.Set("name", spec.name);
      node.Set("type", spec.type);
      Napi::Object output = Napi::Object::New(env);
      output.Set("mean", n.mean);
      output.Set("std", n.std);
      output.Set("zero_fraction", n.zero_fraction);
      output.Set("saturated_fraction", n.saturated_fraction);
      node.Set("output", output);
      node.Set("gradient_norm", n.gradient_norm < 0 ? env.Null() : Napi::Number::New(env, n.gradient_norm));
      Napi::Array weights = Napi::Array::New(env);
      for (uint32_t w = 0; next_weight < s.weights.size() && s.weights[next_weight].node == n.node; next_weight++, w++) {
        const WeightStats& ws = s.weights[next_weight];
        Napi::Object weight = Napi::Object::New(env);
        weight.Set("name", spec.weights[ws.slot].name);
        weight.Set("norm", ws.norm);
        weight.Set("gradient_norm", ws.gradient_norm);
        weight.Set("update_ratio", ws.update_ratio < 0 ? env.Null() : Napi::Number::New(env, ws.update_ratio));
        weights.Set(w, weight);
      }
      node.Set("weights", weights);
      nodes.Set(static_cast<uint32_t>(k), node);
    }
    Napi::Object out = Napi::Object::New(env);
    out.Set("step", static_cast<double>(s.step));
    out.Set("nodes", nodes);
    model.clear_layer_stats();
    return out;
  }

  // { name, type, where: 'output' | 'gradient', value: 'NaN' | 'Infinity' } of the first non-finite value of the last batch, or null.
  Napi::Value FirstNonFinite(const Napi::CallbackInfo& info) {
    const Napi::Env env = info.Env();
    Model& model = live(env);
    const NonFinite found = model.first_non_finite();
    if (found.node < 0) return env.Null();
    Napi::Object out = Napi::Object::New(env);
    out.Set("name", model.spec().nodes[found.node].name);
    out.Set("type", model.spec().nodes[found.node].type);
    out.Set("where", found.gradient ? "gradient" : "output");
    out.Set("value", found.nan ? "NaN" : "Infinity");
    return out;
  }

  Napi::Value Dispose(const Napi::CallbackInfo& info) {
    model_.reset();
    return info.Env().Undefined();
  }

  // Issue 16, activations for one input: activations(x, count) -> [{ name, type, shape, values }] for
  // every node in plan order (views included, under their own shape), values = count x the node's size,
  // from one inference-mode pass. At most kMaxActivationSamples samples: the buffers grow to the largest
  // count ever asked for, and this call is for looking at a few inputs, not for batches.
  static constexpr int kMaxActivationSamples = 64;

  Napi::Value Activations(const Napi::CallbackInfo& info) {
    const Napi::Env env = info.Env();
    const int count = count_arg(info, 1);
    if (count > kMaxActivationSamples)
      throw Napi::RangeError::New(env, "activations takes at most " + std::to_string(kMaxActivationSamples) + " samples, got " + std::to_string(count));
    Model& model = live(env);
    model.forward_activations(inputs(info, 0, count), count);
    const std::vector<NodeSpec>& nodes = model.spec().nodes;
    Napi::Array out = Napi::Array::New(env, nodes.size());
    for (size_t i = 0; i < nodes.size(); i++) {
      const NodeSpec& node = nodes[i];
      Napi::Array shape = Napi::Array::New(env, node.output_shape.size());
      for (size_t d = 0; d < node.output_shape.size(); d++) shape.Set(static_cast<uint32_t>(d), static_cast<double>(node.output_shape[d]));
      const size_t n = shape_size(node.output_shape) * static_cast<size_t>(count);
      Napi::Float32Array values = Napi::Float32Array::New(env, n);
      const float* src = model.node_output(static_cast<int>(i));
      std::copy(src, src + n, values.Data());
      Napi::Object entry = Napi::Object::New(env);
      entry.Set("name", node.name);
      entry.Set("type", node.type);
      entry.Set("shape", shape);
      entry.Set("values", values);
      out.Set(static_cast<uint32_t>(i), entry);
    }
    return out;
  }

  std::unique_ptr<Model> model_;
};

} // namespace

Napi::Function define_model_class(Napi::Env env) { return NapiModel::Define(env); }

} // namespace layerwise
