#!/usr/bin/env bash
# Builds the native kernels and their tests, runs them; exits non-zero on any failure.
# Usage: test/run.sh [--sanitize] [--bench] [test-name-filter]
#   --sanitize  build with -fsanitize=address,undefined (and -O1 -g)
#   --bench     also run the GEMM benchmark afterwards
# CXX overrides the compiler (default g++). Build output goes to a temporary directory.
set -u
here="$(cd "$(dirname "$0")" && pwd)"
src="$here/../src"
cxx="${CXX:-g++}"
opt=(-O2)
san=()
bench=0
filter=""
for arg in "$@"; do
  case "$arg" in
    --sanitize) san=(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined -g); opt=(-O1) ;;
    --bench) bench=1 ;;
    *) filter="$arg" ;;
  esac
done
out="$(mktemp -d "${TMPDIR:-/tmp}/layerwise-native-test.XXXXXX")"
trap 'rm -rf "$out"' EXIT
flags=(-std=c++17 "${opt[@]}" -Wall -Wextra -pthread "${san[@]}" -I"$src" -I"$here")

objs=()
for f in "$src"/*.cc; do
  o="$out/$(basename "${f%.cc}").o"
  "$cxx" "${flags[@]}" -c "$f" -o "$o" &
  objs+=("$o")
done
wait
for o in "${objs[@]}"; do
  if [ ! -f "$o" ]; then echo "compile failed: $o"; echo "0 passed, 1 failed"; exit 1; fi
done
if ! "$cxx" "${flags[@]}" "$here"/test_*.cc \
    "${objs[@]}" -o "$out/tests"; then
  echo "0 passed, 1 failed"; exit 1
fi
if ! "$cxx" "${flags[@]}" "$here"/bench_gemm.cc "${objs[@]}" -o "$out/bench_gemm"; then
  echo "bench_gemm failed to compile"; echo "0 passed, 1 failed"; exit 1
fi
"$out/tests" $filter
status=$?
if [ "$bench" = 1 ] && [ $status -eq 0 ]; then "$out/bench_gemm"; fi
exit $status
