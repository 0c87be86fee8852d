// `layerwise train <model.json> ...`: trains in a worker like the app does, shows progress (or one JSON
// event per line with --json), stops cleanly on Ctrl-C, and writes --out atomically.
import { rename, writeFile } from 'node:fs/promises';
import { serializeModelFile, type ModelFile } from '../../../engine';
import { ApiError } from '../../../engine/api/contract';
import type { BatchEvent, ProgressEvent, StartedEvent, TrainingEvent } from '../../../engine/api/events';
import { TrainingService } from '../../services/training/training-service';
import { encodeWeights } from '../../../engine/formats/weights';
import { readModelFile } from '../../services/model-files';
import type { CliIO } from '../io';
import { formatDuration, progressLine } from '../progress-line';
import { runFromFlags, type TrainFlags } from '../run-options';
import { UserError } from '../user-error';

export interface TrainOptions extends TrainFlags {
  out?: string;
  json: boolean;
}

export async function trainCommand(file: string, options: TrainOptions, io: CliIO): Promise<number> {
  const loaded = await readModelFile(file);
  if (!loaded.ok) throw UserError.fromIssues(file, loaded.issues);
  const service = new TrainingService({ budgetSetting: '--memory-budget' });
  const started = await service
    .start(loaded.model, runFromFlags(options, loaded.model.training))
    .catch((error: unknown) => {
      if (error instanceof ApiError) throw UserError.fromApiError(file, error);
      throw error;
    });
  const { session, plan } = started;
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
    } else if (event.type === 'state' && event.state === 'stopped') io.out('stopped');
  };
  session.onEvent(print);
  const removeInterrupt = io.onInterrupt(() => session.stop());
  await session.whenFinished();
  removeInterrupt();

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
      await writeAtomically(options.out, serializeModelFile(trained));
      if (!options.json) io.out(`saved ${options.out}`);
    }
    return session.currentState === 'stopped' ? 130 : 0;
  } finally {
    await service.disposeAll();
  }
}

/** Write beside the target, then rename: a reader never sees half a file. */
export async function writeAtomically(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, path);
}
