// Starts and tracks training sessions: checks the model and its fit to the dataset, loads the data,
// and hands both to a session. User mistakes come back as ApiErrors with the engine's issues. Live
// sessions are always kept; ended ones (events and final weights only) until a client releases them or
// MAX_ENDED_SESSIONS newer ones have ended.
import { randomUUID } from 'node:crypto';
import { totalmem } from 'node:os';
import {
  compileGraph,
  formatDims,
  readModel,
  type ExecutionPlan,
  type Issue,
  type ModelFile,
} from '../../../engine';
import { ApiError } from '../../../engine/api/contract';
import type { TrainingEvent } from '../../../engine/api/events';
import {
  describeBiggestLayers,
  estimateTrainingMemory,
  formatBytes,
  MiB,
} from '../../../engine/memory-estimate';
import { trainingRunSchema, type TrainingRun, type TrainingRunInput } from '../../../engine/api/run-settings';
import { DatasetError } from '../datasets/errors';
import { validationSplit } from '../datasets/split';
import { loadDatasetSource } from './dataset-source';
import { TrainingSession } from './session';
import { decodeWeights, weightValues, type NamedTensor } from '../../../engine/formats/weights';
import { matchWeights, type WeightMatch } from '../../../engine/training/weight-match';

/** Ended sessions kept for status, weights and predictions; the oldest ended goes first. */
export const MAX_ENDED_SESSIONS = 20;

export interface StartedSession {
  readonly session: TrainingSession;
  readonly plan: ExecutionPlan;
  readonly model: ModelFile;
  /** Set when the run continues from the file's weights: which layers kept them, which start afresh. */
  readonly continued?: WeightMatch<NamedTensor>;
}

export interface StartOptions {
  /** 'matching': start from the model file's weights where a layer's all fit; initialise the rest. */
  readonly weights?: 'matching';
  /** The bytes of the file's sidecar weights file, when its tensors live there. */
  readonly sidecar?: Uint8Array;
}

/** The share of physical memory training may plan to use when the run sets no budget. */
export const DEFAULT_MEMORY_FRACTION = 0.6;

export interface TrainingServiceOptions {
  workerEntry?: URL | string;
  /** The setting that changes the budget, named in the refusal (the CLI names its flag). */
  budgetSetting?: string;
  /** Physical memory in bytes (tests fix it; defaults to os.totalmem()). */
  totalMemory?: number;
}

export class TrainingService {
  constructor(private readonly options: TrainingServiceOptions = {}) {}

  private readonly sessions = new Map<string, TrainingSession>();
  private readonly listeners = new Set<(sessionId: string, event: TrainingEvent) => void>();

  onEvent(listener: (sessionId: string, event: TrainingEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get(sessionId: string): TrainingSession {
    const session = this.sessions.get(sessionId);
    if (session === undefined)
      throw new ApiError({ code: 'E_NOT_FOUND', message: `no training session '${sessionId}'` });
    return session;
  }

  list(): TrainingSession[] {
    return [...this.sessions.values()];
  }

  /** Drops an ended session entirely (its events and weights); a live one must be stopped first. */
  release(sessionId: string): void {
    const session = this.get(sessionId);
    if (session.ended === undefined)
      throw new ApiError({
        code: 'E_STATE',
        message: `training session '${sessionId}' is still ${session.currentState === 'paused' ? 'paused' : 'running'}: stop it and wait for it to end before releasing it`,
      });
    this.sessions.delete(sessionId);
  }

  /**
   * Validates everything, then starts training in a worker; resolves once the worker is started.
   * `weights: 'matching'` continues from the model file's weights where they fit (see matchingWeights).
   */
  async start(
    modelValue: unknown,
    runInput: TrainingRunInput = {},
    options: StartOptions = {},
  ): Promise<StartedSession> {
    const model = checkedModel(modelValue);
    const compiled = compileGraph(model.graph);
    if (!compiled.ok) throw invalidModel('the model has problems', compiled.issues);
    const plan = compiled.plan;
    const run = parseRun({ ...(model.training ?? {}), ...runInput });
    this.checkMemory(plan, run);

    const pair = await loadDatasetSource(run.dataset).catch((error: unknown) => {
      if (error instanceof DatasetError) throw new ApiError({ code: 'E_DATASET', message: error.message });
      throw error;
    });
    checkFit(plan, pair.train.shape, pair.train.classes, run.dataset);
    const available = run.limit === null ? pair.train.count : Math.min(run.limit, pair.train.count);
    const { train, validation } = validationSplit(available, run.validation_split);
    if (train.end - train.start < 1)
      throw new ApiError({
        code: 'E_DATASET',
        message: 'no training samples are left after the validation split',
      });

    const continued =
      options.weights === 'matching' ? matchingWeights(model, plan, options.sidecar) : undefined;

    const session = new TrainingSession({
      id: randomUUID(),
      modelName: model.name,
      plan,
      run,
      ...(continued === undefined
        ? {}
        : {
            initialWeights: continued.initialWeights,
            continued: { kept: continued.match.kept, initialised: continued.match.initialised },
          }),
      ...(this.options.workerEntry === undefined ? {} : { workerEntry: this.options.workerEntry }),
      data: {
        trainImages: pair.train.images,
        trainLabels: pair.train.labels,
        testImages: pair.test.images,
        testLabels: pair.test.labels,
        classes: pair.train.classes,
        trainCount: train.end - train.start,
        validationCount: validation.end - validation.start,
      },
    });
    this.sessions.set(session.id, session);
    session.onEvent((event) => {
      for (const listener of this.listeners) listener(session.id, event);
    });
    void session.whenFinished().then(() => this.forgetOldEnded());
    session.start();
    return { session, plan, model, ...(continued === undefined ? {} : { continued: continued.match }) };
  }

  private forgetOldEnded(): void {
    const ended = [...this.sessions.values()]
      .filter((s) => s.ended !== undefined)
      .sort((a, b) => (a.ended as number) - (b.ended as number));
    for (const old of ended.slice(0, Math.max(0, ended.length - MAX_ENDED_SESSIONS)))
      this.sessions.delete(old.id);
  }

  /** Refuses a run whose estimated peak memory is above the budget, before anything is allocated. */
  private checkMemory(plan: ExecutionPlan, run: TrainingRun): void {
    // A scripted adjustment may raise the batch size later in the run: the largest one counts.
    const batchSizes = run.adjustments.map((a) => a.changes.batch_size ?? 0);
    const estimate = estimateTrainingMemory(plan, {
      ...run,
      batch_size: Math.max(run.batch_size, ...batchSizes),
    });
    const machine = this.options.totalMemory ?? totalmem();
    const budget =
      run.memory_budget_mb === null ? machine * DEFAULT_MEMORY_FRACTION : run.memory_budget_mb * MiB;
    if (estimate.totalBytes <= budget) return;
    const setting = this.options.budgetSetting ?? 'the training setting Memory budget (memory_budget_mb)';
    const source =
      run.memory_budget_mb === null
        ? `${DEFAULT_MEMORY_FRACTION * 100}% of this machine's ${formatBytes(machine)}`
        : `set by ${setting}`;
    const top = estimate.layers[0];
    // Advise the batch size only where activations, which scale with it, are what is big.
    const shrink =
      top === undefined
        ? 'make the model smaller'
        : top.activationBytes > top.weightBytes
          ? `lower the batch size or make ${top.name} smaller`
          : `make ${top.name} smaller`;
    throw new ApiError({
      code: 'E_INVALID_MODEL',
      message: `training needs about ${formatBytes(estimate.totalBytes)} (${describeBiggestLayers(estimate)}); the memory budget is ${formatBytes(budget)} (${source}): ${shrink} or raise the budget${run.memory_budget_mb === null ? ` with ${setting}` : ''}`,
    });
  }

  async disposeAll(): Promise<void> {
    await Promise.all([...this.sessions.values()].map((s) => s.dispose()));
    this.sessions.clear();
  }
}

export function checkedModel(value: unknown): ModelFile {
  const loaded = readModel(value);
  if (!loaded.ok) throw invalidModel('the model file has problems', loaded.issues);
  return loaded.model;
}

export function parseRun(input: unknown): TrainingRun {
  const parsed = trainingRunSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problem = parsed.error.issues[0];
  throw new ApiError({
    code: 'E_BAD_REQUEST',
    message: `training settings: ${problem?.path.join('.') || 'value'}: ${problem?.message ?? 'invalid'}`,
  });
}

/**
 * The file's weights of every layer whose weights all fit the plan (by name and shape), decoded; the
 * other layers are initialised by the worker. A file without weights has nothing to continue from.
 */
function matchingWeights(
  model: ModelFile,
  plan: ExecutionPlan,
  sidecar: Uint8Array | undefined,
): { match: WeightMatch<NamedTensor>; initialWeights: Record<string, Float32Array> } {
  if (model.weights === undefined)
    throw new ApiError({
      code: 'E_BAD_REQUEST',
      message: 'the model file has no weights to continue from: train it first, or train from scratch',
    });
  const match = matchWeights(plan, new Map(model.weights.tensors.map((t) => [t.name, t])));
  // Decode only the kept layers' tensors, so their data is still checked tensor by tensor.
  const keptNodes = plan.nodes.filter((n) => match.kept.includes(n.name));
  const keptNames = new Set(keptNodes.flatMap((n) => n.weights.map((w) => w.name)));
  const decoded = decodeWeights(
    { ...plan, nodes: keptNodes },
    { ...model.weights, tensors: model.weights.tensors.filter((t) => keptNames.has(t.name)) },
    sidecar,
  );
  if (decoded.issues.length > 0) throw invalidModel('the saved weights cannot be read', decoded.issues);
  return { match: { ...match, tensors: decoded.tensors }, initialWeights: weightValues(decoded.tensors) };
}

function invalidModel(message: string, issues: readonly Issue[]): ApiError {
  const first = issues[0];
  const detail =
    first === undefined
      ? ''
      : `: ${first.where.nodeId ? `${first.where.nodeId}: ` : ''}${first.message}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}`;
  return new ApiError({ code: 'E_INVALID_MODEL', message: `${message}${detail}`, issues });
}

/** The model must take the dataset's images and output one value per class. */
export function checkFit(
  plan: ExecutionPlan,
  imageShape: readonly number[],
  classes: number,
  dataset: string,
): void {
  const pixels = imageShape.reduce((a, b) => a * b, 1);
  const inputSize = plan.inputShape.reduce((a, b) => a * b, 1);
  if (inputSize !== pixels) {
    throw new ApiError({
      code: 'E_INVALID_MODEL',
      message: `the model takes inputs of shape ${formatDims(plan.inputShape)}, but ${dataset} images are ${formatDims(imageShape)}: set the InputLayer's shape to [${imageShape.join(', ')}]`,
    });
  }
  if (plan.outputShape.length !== 1 || plan.outputShape[0] !== classes) {
    throw new ApiError({
      code: 'E_INVALID_MODEL',
      message: `the model outputs ${formatDims(plan.outputShape)}, but ${dataset} has ${classes} classes: end the model with Flatten (if needed) and Dense(${classes}, activation 'softmax')`,
    });
  }
}
