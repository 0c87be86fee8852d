// The model file's "training" section as the settings a generated script trains with: Keras defaults
// filled in, and a bad section refused with an issue naming the field rather than a broken script.
import { trainingRunSchema, type TrainingRun } from '../../api/run-settings';
import { issue } from '../../issues';
import type { ModelFile } from '../../model-file';
import type { FormatResult } from '../types';
import { pyLiteral } from './python-literal';

export function readTrainingRun(model: ModelFile): FormatResult<TrainingRun> {
  const parsed = trainingRunSchema.safeParse(model.training ?? {});
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    issues: parsed.error.issues.map((problem) => {
      const field = ['training', ...problem.path.map(String)].join('.');
      const message =
        problem.code === 'unrecognized_keys'
          ? `${field}: unknown setting ${problem.keys.map((k) => `'${k}'`).join(', ')}`
          : `${field}: ${problem.message}`;
      return issue('E_SCHEMA', message, { field });
    }),
  };
}

/** The settings both scripts read, as one Python dict literal (one key per line, for people to edit). */
export function trainingDict(run: TrainingRun): string {
  const settings = {
    loss: run.loss,
    optimizer: run.optimizer,
    schedule: run.schedule,
    global_clipnorm: run.global_clipnorm,
    l2: run.l2,
    seed: run.seed,
    epochs: run.epochs,
    batch_size: run.batch_size,
    validation_split: run.validation_split,
    limit: run.limit,
    early_stopping: run.early_stopping,
  };
  const lines = Object.entries(settings).map(
    ([key, value]) => `    ${JSON.stringify(key)}: ${pyLiteral(value)},`,
  );
  return `TRAINING = {\n${lines.join('\n')}\n}`;
}
