// The Keras-style model summary: one row per layer with its output shape and parameter count, as a
// data structure (for the UI and --json) and as Keras' text table.
import { passedThrough, type GraphAnalysis } from './analyze';
import { formatShape } from './shape';

export interface SummaryLayer {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  /** With a leading null for the batch, like Keras. */
  readonly output_shape: readonly (number | null)[];
  readonly params: number;
  readonly trainable_params: number;
  /** false for a frozen layer (Keras `trainable = False`): all its params count as non-trainable. */
  readonly trainable: boolean;
  /** Names of the layers feeding this one. */
  readonly inputs: readonly string[];
}

export interface ModelSummary {
  readonly layers: readonly SummaryLayer[];
  readonly total_params: number;
  readonly trainable_params: number;
  readonly non_trainable_params: number;
}

/**
 * Layers in execution order; the analysis must be free of issues. Bypassed layers are left out, as they
 * are from the plan and the exports: the summary describes the model Keras would build.
 */
export function summarize(analysis: GraphAnalysis): ModelSummary {
  const live = analysis.order.filter((id) => analysis.byId.get(id)?.bypassed !== true);
  const layers = live.map((id): SummaryLayer => {
    const n = analysis.byId.get(id);
    if (n?.outputShape === undefined) throw new Error(`summarize: node ${id} has no inferred shape`);
    return {
      id: n.id,
      name: n.name,
      type: n.type,
      output_shape: [null, ...n.outputShape],
      params: n.trainableParams + n.nonTrainableParams,
      trainable_params: n.trainableParams,
      trainable: n.trainable,
      inputs: n.inputs.map((source) => analysis.byId.get(passedThrough(analysis, source))?.name ?? source),
    };
  });
  const trainable = layers.reduce((sum, l) => sum + l.trainable_params, 0);
  const total = layers.reduce((sum, l) => sum + l.params, 0);
  return {
    layers,
    total_params: total,
    trainable_params: trainable,
    non_trainable_params: total - trainable,
  };
}

const count = (n: number) => n.toLocaleString('en-US');

/** float32 bytes, as Keras 3 prints them: 93,322 params -> 364.54 KB. */
function bytes(params: number): string {
  const size = params * 4;
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = size;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(2)} ${units[unit]}`;
}

/** Keras' summary table; a "Connected to" column appears when the graph is not a plain chain. */
export function formatSummaryTable(summary: ModelSummary, modelName: string): string {
  const chain = summary.layers.every(
    (l, i) => i === 0 || (l.inputs.length === 1 && l.inputs[0] === summary.layers[i - 1]?.name),
  );
  const headers = ['Layer (type)', 'Output Shape', 'Param #', ...(chain ? [] : ['Connected to'])];
  const rows = summary.layers.map((l) => [
    `${l.name} (${l.type})`,
    formatShape(l.output_shape.slice(1) as number[]),
    count(l.params),
    ...(chain ? [] : [l.inputs.join(', ') || '-']),
  ]);
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]?.length ?? 0)) + 2);
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) =>
        c === 2 ? cell.padStart((widths[c] ?? 0) - 2).padEnd(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0),
      )
      .join(' ')
      .trimEnd();
  const width = widths.reduce((a, b) => a + b, 0) + widths.length - 1;
  return [
    `Model: "${modelName}"`,
    '_'.repeat(width),
    line(headers),
    '='.repeat(width),
    ...rows.flatMap((r, i) => [line(r), ...(i < rows.length - 1 ? ['_'.repeat(width)] : [])]),
    '='.repeat(width),
    `Total params: ${count(summary.total_params)} (${bytes(summary.total_params)})`,
    `Trainable params: ${count(summary.trainable_params)} (${bytes(summary.trainable_params)})`,
    `Non-trainable params: ${count(summary.non_trainable_params)} (${bytes(summary.non_trainable_params)})`,
    '_'.repeat(width),
  ].join('\n');
}
