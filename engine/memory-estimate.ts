// What training a compiled plan needs in memory, estimated before the native model is built so that a
// model too big for the machine is refused with a message instead of taken by the OOM killer. The
// terms follow what the native core allocates (worker-native/addon/model.cc): the flat parameter
// buffer, one gradient and two optimizer slots per trainable weight, and per layer an output and a
// gradient buffer (plus the pre-activation where backward needs it) at the largest batch it runs.
import type { ExecutionPlan, PlanNode } from './compile';
import { shapeSize } from './shape';

const FLOAT = 4;
export const KiB = 1024;
export const MiB = 1024 * KiB;
export const GiB = 1024 * MiB;

/**
 * The native core allocates both optimizer slots (m and v) for every optimizer, even though SGD with
 * momentum and RMSprop use one and plain SGD none: the estimate counts what is allocated.
 */
const OPTIMIZER_SLOTS = 2;
/** Evaluation and test predictions run in batches of 256 (NativeModel's default), so buffers grow to it. */
const EVALUATION_BATCH = 256;
/** A worker thread, its V8 isolate and the thread pool cost about this much before any tensor. */
const WORKER_OVERHEAD = 32 * MiB;
/** Flatten, Reshape and the input share their input's buffers in the native core. */
const ALIASES = new Set(['Flatten', 'Reshape', 'InputLayer']);

export interface LayerMemory {
  readonly name: string;
  /** Parameters, gradients, optimizer state and the weight copies the loop and the export take. */
  readonly weightBytes: number;
  /** Outputs, their gradients and kept pre-activations at the largest batch. */
  readonly activationBytes: number;
  readonly totalBytes: number;
}

export interface MemoryEstimate {
  readonly totalBytes: number;
  /** Every layer that needs memory, the biggest first. */
  readonly layers: readonly LayerMemory[];
  /** The batch buffers of the dataset side (images, labels, one-hot targets) and the worker itself. */
  readonly otherBytes: number;
}

export interface MemoryRun {
  readonly batch_size: number;
  readonly early_stopping?: unknown;
}

/** Estimates the peak memory of training `plan` with `run`'s batch size. */
export function estimateTrainingMemory(plan: ExecutionPlan, run: MemoryRun): MemoryEstimate {
  const capacity = Math.max(run.batch_size, EVALUATION_BATCH);
  // After training the weights are copied out once (training.weights, --out); early stopping keeps
  // one more copy of the best epoch's weights.
  const copies = run.early_stopping ? 2 : 1;
  const layers = plan.nodes
    .map((node) => layerMemory(node, node.index === plan.outputIndex, capacity, copies))
    .filter((layer) => layer.totalBytes > 0)
    .sort((a, b) => b.totalBytes - a.totalBytes);
  const pixels = shapeSize(plan.inputShape);
  const classes = shapeSize(plan.outputShape);
  const otherBytes = run.batch_size * (pixels + 1 + classes * FLOAT) + WORKER_OVERHEAD;
  const totalBytes = layers.reduce((sum, layer) => sum + layer.totalBytes, otherBytes);
  return { totalBytes, layers, otherBytes };
}

function layerMemory(node: PlanNode, isOutput: boolean, capacity: number, copies: number): LayerMemory {
  let weightBytes = 0;
  for (const w of node.weights)
    weightBytes += w.size * FLOAT * ((w.trainable ? 2 + OPTIMIZER_SLOTS : 1) + copies);
  const outputs = shapeSize(node.outputShape) * capacity;
  let buffers = 0;
  if (node.type === 'InputLayer')
    buffers = 1; // the converted pixels; no gradient while training
  else if (!ALIASES.has(node.type)) buffers = 2 + (keepsPreActivation(node, isOutput) ? 1 : 0);
  const activationBytes = outputs * buffers * FLOAT;
  return { name: node.name, weightBytes, activationBytes, totalBytes: weightBytes + activationBytes };
}

/** Backward needs the pre-activation for GELU and Swish, and at the output when the loss fuses it. */
function keepsPreActivation(node: PlanNode, isOutput: boolean): boolean {
  if (!['Dense', 'Conv2D', 'Conv1D'].includes(node.type)) return false;
  const activation = (node.params as { activation?: unknown }).activation;
  if (activation === 'gelu' || activation === 'swish') return true;
  return isOutput && activation !== undefined && activation !== 'linear';
}

/** 48.1 GiB, 512 MiB, 3.2 KiB, 12 bytes: one decimal below 100 units, whole numbers above. */
export function formatBytes(bytes: number): string {
  const units: [number, string][] = [
    [GiB, 'GiB'],
    [MiB, 'MiB'],
    [KiB, 'KiB'],
  ];
  for (const [size, unit] of units) {
    if (bytes < size) continue;
    const value = bytes / size;
    const text = value >= 100 ? value.toFixed(0) : value.toFixed(1).replace(/\.0$/, '');
    return `${text} ${unit}`;
  }
  return `${bytes} bytes`;
}

/**
 * One line naming the biggest layers, e.g. "dense: 64 GiB of weights, gradients and optimizer
 * state; dense_1: 40 MiB of activations". Layers under 5% of the total are left out (up to three named).
 */
export function describeBiggestLayers(estimate: MemoryEstimate, count = 3): string {
  const named = estimate.layers
    .filter((layer, i) => i === 0 || layer.totalBytes >= estimate.totalBytes * 0.05)
    .slice(0, count);
  return named
    .map((layer) => {
      const parts: string[] = [];
      if (layer.weightBytes > 0)
        parts.push(`${formatBytes(layer.weightBytes)} of weights, gradients and optimizer state`);
      if (layer.activationBytes > 0) parts.push(`${formatBytes(layer.activationBytes)} of activations`);
      return `${layer.name}: ${parts.join(' and ')}`;
    })
    .join('; ');
}
