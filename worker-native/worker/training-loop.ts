// The training loop that runs inside the worker: epochs of shuffled batches through the native core,
// validation, early stopping, and the test-set report. Batch events are coalesced here to at most 20
// per second (the latest values plus the running epoch averages), so no queue can grow. Per-layer
// statistics go out every few steps and at each epoch's end (layer-stats-sampler.ts); a loss that turns
// NaN names the layer where the NaN first appeared, one that explodes while finite the layer whose output
// grew first (divergence-origin.ts).
import type { AdjustedEvent, CompletedEvent, EpochEvent, TrainingEvent } from '../../engine/api/events';
import type { RunAdjustment } from '../../engine/api/run-adjustment';
import { coreConfigOf } from '../../engine/api/run-settings';
import { NativeModel } from '../lib/native-model';
import { LayerStatsSampler } from './layer-stats-sampler';
import { epochOrder } from '../../engine/training/shuffle';
import { divergenceText, hasDiverged } from '../../engine/training/divergence';
import { DivergenceProbe } from './divergence-origin';
import { classificationReport, lossFromProbabilities } from '../../engine/training/evaluation';
import {
  AdjustmentError,
  applyAdjustment,
  dropoutRates,
  noBestEpoch,
  stepsPerEpochOf,
  type AdjustableRun,
  type RunPosition,
} from './adjust-run';
import { AdjustmentScript } from './adjustment-script';
import { CONTROL_PAUSE, CONTROL_STOP, type WorkerInput } from './worker-protocol';

const BATCH_EVENT_INTERVAL_MS = 50;
const YIELD_INTERVAL_MS = 100;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const yieldToEvents = () => new Promise((resolve) => setImmediate(resolve));

/** What the worker may do to a running loop besides pause and stop. */
export interface LoopControls {
  /** Applies changes while the loop waits in a pause and emits the adjusted event it returns; the loop
   *  goes on with them when resumed. Throws an AdjustmentError for a change that cannot apply, an Error
   *  when the loop is not paused. */
  adjust(changes: RunAdjustment): AdjustedEvent;
}

export interface LoopHooks {
  emit(event: TrainingEvent): void;
  /** The model exists: the worker answers predictions and weight requests with it between batches. */
  ready?(model: NativeModel, controls: LoopControls): void;
}

/** Runs training to its end; returns the model, which stays alive for predictions and export. */
export async function runTraining(input: WorkerInput, hooks: LoopHooks): Promise<NativeModel | undefined> {
  const { plan, run, data, control } = input;
  const pixels = plan.inputShape.reduce((a, b) => a * b, 1);
  const classes = data.classes;
  const model = new NativeModel(
    plan,
    coreConfigOf(run),
    run.threads === null ? {} : { threads: run.threads },
  );
  if (input.initialWeights) model.setWeights(input.initialWeights);
  const sampler = new LayerStatsSampler(model, input.stats);
  const divergence = new DivergenceProbe(model, pixels);
  const adjustable: AdjustableRun = {
    model,
    trainCount: data.trainCount,
    epochs: run.epochs,
    batchSize: run.batch_size,
    stepsPerEpoch: stepsPerEpochOf(run.batch_size, data.trainCount),
    earlyStopping: run.early_stopping,
    best: noBestEpoch(),
    dropout: dropoutRates(model),
  };
  const script = new AdjustmentScript(run.adjustments);
  let pausedAt: RunPosition | undefined; // set while the loop waits in a pause
  hooks.ready?.(model, {
    adjust(changes) {
      if (pausedAt === undefined) throw new Error('the run is not paused: pause it before adjusting it');
      const event = applyAdjustment(adjustable, changes, pausedAt);
      hooks.emit(event);
      return event;
    },
  });

  const sparse = run.loss === 'sparse_categorical_crossentropy';
  let batch = Math.min(run.batch_size, data.trainCount);
  let stepsPerEpoch = adjustable.stepsPerEpoch;
  let totalSteps = stepsPerEpoch * run.epochs;
  hooks.emit({
    type: 'started',
    epochs: run.epochs,
    steps_per_epoch: stepsPerEpoch,
    total_steps: totalSteps,
    train_samples: data.trainCount,
    validation_samples: data.validationCount,
    test_samples: data.testLabels.length,
    total_params: plan.totalParams,
    trainable_params: plan.trainableParams,
    ...(input.continued === undefined ? {} : { continued: input.continued }),
  });

  const problem = script.problem(adjustable);
  if (problem !== null) {
    hooks.emit({ type: 'failed', message: problem });
    return model;
  }

  let x = new Uint8Array(batch * pixels);
  let labels = new Uint8Array(batch);
  let oneHot = sparse ? undefined : new Float32Array(batch * classes);
  const targets = (count: number) => {
    if (sparse) return labels.subarray(0, count);
    const t = (oneHot as Float32Array).subarray(0, count * classes);
    t.fill(0);
    for (let b = 0; b < count; b++) t[b * classes + (labels[b] as number)] = 1;
    return t;
  };
  const validation = (count: number, fn: (x: Uint8Array, y: Uint8Array | Float32Array) => void) => {
    const start = data.trainCount;
    const vx = data.trainImages.subarray(start * pixels, (start + count) * pixels);
    const vy = data.trainLabels.subarray(start, start + count);
    if (sparse) return fn(vx, vy);
    const t = new Float32Array(count * classes);
    for (let i = 0; i < count; i++) t[i * classes + (vy[i] as number)] = 1;
    fn(vx, t);
  };

  let order: Uint32Array = new Uint32Array(data.trainCount);
  let done = 0;
  let trainingMs = 0;
  let samplesTrained = 0;
  const epochSeconds: number[] = [];
  let stoppedEarly = false;
  let lastYield = performance.now();
  let firstLoss: number | undefined;

  for (let epoch = 1; epoch <= run.epochs; epoch++) {
    order = epochOrder(data.trainCount, run.seed, epoch, order);
    const epochStarted = performance.now();
    let lossSum = 0;
    let accuracySum = 0;
    let seen = 0;
    let lastEmit = 0;
    for (let step = 0; step < stepsPerEpoch; step++) {
      if (Atomics.load(control, 0) === CONTROL_PAUSE) {
        const pauseStarted = performance.now();
        pausedAt = { epoch, step, globalStep: done };
        hooks.emit({ type: 'state', state: 'paused' });
        while (Atomics.load(control, 0) === CONTROL_PAUSE) await sleep(20);
        pausedAt = undefined;
        if (Atomics.load(control, 0) !== CONTROL_STOP) hooks.emit({ type: 'state', state: 'running' });
        lastYield = performance.now();
        trainingMs -= lastYield - pauseStarted; // paused time is not training time
      }
      if (Atomics.load(control, 0) === CONTROL_STOP) return finish('stopped');
      try {
        for (const event of script.applyDue(adjustable, { epoch, step, globalStep: done })) hooks.emit(event);
      } catch (error) {
        if (!(error instanceof AdjustmentError)) throw error;
        hooks.emit({ type: 'failed', message: error.message });
        return finish('failed');
      }
      if (step === 0) {
        // The epoch's batch size, fixed from its first batch (an adjustment may have changed it).
        batch = Math.min(adjustable.batchSize, data.trainCount);
        stepsPerEpoch = stepsPerEpochOf(batch, data.trainCount);
        adjustable.stepsPerEpoch = stepsPerEpoch;
        totalSteps = done + stepsPerEpoch * (run.epochs - epoch + 1);
        if (x.length < batch * pixels) {
          x = new Uint8Array(batch * pixels);
          labels = new Uint8Array(batch);
          oneHot = sparse ? undefined : new Float32Array(batch * classes);
        }
        const beyond = script.beyond(epoch, stepsPerEpoch);
        if (beyond !== null) {
          hooks.emit({ type: 'failed', message: beyond });
          return finish('failed');
        }
      }

      const stepStarted = performance.now();
      const start = step * batch;
      const count = Math.min(batch, data.trainCount - start);
      for (let b = 0; b < count; b++) {
        const sample = order[start + b] as number;
        x.set(data.trainImages.subarray(sample * pixels, (sample + 1) * pixels), b * pixels);
        labels[b] = data.trainLabels[sample] as number;
      }
      const last = step === stepsPerEpoch - 1;
      const sampled = sampler.before(done, last);
      if (firstLoss === undefined) divergence.baseline(x.subarray(0, count * pixels));
      const result = model.trainBatch(x.subarray(0, count * pixels), targets(count));
      const now = performance.now();
      trainingMs += now - stepStarted;
      firstLoss ??= result.loss;
      if (hasDiverged(result.loss, firstLoss)) {
        const lr = model.config.optimizer.learning_rate;
        const origin = divergence.origin(result.loss, epoch, step + 1, x.subarray(0, count * pixels));
        hooks.emit({
          type: 'failed',
          message: `${divergenceText(origin, result.loss)} at epoch ${epoch}, batch ${step + 1}: training diverged. The learning rate (${lr}) is probably too high; try a lower one, such as ${lr / 10}.`,
          ...(origin === null ? {} : { origin }),
        });
        return finish('failed');
      }
      if (sampled) {
        const event = sampler.take(epoch, step + 1, last);
        if (event !== null) hooks.emit(event);
      }
      lossSum += result.loss * count;
      accuracySum += result.accuracy * count;
      seen += count;
      done++;
      samplesTrained += count;
      if (now - lastEmit >= BATCH_EVENT_INTERVAL_MS || last) {
        lastEmit = now;
        hooks.emit({
          type: 'batch',
          epoch,
          step: step + 1,
          loss: result.loss,
          accuracy: result.accuracy,
          epoch_loss: lossSum / seen,
          epoch_accuracy: accuracySum / seen,
          samples_per_second: (samplesTrained / trainingMs) * 1000,
        });
        hooks.emit({
          type: 'progress',
          fraction: done / totalSteps,
          eta_seconds: ((trainingMs / done) * (totalSteps - done)) / 1000,
        });
      }
      if (now - lastYield >= YIELD_INTERVAL_MS) {
        await yieldToEvents(); // lets predict requests and messages through
        lastYield = performance.now();
      }
    }

    let valLoss: number | null = null;
    let valAccuracy: number | null = null;
    if (data.validationCount > 0) {
      validation(data.validationCount, (vx, vy) => {
        const r = model.evaluate(vx, vy);
        valLoss = r.loss;
        valAccuracy = r.accuracy;
      });
      sampler.discardTimes(); // validation's forward passes are not training time
    }
    const seconds = (performance.now() - epochStarted) / 1000;
    epochSeconds.push(seconds);
    const epochEvent: EpochEvent = {
      type: 'epoch',
      epoch,
      loss: lossSum / seen,
      accuracy: accuracySum / seen,
      val_loss: valLoss,
      val_accuracy: valAccuracy,
      seconds,
    };
    hooks.emit(epochEvent);

    const stopping = adjustable.earlyStopping;
    if (stopping !== null && valLoss !== null) {
      if (valLoss < adjustable.best.loss - stopping.min_delta)
        adjustable.best = { loss: valLoss, epoch, weights: model.getWeights(), waited: 0 };
      else if (++adjustable.best.waited >= stopping.patience) {
        stoppedEarly = epoch < run.epochs;
        break;
      }
    }
  }
  if (adjustable.best.weights !== undefined) model.setWeights(adjustable.best.weights);
  return finish('completed');

  function finish(state: 'completed' | 'stopped' | 'failed'): NativeModel | undefined {
    if (state === 'failed') return model;
    if (state === 'stopped') {
      hooks.emit({ type: 'state', state: 'stopped' });
      return model;
    }
    const probabilities = model.predict(data.testImages);
    const report = classificationReport(probabilities, data.testLabels, classes);
    const testLoss = lossFromProbabilities(run.loss, probabilities, data.testLabels, classes);
    const completed: CompletedEvent = {
      type: 'completed',
      test_loss: testLoss,
      test_accuracy: report.accuracy,
      confusion: report.confusion,
      per_class_accuracy: report.per_class_accuracy,
      misclassified: report.misclassified,
      stopped_early: stoppedEarly,
      best_epoch: adjustable.best.weights === undefined ? null : adjustable.best.epoch,
      train_samples_per_second: trainingMs > 0 ? (samplesTrained / trainingMs) * 1000 : 0,
      epoch_seconds: epochSeconds,
    };
    hooks.emit(completed);
    return model;
  }
}
