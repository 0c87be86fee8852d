// Image augmentation kernels over NHWC float32 batches, each sample with its own random parameters:
// flips, an affine resampling with the conventions of TensorFlow's ImageProjectiveTransformV3 (what
// Keras' RandomTranslation, RandomRotation and RandomZoom run: output pixel (x, y) reads the input at
// (a0 x + a1 y + a2, b0 x + b1 y + b2), pixel centres at integers, the fill mode maps the coordinate
// before interpolation), and per-channel contrast. Every map is linear in the input (contrast up to its
// clip), so each backward is the exact adjoint of the forward for the same parameters; backward
// ACCUMULATES into dx.
#pragma once
#include <cstdint>

namespace layerwise {
class ThreadPool;
namespace kernels {

struct ImageDims {
  int n = 0, h = 0, w = 0, c = 0;
};

enum class FillMode { Reflect, Constant, Nearest };
enum class Interpolation { Bilinear, Nearest };

// flips: 2 per sample, (horizontal, vertical), non-zero = flip that axis.
void flip_forward(const ImageDims& d, const float* flips, const float* x, float* y, ThreadPool* pool = nullptr);
void flip_backward(const ImageDims& d, const float* flips, const float* dy, float* dx, ThreadPool* pool = nullptr);

struct WarpParams {
  FillMode fill = FillMode::Reflect;
  Interpolation interpolation = Interpolation::Bilinear;
  float fill_value = 0;
};

/** TF's map of an out-of-range coordinate into [0, len - 1] (reflect, nearest) or as is (constant). */
float warp_map_coordinate(FillMode mode, float coord, int len);

// transforms: 6 per sample (a0, a1, a2, b0, b1, b2), output → input coordinates.
void warp_forward(const ImageDims& d, const WarpParams& p, const float* transforms, const float* x, float* y,
                  ThreadPool* pool = nullptr);
// dx += Aᵀ dy (the fill value is a constant: no gradient).
void warp_backward(const ImageDims& d, const WarpParams& p, const float* transforms, const float* dy, float* dx,
                   ThreadPool* pool = nullptr);

// y = clip((x - mean) * factor + mean, low, high), mean per sample and channel over height and width.
void contrast_forward(const ImageDims& d, const float* factors, float low, float high, const float* x, float* y,
                      ThreadPool* pool = nullptr);
// dx += adjoint of the above at x (the clip's mask recomputed from x).
void contrast_backward(const ImageDims& d, const float* factors, float low, float high, const float* x,
                       const float* dy, float* dx, ThreadPool* pool = nullptr);

}  // namespace kernels
}  // namespace layerwise
