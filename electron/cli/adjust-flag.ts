// `layerwise train --adjust "epoch=2,step=100,lr=0.0003"` (repeatable): scripted changes of the run
// (the run setting `adjustments`, issue 17), each applied before batch step + 1 of the epoch. The values
// are checked with the rest of the run; here only the flag's own syntax.
import type { ScheduledAdjustment } from '../../engine/api/run-adjustment';
import { UserError } from './user-error';

type Changes = Record<string, unknown> & { dropout?: Record<string, number> };

export const ADJUST_KEYS =
  'epoch=N (required), step=N (batches of the epoch done first, default 0), lr=X, optimizer=sgd|adam|adamw|rmsprop, batch=N, patience=N|off, dropout:<layer>=RATE';

/** One --adjust value as a scheduled adjustment (the schema checks ranges when the run is parsed). */
export function parseAdjustFlag(value: string): ScheduledAdjustment {
  const problem = (what: string) =>
    new UserError([`layerwise train: --adjust '${value}': ${what}`, `  keys: ${ADJUST_KEYS}`]);
  const number = (key: string, text: string) => {
    const parsed = Number(text);
    if (text.trim() === '' || !Number.isFinite(parsed))
      throw problem(`${key} must be a number, got '${text}'`);
    return parsed;
  };
  let epoch: number | undefined;
  let step = 0;
  const changes: Changes = {};
  for (const part of value.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 1) throw problem(`'${part}' is not key=value`);
    const key = part.slice(0, eq).trim();
    const text = part.slice(eq + 1).trim();
    if (key === 'epoch') epoch = number(key, text);
    else if (key === 'step') step = number(key, text);
    else if (key === 'lr') changes.learning_rate = number(key, text);
    else if (key === 'optimizer') changes.optimizer = text;
    else if (key === 'batch') changes.batch_size = number(key, text);
    else if (key === 'patience')
      changes.early_stopping = text === 'off' ? null : { patience: number(key, text), min_delta: 0 };
    else if (key.startsWith('dropout:') && key.length > 'dropout:'.length)
      changes.dropout = { ...changes.dropout, [key.slice('dropout:'.length)]: number(key, text) };
    else throw problem(`unknown key '${key}'`);
  }
  if (epoch === undefined) throw problem('epoch=N is required (the epoch the change applies in)');
  if (Object.keys(changes).length === 0) throw problem('nothing to change');
  return { epoch, step, changes } as ScheduledAdjustment;
}
