#include "cpu_features.h"

#include <atomic>

#if defined(_MSC_VER) && (defined(_M_X64) || defined(_M_IX86))
#include <immintrin.h>
#include <intrin.h>
#endif

namespace layerwise {
namespace kernels {

namespace {

bool detect_avx2_fma() {
#if (defined(__GNUC__) || defined(__clang__)) && (defined(__x86_64__) || defined(__i386__))
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#elif defined(_MSC_VER) && (defined(_M_X64) || defined(_M_IX86))
  int r[4];
  __cpuid(r, 0);
  if (r[0] < 7) return false;
  __cpuid(r, 1);
  const bool fma = (r[2] & (1 << 12)) != 0;
  const bool osxsave = (r[2] & (1 << 27)) != 0;
  const bool avx = (r[2] & (1 << 28)) != 0;
  if (!(fma && osxsave && avx)) return false;
  if ((_xgetbv(0) & 6) != 6) return false;  // OS saves XMM and YMM state
  __cpuidex(r, 7, 0);
  return (r[1] & (1 << 5)) != 0;
#else
  return false;
#endif
}

bool detect_avx512f() {
#if (defined(__GNUC__) || defined(__clang__)) && (defined(__x86_64__) || defined(__i386__))
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f") && detect_avx2_fma();
#elif defined(_MSC_VER) && (defined(_M_X64) || defined(_M_IX86))
  if (!detect_avx2_fma()) return false;
  if ((_xgetbv(0) & 0xE6) != 0xE6) return false;  // OS saves opmask and ZMM state
  int r[4];
  __cpuidex(r, 7, 0);
  return (r[1] & (1 << 16)) != 0;
#else
  return false;
#endif
}

// The only mutable global: the dispatch choice. -1: not chosen yet.
std::atomic<int> g_isa{-1};

}  // namespace

bool cpu_has_avx2_fma() {
  static const bool has = detect_avx2_fma();
  return has;
}

bool cpu_has_avx512f() {
  static const bool has = detect_avx512f();
  return has;
}

static Isa best_isa() {
  if (cpu_has_avx512f()) return Isa::Avx512;
  if (cpu_has_avx2_fma()) return Isa::Avx2Fma;
  return Isa::Scalar;
}

Isa active_isa() {
  int v = g_isa.load(std::memory_order_relaxed);
  if (v < 0) {
    v = static_cast<int>(best_isa());
    g_isa.store(v, std::memory_order_relaxed);
  }
  return static_cast<Isa>(v);
}

void set_isa(Isa isa) {
  if (isa == Isa::Avx512 && !cpu_has_avx512f()) isa = Isa::Avx2Fma;
  if (isa == Isa::Avx2Fma && !cpu_has_avx2_fma()) isa = Isa::Scalar;
  g_isa.store(static_cast<int>(isa), std::memory_order_relaxed);
}

void reset_isa() { g_isa.store(-1, std::memory_order_relaxed); }

}  // namespace kernels
}  // namespace layerwise
