// `layerwise train <model.json> ...`: trains in a worker like the app does, shows progress (or one JSON
// event per line with --json), stops cleanly on Ctrl-C, and writes --out atomically (checked before training).
import { serializeModelFile, type ModelFile } from '../../../engine';
import { ApiError } from '../../../engine/api/contract';
import type { BatchEvent, ProgressEvent, StartedEvent, TrainingEvent } from '../../../engine/api/events';
import { TrainingService } from '../../services/training/training-service';
import { encodeWeights } from '../../../engine/formats/weights';
import { describeReason, type WeightMatch } from '../../../engine/training/weight-match';
import { readModelFile, readModelWithSidecar, type ModelWithSidecar } from '../../services/model-files';
import type { CliIO } from '../io';
import { formatDuration, progressLine } from '../progress-line';
import { runFromFlags, type TrainFlags } from '../run-options';
import { UserError } from '../user-error';
import { checkOut, saveTrained } from '../write-out';

export interface TrainOptions extends TrainFlags {
  out?: string;
  json: boolean;
  /** Start from the file's saved weights where they fit the (edited) graph; initialise the rest. */
  continue?: boolean;
}

export async function trainCommand(file: string, options: TrainOptions, io: CliIO): Promise<number> {
  // Only --continue uses the saved weights, so only then must a sidecar weights file be there.
  const loaded: ModelWithSidecar = options.continue
    ? await readModelWithSidecar(file)
    : await readModelFile(file);
  if (!loaded.ok) throw UserError.fromIssues(file, loaded.issues);
  // Known before training: no run is spent on a target that cannot take the result.
  if (options.out !== undefined) await checkOut(options.out);
  const service = new TrainingService({ budgetSetting: '--memory-budget' });
  const started = await service
    .start(
      loaded.model,
      runFromFlags(options, loaded.model.training),
      options.continue
        ? {
            weights: 'matching',
            ...(loaded.sidecar ? { sidecar: loaded.sidecar } : {}),
          }
        : {},
    )
    .catch((error: unknown) => {
      if (error instanceof ApiError) throw UserError.fromApiError(file, error);
      throw error;
    });
  const { session, plan } = started;
  if (started.continued !== undefined && !options.json) io.out(continuedReport(started.continued));
  const history: Record<string, unknown>[] = [];
  let begun: StartedEvent | undefined;
  let progress: ProgressEvent | undefined;
  let failure: string | undefined;

  const print = (event: TrainingEvent) => {
    if (event.type === 'epoch') history.push({ ...event });
    if (event.type === 'failed') failure = event.message;
    // The completed and failed events already say how training ended: keep them the last line.
    if (event.type === 'state' && (event.state === 'completed' || event.state === 'failed')) return;
    if (options.json) {
      const { type, ...rest } = event;
      io.out(JSON.stringify({ event: type, ...rest }));
      return;
    }
    if (event.type === 'started') begun = event;
    else if (event.type === 'progress') progress = event;
    else if (event.type === 'batch' && io.interactive && begun)
      io.out(progressLine(begun.epochs, event as BatchEvent, progress, begun.steps_per_epoch), true);
    else if (event.type === 'epoch') {
      const validation =
        event.val_loss === null
          ? ''
          : ` · val_loss ${event.val_loss.toFixed(4)} · val_acc ${((event.val_accuracy ?? 0) * 100).toFixed(2)}%`;
      io.out(
        `epoch ${event.epoch}/${begun?.epochs ?? '?'} · loss ${event.loss.toFixed(4)} · acc ${(event.accuracy * 100).toFixed(2)}%${validation} · ${formatDuration(event.seconds)}`,
      );
    } else if (event.type === 'completed') {
      io.out(
        `test accuracy ${(event.test_accuracy * 100).toFixed(2)}% · test loss ${event.test_loss.toFixed(4)} · ${Math.round(event.train_samples_per_second).toLocaleString('en-US')} samples/s`,
      );
    } else if (event.type === 'adjusted') {
      const where = event.step === 0 ? 'at its start' : `after batch ${event.step}`;
      io.out(`epoch ${event.epoch}, ${where}: ${event.label}`);
    } else if (event.type === 'state' && event.state === 'stopped') io.out('stopped');
  };
  session.onEvent(print);
  const { interrupted, abandoned } = await waitForEnd(session, options.out !== undefined, io);

  if (abandoned) {
    // The worker is busy in native code: the process ends as Ctrl-C does once the command returns.
    io.out(options.json ? JSON.stringify({ event: 'state', state: 'stopped' }) : 'stopped');
    if (options.out !== undefined)
      io.err(`${file}: stopped while the model was busy; nothing was written to ${options.out}`);
    void service.disposeAll();
    io.endAsInterrupted?.();
    return 130;
  }
  try {
    if (failure !== undefined) {
      io.err(`${file}: ${failure}`);
      return 1;
    }
    if (options.out !== undefined) {
      // A stop that had to terminate a busy worker (see TrainingSession.stop) leaves no model to save.
      const weights = await session.weights().catch((error: unknown) => {
        if (session.currentState !== 'stopped') throw error;
        return undefined;
      });
      if (weights === undefined) {
        io.err(`${file}: stopped while the model was busy; nothing was written to ${options.out}`);
        return 130;
      }
      const trained: ModelFile = {
        ...loaded.model,
        training: { ...session.options.run },
        weights: encodeWeights(plan, new Map(Object.entries(weights))),
        history: [...(loaded.model.history ?? []), ...history],
      };
      await saveTrained(options.out, serializeModelFile(trained));
      if (!options.json) io.out(`saved ${options.out}`);
    }
    return interrupted || session.currentState === 'stopped' ? 130 : 0;
  } finally {
    await service.disposeAll();
  }
}

/** Which layers keep their saved weights and which start afresh, and why, in one line. */
export function continuedReport(match: WeightMatch<unknown>): string {
  const initialised = match.layers.flatMap((l) =>
    l.kept ? [] : [`${l.layer} (${describeReason(l.reason)})`],
  );
  const kept =
    match.kept.length === 0
      ? 'no saved weights fit any layer'
      : `kept ${match.kept.join(', ')} (${match.kept.length} ${match.kept.length === 1 ? 'layer' : 'layers'})`;
  return `continuing from the saved weights: ${kept}; initialised ${initialised.length === 0 ? 'none' : initialised.join(', ')}`;
}

/** How long a stop may take before the CLI ends the worker itself (the final test evaluation runs on). */
export const STOP_GRACE_MS = 500;

/**
 * Waits for the session to end. A Ctrl-C stops it before the next batch; if it is still busy after a
 * short grace (the final test evaluation does not look at the stop flag), the run is abandoned at once
 * unless --out still needs its weights, in which case the CLI says so and a second Ctrl-C abandons it.
 */
async function waitForEnd(
  session: { stop(): unknown; whenFinished(): Promise<void> },
  needsWeights: boolean,
  io: CliIO,
): Promise<{ interrupted: boolean; abandoned: boolean }> {
  let interrupted = false;
  let abandon: () => void = () => undefined;
  const abandoned = new Promise<'abandoned'>((resolve) => (abandon = () => resolve('abandoned')));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const remove = io.onInterrupt(() => {
    session.stop();
    if (interrupted && needsWeights) abandon();
    if (interrupted) return;
    interrupted = true;
    timer = setTimeout(() => {
      if (!needsWeights) abandon();
      else io.err('finishing the test evaluation to save --out; press Ctrl-C again to quit without saving');
    }, STOP_GRACE_MS);
  });
  const how = await Promise.race([session.whenFinished(), abandoned]);
  clearTimeout(timer);
  remove();
  return { interrupted, abandoned: how === 'abandoned' };
}
