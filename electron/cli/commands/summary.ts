// `layerwise summary <model.json> [--json]`: the Keras-style summary of a model file.
import { compileGraph, formatSummaryTable, summarize } from '../../../engine';
import { readModelFile } from '../../services/model-files';
import { UserError } from '../user-error';

export async function summaryCommand(file: string, options: { json: boolean }): Promise<string> {
  const loaded = await readModelFile(file);
  if (!loaded.ok) throw UserError.fromIssues(file, loaded.issues);
  const compiled = compileGraph(loaded.model.graph);
  if (!compiled.ok) throw UserError.fromIssues(file, compiled.issues);
  const summary = summarize(compiled.analysis);
  if (!options.json) return formatSummaryTable(summary, loaded.model.name);
  return JSON.stringify({
    layers: summary.layers.map((l) => ({
      id: l.id,
      name: l.name,
      type: l.type,
      output_shape: l.output_shape,
      params: l.params,
      trainable_params: l.trainable_params,
      trainable: l.trainable,
      inputs: l.inputs,
    })),
    total_params: summary.total_params,
    trainable_params: summary.trainable_params,
    non_trainable_params: summary.non_trainable_params,
  });
}
