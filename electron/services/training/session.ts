// One training run: owns its worker thread, its state machine (idle -> running <-> paused -> stopped |
// completed | failed) and its event history. A crashing worker fails the session, never the process.
// When training ends the worker hands over the final weights and exits: an ended session keeps only its
// events and those weights, no thread and no native model.
import { Worker } from 'node:worker_threads';
import { ApiError } from '../../../engine/api/contract';
import type { ExecutionPlan } from '../../../engine';
import type { AdjustedEvent, SessionState, TrainingEvent } from '../../../engine/api/events';
import type { RunAdjustment } from '../../../engine/api/run-adjustment';
import type { TrainingRun } from '../../../engine/api/run-settings';
import { trainingWorkerSourceEntry } from '../../../worker-native/worker/entry';
import {
  CONTROL_PAUSE,
  CONTROL_RUN,
  CONTROL_STOP,
  type FromWorker,
  type ToWorker,
  type WorkerDataset,
  type WorkerInput,
} from '../../../worker-native/worker/worker-protocol';

const defaultWorkerEntry = () => process.env.LAYERWISE_TRAINING_WORKER ?? trainingWorkerSourceEntry();

const TERMINAL: readonly SessionState[] = ['stopped', 'completed', 'failed'];
/** How long a worker that has sent its final weights gets to exit by itself before it is terminated. */
const EXIT_GRACE_MS = 2000;
/** How long a stop waits for the worker to notice it before the worker is terminated. */
const STOP_GRACE_MS = 1500;

export interface SessionOptions {
  readonly id: string;
  readonly modelName: string;
  readonly plan: ExecutionPlan;
  readonly run: TrainingRun;
  readonly data: WorkerDataset;
  readonly initialWeights?: Record<string, Float32Array>;
  /** Set when the run continues from earlier weights: which layers kept them. */
  readonly continued?: WorkerInput['continued'];
  /** The worker script; tests substitute one that misbehaves. */
  readonly workerEntry?: URL | string;
  /** Tests shorten how long a stop waits before terminating a busy worker. */
  readonly stopGraceMs?: number;
}

export class TrainingSession {
  readonly startedAt = Date.now();
  private state: SessionState = 'idle';
  private readonly history: TrainingEvent[] = [];
  private lastBatch: TrainingEvent | null = null;
  private readonly listeners = new Set<(event: TrainingEvent) => void>();
  private readonly control = new Int32Array(new SharedArrayBuffer(4));
  private worker: Worker | undefined;
  private nextRequest = 1;
  private readonly pending = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void }
  >();
  private readonly finished: Promise<void>;
  private markFinished: () => void = () => {};
  private finalWeights: Record<string, Float32Array> | undefined;
  private endedAt: number | undefined;
  private forcedStop: ReturnType<typeof setTimeout> | undefined;

  constructor(readonly options: SessionOptions) {
    this.finished = new Promise(
      (resolve) =>
        (this.markFinished = () => {
          this.endedAt ??= Date.now();
          resolve();
        }),
    );
  }

  get id(): string {
    return this.options.id;
  }

  get currentState(): SessionState {
    return this.state;
  }

  onEvent(listener: (event: TrainingEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves when training has ended, whichever way, and the worker is gone. */
  whenFinished(): Promise<void> {
    return this.finished;
  }

  /** When the worker ended (ms since the epoch); undefined while it lives. */
  get ended(): number | undefined {
    return this.endedAt;
  }

  /** Whether a worker is there to answer predictions (the session is training or paused). */
  get live(): boolean {
    return this.worker !== undefined && !TERMINAL.includes(this.state);
  }

  snapshot() {
    return { state: this.state, events: [...this.history], lastBatch: this.lastBatch };
  }

  start(): void {
    if (this.state !== 'idle') throw new Error(`session ${this.id} has already started`);
    this.setState('running');
    const { plan, run, data, initialWeights, continued } = this.options;
    const worker = new Worker(this.options.workerEntry ?? defaultWorkerEntry(), {
      workerData: { plan, run, data, control: this.control, initialWeights, continued } satisfies WorkerInput,
    });
    this.worker = worker;
    worker.on('message', (message: FromWorker) => this.receive(message, worker));
    worker.on('error', (error) => this.fail(`the training worker crashed: ${error.message}`));
    worker.on('exit', (code) => {
      this.worker = undefined;
      if (!TERMINAL.includes(this.state)) this.fail(`the training worker exited unexpectedly (code ${code})`);
      for (const { reject } of this.pending.values())
        reject(
          new ApiError({
            code: 'E_STATE',
            message: `training session ${this.id} has ended: its model was freed`,
          }),
        );
      this.pending.clear();
      this.markFinished();
    });
  }

  // Pause and resume act on the control word, not on the reported state: the worker reports 'paused'
  // only when it next looks, so a resume right after a pause must still cancel it. Compare-and-swap, so
  // neither ever overrides a stop.
  pause(): SessionState {
    if (!TERMINAL.includes(this.state)) Atomics.compareExchange(this.control, 0, CONTROL_RUN, CONTROL_PAUSE);
    return this.state;
  }

  resume(): SessionState {
    if (!TERMINAL.includes(this.state)) Atomics.compareExchange(this.control, 0, CONTROL_PAUSE, CONTROL_RUN);
    return this.state;
  }

  /**
   * Takes effect before the next batch starts. A worker that does not answer within a short grace
   * (busy allocating a huge model, inside one long batch or evaluation) is terminated: the session is
   * stopped at once and the process carries on; the worker's thread ends when its native call returns.
   */
  stop(): SessionState {
    if (!TERMINAL.includes(this.state)) {
      Atomics.store(this.control, 0, CONTROL_STOP);
      this.forceStopAfterGrace();
    }
    if (this.state === 'idle') this.setState('stopped');
    return this.state;
  }

  private forceStopAfterGrace(): void {
    if (this.forcedStop !== undefined || this.worker === undefined) return;
    this.forcedStop = setTimeout(() => {
      const worker = this.worker;
      if (worker === undefined || TERMINAL.includes(this.state)) return;
      this.setState('stopped');
      this.worker = undefined; // requests fail at once instead of waiting on a thread that may be stuck
      for (const { reject } of this.pending.values()) reject(new Error('the training worker was stopped'));
      this.pending.clear();
      this.markFinished();
      void worker.terminate();
    }, this.options.stopGraceMs ?? STOP_GRACE_MS);
    this.forcedStop.unref();
  }

  /** Changes the paused run's settings (issue 17): applied at once in the worker, recorded as an
   *  'adjusted' event; Resume goes on with them. */
  adjust(changes: RunAdjustment): Promise<AdjustedEvent> {
    if (this.state !== 'paused')
      return Promise.reject(
        new ApiError({
          code: 'E_STATE',
          message: `training session ${this.id} is ${this.state}: only a paused run can be adjusted`,
        }),
      );
    return this.request({ kind: 'adjust', id: 0, changes }) as Promise<AdjustedEvent>;
  }

  /** Predicts with the model being trained; an ended session has none (see trainedWeights). */
  predict(image: Float32Array): Promise<Float32Array> {
    return this.request({ kind: 'predict', id: 0, image }) as Promise<Float32Array>;
  }

  /** The current weights while training, the final ones afterwards. */
  async weights(): Promise<Record<string, Float32Array>> {
    if (this.live) {
      try {
        return (await this.request({ kind: 'weights', id: 0 })) as Record<string, Float32Array>;
      } catch (error) {
        if (!TERMINAL.includes(this.state)) throw error; // ended meanwhile: the final weights answer
      }
    }
    const weights = await this.trainedWeights();
    if (weights === undefined)
      throw new ApiError({
        code: 'E_STATE',
        message: `training session ${this.id} has no weights: it ${this.state === 'failed' ? 'failed' : 'ended'} before its model was built`,
      });
    return weights;
  }

  /** The final weights, once the session has ended (undefined when no model was built). */
  async trainedWeights(): Promise<Record<string, Float32Array> | undefined> {
    await this.finished;
    return this.finalWeights;
  }

  /** Ends the worker and frees the native model. */
  async dispose(): Promise<void> {
    this.stop();
    const worker = this.worker;
    if (worker === undefined) return;
    worker.postMessage({ kind: 'dispose' } satisfies ToWorker);
    await Promise.race([this.finished, new Promise((resolve) => setTimeout(resolve, 2000))]);
    if (this.worker !== undefined) await this.worker.terminate();
  }

  private request(message: ToWorker & { id: number }): Promise<unknown> {
    const worker = this.worker;
    if (worker === undefined || TERMINAL.includes(this.state))
      return Promise.reject(
        new ApiError({
          code: 'E_STATE',
          message: `training session ${this.id} has no running model: it has ${this.state === 'idle' ? 'not started' : 'ended'}`,
        }),
      );
    const id = this.nextRequest++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ ...message, id });
    });
  }

  private receive(message: FromWorker, worker: Worker): void {
    if (message.kind === 'reply') {
      const waiting = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error !== undefined)
        waiting?.reject(
          new ApiError({
            code: message.invalid === true ? 'E_BAD_REQUEST' : 'E_STATE',
            message: `training session ${this.id}: ${message.error}`,
          }),
        );
      else waiting?.resolve(message.result);
    } else if (message.kind === 'event') {
      this.record(message.event);
    } else {
      this.finalWeights = message.weights;
      if (!TERMINAL.includes(this.state)) this.setState('stopped');
      // The worker exits by itself now; 'exit' marks the session finished. One that lingers is ended.
      setTimeout(() => {
        if (this.worker === worker) void worker.terminate();
      }, EXIT_GRACE_MS).unref();
    }
  }

  private record(event: TrainingEvent): void {
    if (event.type === 'state') {
      this.setState(event.state);
      return;
    }
    if (event.type === 'batch') this.lastBatch = event;
    // Sampled layer statistics are live-only (many per epoch); the history keeps each epoch's last.
    else if (event.type !== 'progress' && !(event.type === 'layer_stats' && !event.final_of_epoch))
      this.history.push(event);
    this.emit(event);
    if (event.type === 'completed' || event.type === 'failed') this.setState(event.type);
  }

  private setState(state: SessionState): void {
    if (this.state === state) return;
    this.state = state;
    const event: TrainingEvent = { type: 'state', state };
    this.history.push(event);
    this.emit(event);
  }

  private fail(message: string): void {
    if (TERMINAL.includes(this.state)) return;
    this.record({ type: 'failed', message });
  }

  private emit(event: TrainingEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
