// Opens a saved model with its weights (inline, or in its sidecar .bin) as a ready native model, for
// eval and predict.
import { compileGraph, type ExecutionPlan, type ModelFile } from '../../engine';
import { coreConfigOf } from '../../engine/api/run-settings';
import { NativeModel } from '../../worker-native/lib/native-model';
import { readModelWithSidecar } from '../services/model-files';
import { parseRun } from '../services/training/training-service';
import { decodeWeights, weightValues } from '../../engine/formats/weights';
import { UserError } from './user-error';

export interface TrainedModel {
  readonly model: ModelFile;
  readonly plan: ExecutionPlan;
  readonly native: NativeModel;
  readonly dataset: string;
}

export async function openTrainedModel(file: string): Promise<TrainedModel> {
  const loaded = await readModelWithSidecar(file);
  if (!loaded.ok) throw UserError.fromIssues(file, loaded.issues);
  const compiled = compileGraph(loaded.model.graph);
  if (!compiled.ok) throw UserError.fromIssues(file, compiled.issues);
  if (loaded.model.weights === undefined)
    throw new UserError([
      `${file}: the model has no weights: train it first, e.g. layerwise train ${file} --out trained.json`,
    ]);
  const decoded = decodeWeights(compiled.plan, loaded.model.weights, loaded.sidecar);
  if (decoded.issues.length > 0) throw UserError.fromIssues(file, decoded.issues);
  const run = parseRun(loaded.model.training ?? {});
  const native = new NativeModel(compiled.plan, coreConfigOf(run));
  native.setWeights(weightValues(decoded.tensors));
  return { model: loaded.model, plan: compiled.plan, native, dataset: run.dataset };
}
