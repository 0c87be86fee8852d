// The addon's entry point: only registers exports.
#include <napi.h>

#include "layer_op.h"

namespace layerwise {
Napi::Function define_model_class(Napi::Env env);
}

// The layer types the core runs, for the test that checks them against the registry.
static Napi::Value OpTypes(const Napi::CallbackInfo& info) {
  const std::vector<std::string> types = layerwise::op_types();
  Napi::Array out = Napi::Array::New(info.Env(), types.size());
  for (uint32_t i = 0; i < types.size(); i++) out.Set(i, types[i]);
  return out;
}

static Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("Model", layerwise::define_model_class(env));
  exports.Set("opTypes", Napi::Function::New(env, OpTypes, "opTypes"));
  return exports;
}

NODE_API_MODULE(layerwise_native, Init)
