// Umbrella header for the Layerwise numerical core (namespace layerwise::kernels, plus
// layerwise::ThreadPool). Conventions:
//  - float32, channels-last NHWC; Dense kernel (in, out); Conv2D kernel HWIO; bias (out).
//  - Kernels never allocate in the hot path: callers pass scratch sized by the *_scratch_size() functions
//    (gemm() alone also accepts nullptr scratch and then allocates, for convenience).
//  - Backward functions ACCUMULATE into input gradients (dx += ...); weight gradients overwrite unless
//    the params ask to accumulate; loss gradients overwrite.
//  - Every kernel takes an optional ThreadPool* (nullptr = run on the caller only).
#pragma once

#include "activations.h"
#include "batch_norm.h"
#include "conv2d.h"
#include "cpu_features.h"
#include "dense.h"
#include "dropout.h"
#include "gemm.h"
#include "global_pooling.h"
#include "initializers.h"
#include "losses.h"
#include "merge.h"
#include "optimizers.h"
#include "pooling.h"
#include "thread_pool.h"
