// The typed face of the C++ core: create a model from a compiled plan and a training config, train it
// batch by batch, evaluate, predict, and read or write its weights by Keras name. Every argument is
// checked here, before C++, and problems throw a plain Error saying what is wrong.
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import type { ExecutionPlan } from '../../engine';
import type { LayerStatistics } from '../../engine/api/events';
import { shapeSize } from '../../engine';
import {
  optimizerSchema,
  trainingConfigSchema,
  type OptimizerConfig,
  type TrainingConfig,
  type TrainingConfigInput,
} from '../../engine/training-config';
import { dropoutRateOf } from '../../engine/training/dropout-rate';
import { nativeModelSpec } from './native-spec';

/** Images as float32, or as uint8 pixels that the core scales by 1/255 while reading them. */
export type Inputs = Float32Array | Uint8Array;
/** Class indices for sparse categorical cross-entropy; float32 targets of the output's shape otherwise. */
export type Targets = Int32Array | Uint8Array | Float32Array;

export interface BatchResult {
  readonly loss: number;
  readonly accuracy: number;
}

export interface GradientResult extends BatchResult {
  /** d loss / d weight for each trainable weight, by name. */
  readonly gradients: Readonly<Record<string, Float32Array>>;
  /** d loss / d input, same layout as the inputs. */
  readonly inputGradient: Float32Array;
}

/** Seconds spent per node and per phase of the training step, since the previous call. */
export interface LayerTimes {
  readonly nodes: readonly { name: string; type: string; forward: number; backward: number }[];
  /** The loss and its gradient. */
  readonly loss: number;
  /** Regularisation and the optimizer step. */
  readonly optimizer: number;
  /** Reading the batch in and zeroing the gradients. */
  readonly other: number;
  /** Training steps counted in `loss`, `optimizer` and `other`. */
  readonly batches: number;
}

/** One node's output for the samples of an activations() call (views included, under their own shape). */
export interface NodeActivation {
  readonly name: string;
  /** The layer type (Keras class name). */
  readonly type: string;
  /** The output's shape for one sample (no batch dimension). */
  readonly shape: readonly number[];
  /** count x the shape's size values, sample-major, channels last. */
  readonly values: Float32Array;
}

/** The most samples one activations() call takes (the core's buffers grow to the largest count asked). */
export const MAX_ACTIVATION_SAMPLES = 64;

/** One node's health on a sampled training step, as the core records it: the event's layer without the
 *  loop's timings and histograms (views such as Flatten have none). */
export type NodeLayerStats = Omit<LayerStatistics, 'forward_ms' | 'backward_ms'>;

/** The statistics of the latest sampled training step; `step` counts optimizer steps including it. */
export interface LayerStatsSnapshot {
  readonly step: number;
  readonly nodes: readonly NodeLayerStats[];
}

/** Where a NaN or infinity first shows in the last training batch. */
export interface NonFiniteOrigin {
  readonly name: string;
  readonly type: string;
  readonly where: 'output' | 'gradient';
  /** 'NaN' when a NaN is among the values, else 'Infinity'. */
  readonly value: 'NaN' | 'Infinity';
}

interface NativeBinding {
  Model: new (spec: unknown) => NativeHandle;
  /** The layer types the core has an op for (addon/op_table.cc). */
  opTypes(): string[];
}

interface NativeHandle {
  trainBatch(x: Inputs, y: Targets, count: number): BatchResult;
  computeGradients(x: Inputs, y: Targets, count: number, training: boolean): GradientResult;
  evaluate(x: Inputs, y: Targets, count: number, batchSize: number): BatchResult;
  predict(x: Inputs, count: number, batchSize: number, training: boolean): Float32Array;
  getWeights(): Record<string, Float32Array>;
  gradients(): Record<string, Float32Array>;
  setWeight(name: string, values: Float32Array): void;
  step(): number;
  layerTimes(): LayerTimes;
  activations(x: Inputs, count: number): NodeActivation[];
  setStatsEvery(n: number): void;
  layerStats(): LayerStatsSnapshot | null;
  firstNonFinite(): NonFiniteOrigin | null;
  setLearningRate(rate: number): void;
  setOptimizer(config: OptimizerConfig): void;
  setDropoutRate(layer: string, rate: number): void;
  dispose(): void;
}

let binding: NativeBinding | undefined;

/** Loads the addon once; LAYERWISE_NATIVE overrides its path (the packaged app sets it). */
export function loadBinding(): NativeBinding {
  if (binding === undefined) {
    const require = createRequire(import.meta.url);
    binding = require(
      process.env.LAYERWISE_NATIVE ?? '../build/Release/layerwise_native.node',
    ) as NativeBinding;
  }
  return binding;
}

export interface NativeModelOptions {
  /** Worker threads for the compute pool; defaults to the machine's cores. */
  readonly threads?: number;
}

export class NativeModel {
  private current: TrainingConfig;
  readonly inputSize: number;
  readonly outputSize: number;
  private handle: NativeHandle | undefined;

  constructor(
    readonly plan: ExecutionPlan,
    config: TrainingConfigInput = {},
    options: NativeModelOptions = {},
  ) {
    const parsed = trainingConfigSchema.safeParse(config);
    if (!parsed.success)
      throw new Error(
        `invalid training config: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    this.current = parsed.data;
    const threads = options.threads ?? availableParallelism();
    if (!Number.isInteger(threads) || threads < 1 || threads > 256)
      throw new Error(`threads must be a whole number from 1 to 256, got ${threads}`);
    this.inputSize = shapeSize(plan.inputShape);
    this.outputSize = shapeSize(plan.outputShape);
    this.handle = new (loadBinding().Model)(nativeModelSpec(plan, this.current, threads));
  }

  /** The training config as it is now (a paused run's adjustments included). */
  get config(): TrainingConfig {
    return this.current;
  }

  /** The optimizer's base learning rate from the next step on; a schedule goes on from its step count
   *  with it, and the optimizer's state (Adam's moments) is kept. */
  setLearningRate(rate: number): void {
    if (!Number.isFinite(rate) || rate <= 0)
      throw new Error(`the learning rate must be a finite number above 0, got ${rate}`);
    const optimizer = { ...this.current.optimizer, learning_rate: rate };
    this.live().setLearningRate(rate);
    this.current = { ...this.current, optimizer };
  }

  /** A new optimizer of this type with its Keras defaults and the current learning rate: its state starts
   *  from zero (Adam's bias correction too), while a schedule keeps counting the run's steps. */
  setOptimizer(type: OptimizerConfig['type']): void {
    const parsed = optimizerSchema.safeParse({ type, learning_rate: this.current.optimizer.learning_rate });
    if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join('; '));
    const optimizer = parsed.data;
    this.live().setOptimizer(optimizer);
    this.current = { ...this.current, optimizer };
  }

  /** A new rate for a layer that has one (Dropout, SpatialDropout2D: its definition has a `rate` param),
   *  from the next training batch on. */
  setDropoutRate(layer: string, rate: number): void {
    const node = this.plan.nodes.find((n) => n.name === layer);
    if (node === undefined) throw new Error(`the model has no layer named '${layer}'`);
    if (dropoutRateOf(node) === undefined)
      throw new Error(`layer '${layer}' (${node.type}) has no dropout rate`);
    if (!Number.isFinite(rate) || rate < 0 || rate >= 1)
      throw new Error(`a dropout rate must be at least 0 and below 1, got ${rate}`);
    this.live().setDropoutRate(layer, rate);
  }

  /** One optimizer step on a batch; returns the batch's loss and accuracy before the step. */
  trainBatch(x: Inputs, y: Targets): BatchResult {
    return this.live().trainBatch(x, y, this.checkBatch(x, y));
  }

  /** Loss, accuracy and gradients without changing the weights (for checks and tests). */
  computeGradients(x: Inputs, y: Targets, options: { training?: boolean } = {}): GradientResult {
    return this.live().computeGradients(x, y, this.checkBatch(x, y), options.training ?? true);
  }

  /** Mean loss and accuracy over any number of samples, in inference mode. */
  evaluate(x: Inputs, y: Targets, batchSize = 256): BatchResult {
    return this.live().evaluate(x, y, this.checkBatch(x, y), checkBatchSize(batchSize));
  }

  /** Outputs for each sample (class probabilities for a softmax output), flat, in inference mode. */
  predict(x: Inputs, options: { batchSize?: number; training?: boolean } = {}): Float32Array {
    return this.live().predict(
      x,
      this.countSamples(x),
      checkBatchSize(options.batchSize ?? 256),
      options.training ?? false,
    );
  }

  /** Copies of every weight in Keras layout, by name (conv2d/kernel, batch_normalization/moving_mean, ...). */
  getWeights(): Record<string, Float32Array> {
    return this.live().getWeights();
  }

  /** Copies of the last training step's gradient of every trainable weight, by name. */
  lastGradients(): Record<string, Float32Array> {
    return this.live().gradients();
  }

  setWeights(weights: Readonly<Record<string, Float32Array>>): void {
    const known = new Map(this.plan.nodes.flatMap((n) => n.weights.map((w) => [w.name, w.size] as const)));
    for (const [name, values] of Object.entries(weights)) {
      const size = known.get(name);
      if (size === undefined) throw new Error(`the model has no weight named '${name}'`);
      if (!(values instanceof Float32Array)) throw new Error(`weight '${name}' must be a Float32Array`);
      if (values.length !== size)
        throw new Error(`weight '${name}' needs ${size} values, got ${values.length}`);
    }
    for (const [name, values] of Object.entries(weights)) this.live().setWeight(name, values);
  }

  /** Optimizer steps taken so far. */
  get step(): number {
    return this.live().step();
  }

  /** Where the time went since the previous call (forward passes of evaluate and predict included). */
  takeLayerTimes(): LayerTimes {
    return this.live().layerTimes();
  }

  /** Every node's output for a few samples (at most MAX_ACTIVATION_SAMPLES), in plan order, in inference mode. */
  activations(x: Inputs): NodeActivation[] {
    const count = this.countSamples(x);
    if (count > MAX_ACTIVATION_SAMPLES)
      throw new Error(`activations takes at most ${MAX_ACTIVATION_SAMPLES} samples, got ${count}`);
    return this.live().activations(x, count);
  }

  /** Record per-layer statistics on every n-th training step (step % n == 0); 0 turns them off. */
  setStatsEvery(n: number): void {
    if (!Number.isInteger(n) || n < 0 || n > 1e9)
      throw new Error(`the statistics interval must be a whole number of steps from 0 (off), got ${n}`);
    this.live().setStatsEvery(n);
  }

  /** The latest sampled step's statistics, or null when no step was sampled since the previous call. */
  takeLayerStats(): LayerStatsSnapshot | null {
    return this.live().layerStats();
  }

  /** After a training batch: the first layer in plan order whose output holds a NaN or infinity, else
   * the first in backward order whose output gradient does; null when every value is finite. */
  firstNonFinite(): NonFiniteOrigin | null {
    return this.live().firstNonFinite();
  }

  dispose(): void {
    this.handle?.dispose();
    this.handle = undefined;
  }

  private live(): NativeHandle {
    if (this.handle === undefined) throw new Error('this model was disposed');
    return this.handle;
  }

  private countSamples(x: Inputs): number {
    if (!(x instanceof Float32Array || x instanceof Uint8Array))
      throw new Error('inputs must be a Float32Array or a Uint8Array');
    if (x.length === 0 || x.length % this.inputSize !== 0) {
      throw new Error(
        `inputs must hold whole samples of ${this.inputSize} values (shape ${this.plan.inputShape.join('x')}), got ${x.length} values`,
      );
    }
    return x.length / this.inputSize;
  }

  private checkBatch(x: Inputs, y: Targets): number {
    const count = this.countSamples(x);
    if (this.config.loss === 'sparse_categorical_crossentropy') {
      if (!(y instanceof Int32Array || y instanceof Uint8Array))
        throw new Error(
          'labels for sparse_categorical_crossentropy must be an Int32Array or a Uint8Array of class indices',
        );
      if (y.length !== count) throw new Error(`expected ${count} labels (one per sample), got ${y.length}`);
      for (const label of y) {
        if (label < 0 || label >= this.outputSize)
          throw new Error(`label ${label} is out of range: the model has ${this.outputSize} classes`);
      }
    } else {
      if (!(y instanceof Float32Array))
        throw new Error(`targets for ${this.config.loss} must be a Float32Array`);
      if (y.length !== count * this.outputSize)
        throw new Error(
          `expected ${count * this.outputSize} target values (${count} x ${this.outputSize}), got ${y.length}`,
        );
    }
    return count;
  }
}

function checkBatchSize(batchSize: number): number {
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 65536)
    throw new Error(`batch size must be a whole number from 1 to 65536, got ${batchSize}`);
  return batchSize;
}
