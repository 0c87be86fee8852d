// Run-time CPU feature detection and the one process-wide dispatch choice (which SIMD path the fast
// kernels use). Binaries are built without -march flags; AVX2/FMA code lives in target-attributed
// functions and is chosen here at run time.
#pragma once

namespace layerwise {
namespace kernels {

enum class Isa { Scalar = 0, Avx2Fma = 1, Avx512 = 2 };

/** True when the CPU (and OS) support AVX2 and FMA. Always false on non-x86 builds. */
bool cpu_has_avx2_fma();
/** True when the CPU (and OS) support AVX-512F (and AVX2/FMA). Always false on non-x86 builds. */
bool cpu_has_avx512f();

/** The SIMD path the fast kernels use now: the best supported one unless overridden. */
Isa active_isa();

/** Forces a path (tests: fast vs scalar). A path the CPU lacks falls back to the best one below it.
 *  Thread-safe. */
void set_isa(Isa isa);
/** Back to the best supported path. */
void reset_isa();

}  // namespace kernels
}  // namespace layerwise
