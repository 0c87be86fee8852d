// Reads the JavaScript model spec into a ModelSpec; throws Napi::Error naming the bad field.
#pragma once
#include <napi.h>
#include "model_spec.h"

namespace layerwise {
ModelSpec read_model_spec(const Napi::Object& spec);
}
