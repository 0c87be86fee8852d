// Micro benchmark of the depthwise and transposed convolution kernels on MNIST/MobileNet-like shapes,
// beside Conv2D doing the comparable job: CPU milliseconds per batch (best of 5) and GFLOP/s on one
// thread (CPU time, so a busy shared machine skews it less than wall time), on the SIMD path the CPU
// has and on the portable one (--scalar: SSE2 for the depthwise rows, scalar GEMM).
// Build: g++ -std=c++17 -O2 -pthread -I../src bench_conv_variants.cc ../src/*.cc -o bench_conv_variants
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <functional>
#include <vector>

#include "conv2d.h"
#include "conv2d_transpose.h"
#include "cpu_features.h"
#include "dense.h"
#include "depthwise_conv2d.h"
#include "thread_pool.h"

using namespace layerwise;
using namespace layerwise::kernels;

namespace {

std::vector<float> filled(size_t n) {
  std::vector<float> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = static_cast<float>((i * 7919) % 1000) / 1000.0f - 0.5f;
  return v;
}

double cpu_ms() { return 1000.0 * static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

/** Best of 5 timed batches of repetitions lasting at least ~60 ms CPU, in CPU milliseconds per call. */
double best_ms(const std::function<void()>& run) {
  run();
  int reps = 1;
  for (;;) {
    const double t0 = cpu_ms();
    for (int r = 0; r < reps; ++r) run();
    if (cpu_ms() - t0 > 60) break;
    reps *= 2;
  }
  double best = 1e30;
  for (int t = 0; t < 5; ++t) {
    const double t0 = cpu_ms();
    for (int r = 0; r < reps; ++r) run();
    best = std::min(best, (cpu_ms() - t0) / reps);
  }
  return best;
}

void report(const char* name, double flops, double ms) {
  std::printf("  %-58s %8.3f ms  %6.2f GFLOP/s\n", name, ms, flops / ms / 1e6);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::strcmp(argv[1], "--scalar") == 0) set_isa(Isa::Scalar);
  for (int threads : {1}) {
    ThreadPool pool(threads);
    std::printf("%d thread, %s\n", threads, active_isa() == Isa::Scalar ? "portable path" : "SIMD path");
    {  // Depthwise 3x3 'same' on 32 x 28x28x32 (MobileNet-like), beside Conv2D 3x3 32->32 (32x the work).
      DepthwiseConv2DParams p;
      p.batch = 32; p.h = p.w = 28; p.in_c = 32; p.kh = p.kw = 3; p.same = true;
      const size_t nx = size_t(32) * 28 * 28 * 32;
      auto x = filled(nx), w = filled(9 * 32), b = filled(32), y = filled(nx), dy = filled(nx), dx = filled(nx), dw = filled(9 * 32);
      std::vector<float> scratch(depthwise_conv2d_backward_scratch_size(p));
      const double flops = 2.0 * nx * 9;
      report("DepthwiseConv2D 3x3 same 32x28x28x32 forward", flops, best_ms([&] { depthwise_conv2d_forward(p, x.data(), w.data(), b.data(), y.data(), &pool); }));
      report("DepthwiseConv2D backward (dx + dw + db)", 2 * flops, best_ms([&] { depthwise_conv2d_backward(p, x.data(), w.data(), dy.data(), dx.data(), dw.data(), b.data(), scratch.data(), &pool); }));
      report("DepthwiseConv2D backward dx only", flops, best_ms([&] { depthwise_conv2d_backward(p, x.data(), w.data(), dy.data(), dx.data(), nullptr, nullptr, scratch.data(), &pool); }));
      report("DepthwiseConv2D backward dw only", flops, best_ms([&] { depthwise_conv2d_backward(p, x.data(), w.data(), dy.data(), nullptr, dw.data(), nullptr, scratch.data(), &pool); }));
      report("DepthwiseConv2D naive reference forward", flops, best_ms([&] { depthwise_conv2d_forward_reference(p, x.data(), w.data(), b.data(), y.data()); }));
      Conv2DParams c;
      c.batch = 32; c.h = c.w = 28; c.in_c = 32; c.out_c = 32; c.kh = c.kw = 3; c.same = true;
      auto cw = filled(9 * 32 * 32);
      std::vector<float> cs(conv2d_forward_scratch_size(c, threads));
      report("Conv2D 3x3 same 32->32 forward (im2col + GEMM)", flops * 32, best_ms([&] { conv2d_forward(c, x.data(), cw.data(), b.data(), y.data(), nullptr, cs.data(), &pool); }));
      // SeparableConv2D 32->64 = the depthwise above + a pointwise GEMM, beside Conv2D 3x3 32->64.
      DenseParams d;
      d.batch = 32 * 28 * 28; d.in = 32; d.out = 64;
      auto pw = filled(32 * 64), y64 = filled(size_t(32) * 28 * 28 * 64), b64 = filled(64);
      std::vector<float> ds(dense_forward_scratch_size(d, threads));
      const double sep = best_ms([&] {
        depthwise_conv2d_forward(p, x.data(), w.data(), nullptr, y.data(), &pool);
        dense_forward(d, y.data(), pw.data(), b64.data(), y64.data(), nullptr, ds.data(), &pool);
      });
      report("SeparableConv2D 3x3 32->64 forward (depthwise + GEMM)", flops + 2.0 * d.batch * 32 * 64, sep);
      c.out_c = 64;
      auto cw64 = filled(9 * 32 * 64);
      std::vector<float> cs64(conv2d_forward_scratch_size(c, threads));
      report("Conv2D 3x3 same 32->64 forward", flops * 64, best_ms([&] { conv2d_forward(c, x.data(), cw64.data(), b64.data(), y64.data(), nullptr, cs64.data(), &pool); }));
    }
    {  // Conv2DTranspose 3x3 stride 2 'same' 14x14x32 -> 28x28x16, beside its adjoint Conv2D 28x28x16 -> 14x14x32.
      Conv2DTransposeParams t;
      t.batch = 32; t.h = t.w = 14; t.in_c = 32; t.out_c = 16; t.kh = t.kw = 3; t.sh = t.sw = 2; t.same = true;
      const size_t nx = size_t(32) * 14 * 14 * 32, ny = size_t(32) * 28 * 28 * 16;
      auto x = filled(nx), w = filled(9 * 16 * 32), b = filled(16), y = filled(ny), dy = filled(ny), dx = filled(nx), dw = filled(9 * 16 * 32);
      std::vector<float> fs(conv2d_transpose_forward_scratch_size(t, threads)), bs(conv2d_transpose_backward_scratch_size(t, threads));
      const double flops = 2.0 * nx * 9 * 16;
      report("Conv2DTranspose 3x3 s2 same 32x14x14x32->16 forward", flops, best_ms([&] { conv2d_transpose_forward(t, x.data(), w.data(), b.data(), y.data(), fs.data(), &pool); }));
      report("Conv2DTranspose backward (dx + dw + db)", 2 * flops, best_ms([&] { conv2d_transpose_backward(t, x.data(), w.data(), dy.data(), dx.data(), dw.data(), b.data(), bs.data(), &pool); }));
      Conv2DParams c;
      c.batch = 32; c.h = c.w = 28; c.in_c = 16; c.out_c = 32; c.kh = c.kw = 3; c.sh = c.sw = 2; c.same = true;
      std::vector<float> cs(conv2d_forward_scratch_size(c, threads));
      report("Conv2D 3x3 s2 same 32x28x28x16->32 forward (the adjoint)", flops, best_ms([&] { conv2d_forward(c, y.data(), w.data(), nullptr, x.data(), nullptr, cs.data(), &pool); }));
    }
  }
}
