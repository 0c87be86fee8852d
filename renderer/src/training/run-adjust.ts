// What a paused run trains with now (its settings with every adjustment since it started), the user's
// edits of it, and the adjustment those edits make: only the settings that really changed.
import type { Graph } from '../../../engine';
import type { RunAdjustment } from '../../../engine/api/run-adjustment';
import { dropoutLayers } from '../../../engine/training/dropout-layers';
import type { RunRecord } from './run-record';
import { OPTIMIZERS, type OptimizerName, type TrainingSettings } from './run-settings-map';

export interface EarlyStopping {
  readonly patience: number;
  readonly min_delta: number;
}

/** The settings a paused run may change, as it trains with them now. */
export interface AdjustableValues {
  readonly learning_rate: number;
  readonly optimizer: OptimizerName;
  readonly batch_size: number;
  readonly early_stopping: EarlyStopping | null;
  /** Each Dropout-family layer's rate, by Keras name, in graph order. */
  readonly dropout: Readonly<Record<string, number>>;
}

/** The form's edits: a field absent is unchanged. Early stopping edits its switch and numbers apart. */
export interface AdjustDraft {
  readonly learning_rate?: number;
  readonly optimizer?: OptimizerName;
  readonly batch_size?: number;
  readonly early_stopping?: boolean;
  readonly patience?: number;
  readonly min_delta?: number;
  readonly dropout?: Readonly<Record<string, number>>;
}

const EARLY_STOPPING_TEXT = /^patience (\d+), min_delta (\S+)$/;

/** The adjusted event writes early stopping as "patience 3, min_delta 0" or "off". */
function parseEarlyStopping(text: string | number, previous: EarlyStopping | null): EarlyStopping | null {
  if (text === 'off') return null;
  const match = EARLY_STOPPING_TEXT.exec(String(text));
  return match === null ? previous : { patience: Number(match[1]), min_delta: Number(match[2]) };
}

/** The values the run started with (its graph's rates, or `graph` for a run restored without one),
 *  with each adjustment's changes applied in order. */
export function currentValues(run: RunRecord, graph: Graph | undefined = run.graph): AdjustableValues {
  const s = run.settings;
  let values: AdjustableValues = {
    learning_rate: s.learning_rate,
    optimizer: s.optimizer,
    batch_size: s.batch_size,
    early_stopping: s.early_stopping ? { patience: s.patience, min_delta: s.min_delta } : null,
    dropout: Object.fromEntries((graph ? dropoutLayers(graph) : []).map((l) => [l.name, l.rate])),
  };
  for (const { changes } of run.adjustments)
    for (const change of changes) {
      const to = change.to;
      if (change.setting === 'learning_rate' && typeof to === 'number')
        values = { ...values, learning_rate: to };
      if (change.setting === 'batch_size' && typeof to === 'number') values = { ...values, batch_size: to };
      if (change.setting === 'optimizer') {
        const optimizer = OPTIMIZERS.find((name) => name === to);
        if (optimizer) values = { ...values, optimizer };
      }
      if (change.setting === 'early_stopping')
        values = { ...values, early_stopping: parseEarlyStopping(to, values.early_stopping) };
      if (change.setting === 'dropout' && change.layer !== undefined && typeof to === 'number')
        values = { ...values, dropout: { ...values.dropout, [change.layer]: to } };
    }
  return values;
}

/** What the form shows: the draft's value where there is one, else the current one. */
export function shownValues(current: AdjustableValues, draft: AdjustDraft) {
  const early = current.early_stopping;
  return {
    learning_rate: draft.learning_rate ?? current.learning_rate,
    optimizer: draft.optimizer ?? current.optimizer,
    batch_size: draft.batch_size ?? current.batch_size,
    early_stopping: draft.early_stopping ?? early !== null,
    patience: draft.patience ?? early?.patience ?? 3,
    min_delta: draft.min_delta ?? early?.min_delta ?? 0,
    dropout: { ...current.dropout, ...draft.dropout },
  };
}

/** The adjustment the draft makes: only what differs from the current values; null when nothing does. */
export function draftChanges(current: AdjustableValues, draft: AdjustDraft): RunAdjustment | null {
  const shown = shownValues(current, draft);
  const changes: { -readonly [K in keyof RunAdjustment]: RunAdjustment[K] } = {};
  if (shown.learning_rate !== current.learning_rate) changes.learning_rate = shown.learning_rate;
  if (shown.optimizer !== current.optimizer) changes.optimizer = shown.optimizer;
  if (shown.batch_size !== current.batch_size) changes.batch_size = shown.batch_size;
  const early = shown.early_stopping ? { patience: shown.patience, min_delta: shown.min_delta } : null;
  const before = current.early_stopping;
  if (early?.patience !== before?.patience || early?.min_delta !== before?.min_delta)
    changes.early_stopping = early;
  const dropout = Object.fromEntries(
    Object.entries(draft.dropout ?? {}).filter(([name, rate]) => current.dropout[name] !== rate),
  );
  if (Object.keys(dropout).length > 0) changes.dropout = dropout;
  return Object.keys(changes).length === 0 ? null : changes;
}

/** The document's training settings an adjustment changes, so the next run starts where this one is. */
export function settingsPatch(changes: RunAdjustment): Partial<TrainingSettings> {
  const early = changes.early_stopping;
  return {
    ...(changes.learning_rate === undefined ? {} : { learning_rate: changes.learning_rate }),
    ...(changes.optimizer === undefined ? {} : { optimizer: changes.optimizer }),
    ...(changes.batch_size === undefined ? {} : { batch_size: changes.batch_size }),
    ...(early === undefined
      ? {}
      : early === null
        ? { early_stopping: false }
        : { early_stopping: true, patience: early.patience, min_delta: early.min_delta }),
  };
}
