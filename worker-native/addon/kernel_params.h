// What the ops share: the kernels' headers and the activation as the kernels name it. Each op builds its
// kernel's parameter struct itself (addon/ops/<layer>.cc).
#pragma once
#include "../src/kernels.h"
#include "model_spec.h"

namespace layerwise {

inline kernels::Act kernel_act(Act act) { return act; } // layerwise::Act is kernels::Act

} // namespace layerwise
