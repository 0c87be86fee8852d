// Test helpers: compile a graph into a native model, and deterministic random data.
import { compileGraph, type ExecutionPlan, type Graph } from '../../engine';
import type { TrainingConfigInput } from '../../engine/training-config';
import { NativeModel } from '../lib/native-model';

export function compiledPlan(graph: Graph): ExecutionPlan {
  const result = compileGraph(graph);
  if (!result.ok) throw new Error(result.issues.map((i) => `${i.where.nodeId}: ${i.message}`).join('\n'));
  return result.plan;
}

export function nativeModel(graph: Graph, config: TrainingConfigInput = {}, threads = 1): NativeModel {
  return new NativeModel(compiledPlan(graph), config, { threads });
}

/** mulberry32: reproducible test data. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomFloats(n: number, seed: number, low = -1, high = 1): Float32Array {
  const next = random(seed);
  return Float32Array.from({ length: n }, () => low + (high - low) * next());
}

export function randomLabels(n: number, classes: number, seed: number): Int32Array {
  const next = random(seed);
  return Int32Array.from({ length: n }, () => Math.floor(next() * classes));
}

/** Largest |a - b| relative to the largest |b| (or 1e-6): one number that says how far apart two tensors are. */
export function relativeError(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let diff = 0;
  let scale = 1e-6;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs((a[i] as number) - (b[i] as number)));
    scale = Math.max(scale, Math.abs(b[i] as number));
  }
  return diff / scale;
}
