// The addon's entry point: only registers exports.
#include <napi.h>

namespace layerwise {
Napi::Function define_model_class(Napi::Env env);
}

static Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("Model", layerwise::define_model_class(env));
  return exports;
}

NODE_API_MODULE(layerwise_native, Init)
