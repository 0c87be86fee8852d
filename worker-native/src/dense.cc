#include "dense.h"

#include <algorithm>
#include <vector>

#include "gemm.h"
#include "elementwise.h"
#include "thread_pool.h"

namespace layerwise {
namespace kernels {

namespace {
inline size_t pad16(size_t n) { return (n + 15) / 16 * 16; }
}

size_t dense_forward_scratch_size(const DenseParams& p, int threads) {
  return gemm_scratch_size(p.batch, p.out, p.in, threads);
}

size_t dense_backward_scratch_size(const DenseParams& p, int threads) {
  const size_t dz = p.act == Act::Linear ? 0 : pad16(static_cast<size_t>(p.batch) * p.out);
  const size_t g = std::max({gemm_scratch_size(p.in, p.out, p.batch, threads),
                             gemm_scratch_size(p.batch, p.in, p.out, threads)});
  return dz + g;
}

void dense_forward(const DenseParams& p, const float* x, const float* w, const float* b, float* y, float* z,
                   float* scratch, ThreadPool* pool) {
  if (p.batch <= 0 || p.out <= 0) return;
  float* pre = z ? z : y;
  gemm(false, false, p.batch, p.out, p.in, 1.0f, x, p.in, w, p.out, 0.0f, pre, p.out, scratch, pool);
  bias_activation_forward(p.act, pre, b, y, p.batch, p.out, pool);
}

void dense_backward(const DenseParams& p, const float* x, const float* w, const float* z, const float* y,
                    const float* dy, float* dx, float* dw, float* db, float* scratch, ThreadPool* pool) {
  if (p.batch <= 0 || p.out <= 0) return;
  const float* dz = dy;
  float* gs = scratch;
  if (p.act != Act::Linear) {
    float* buf = scratch;
    gs = scratch + pad16(static_cast<size_t>(p.batch) * p.out);
    activation_backward(p.act, z, y, dy, buf, p.batch, p.out, false, pool);
    dz = buf;
  }
  const float beta = p.accumulate_weight_grads ? 1.0f : 0.0f;
  if (dw) gemm(true, false, p.in, p.out, p.batch, 1.0f, x, p.in, dz, p.out, beta, dw, p.out, gs, pool);
  if (db) {
    if (!p.accumulate_weight_grads) std::fill(db, db + p.out, 0.0f);
    for (int n = 0; n < p.batch; ++n) ew::add_to(dz + static_cast<size_t>(n) * p.out, db, p.out);
  }
  if (dx) gemm(false, true, p.batch, p.in, p.out, 1.0f, dz, p.out, w, p.out, 1.0f, dx, p.in, gs, pool);
}

void dense_forward_reference(const DenseParams& p, const float* x, const float* w, const float* b, float* y, float* z) {
  std::vector<float> pre(static_cast<size_t>(p.batch) * p.out);
  for (int n = 0; n < p.batch; ++n)
    for (int j = 0; j < p.out; ++j) {
      double s = b ? b[j] : 0.0;
      for (int i = 0; i < p.in; ++i) s += static_cast<double>(x[static_cast<size_t>(n) * p.in + i]) * w[static_cast<size_t>(i) * p.out + j];
      pre[static_cast<size_t>(n) * p.out + j] = static_cast<float>(s);
    }
  if (z) std::copy(pre.begin(), pre.end(), z);
  activation_forward(p.act, pre.data(), y, p.batch, p.out, nullptr);
}

void dense_backward_reference(const DenseParams& p, const float* x, const float* w, const float* z, const float* y,
                              const float* dy, float* dx, float* dw, float* db) {
  std::vector<float> dz(static_cast<size_t>(p.batch) * p.out);
  activation_backward(p.act, z, y, dy, dz.data(), p.batch, p.out, false, nullptr);
  if (dw)
    for (int i = 0; i < p.in; ++i)
      for (int j = 0; j < p.out; ++j) {
        double s = p.accumulate_weight_grads ? dw[static_cast<size_t>(i) * p.out + j] : 0.0;
        for (int n = 0; n < p.batch; ++n) s += static_cast<double>(x[static_cast<size_t>(n) * p.in + i]) * dz[static_cast<size_t>(n) * p.out + j];
        dw[static_cast<size_t>(i) * p.out + j] = static_cast<float>(s);
      }
  if (db)
    for (int j = 0; j < p.out; ++j) {
      double s = p.accumulate_weight_grads ? db[j] : 0.0;
      for (int n = 0; n < p.batch; ++n) s += dz[static_cast<size_t>(n) * p.out + j];
      db[j] = static_cast<float>(s);
    }
  if (dx)
    for (int n = 0; n < p.batch; ++n)
      for (int i = 0; i < p.in; ++i) {
        double s = dx[static_cast<size_t>(n) * p.in + i];
        for (int j = 0; j < p.out; ++j) s += static_cast<double>(dz[static_cast<size_t>(n) * p.out + j]) * w[static_cast<size_t>(i) * p.out + j];
        dx[static_cast<size_t>(n) * p.in + i] = static_cast<float>(s);
      }
}

}  // namespace kernels
}  // namespace layerwise
