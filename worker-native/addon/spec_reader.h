// Reads the JavaScript model spec into a ModelSpec; throws Napi::Error naming the bad field.
#pragma once
#include <napi.h>
#include "model_spec.h"

namespace layerwise {
ModelSpec read_model_spec(const Napi::Object& spec);
/** An optimizer config ({ type, learning_rate, beta_1, ... } as engine/training-config.ts has it). */
OptimizerConfig read_optimizer(const Napi::Object& optimizer);
}
