// GlobalAveragePooling2D / GlobalMaxPooling2D: x (N, H, W, C) -> y (N, C).
#pragma once
#include <cstdint>

namespace layerwise {
class ThreadPool;
namespace kernels {

// x (N,H,W,C) -> y (N,C)
void global_avg_pool2d_forward(int batch, int h, int w, int c, const float* x, float* y, ThreadPool* pool = nullptr);
// dy (N,C); dx (N,H,W,C) += dy / (H*W)  (ACCUMULATES)
void global_avg_pool2d_backward(int batch, int h, int w, int c, const float* dy, float* dx, ThreadPool* pool = nullptr);

void global_max_pool2d_forward(int batch, int h, int w, int c, const float* x, float* y, ThreadPool* pool = nullptr);
// x forward input; dx (N,H,W,C) += dy at the FIRST max position per (n, c)  (ACCUMULATES)
void global_max_pool2d_backward(int batch, int h, int w, int c, const float* x, const float* dy, float* dx,
                                ThreadPool* pool = nullptr);

}  // namespace kernels
}  // namespace layerwise
