// PyTorch and Keras exports: one self-contained Python script each, rebuilding the architecture, loading
// our weights from a Layerwise model file, predicting MNIST test images and training with our settings.
import type { TrainingRun } from '../../api/run-settings';
import { compileGraph, type ExecutionPlan } from '../../compile';
import type { ModelFile } from '../../model-file';
import { exportFileNames } from '../file-names';
import type { ExportedFile, FormatResult } from '../types';
import { kerasModelFunction } from './keras-script';
import { KERAS_RUNTIME } from './keras-runtime';
import { PYTHON_COMMON } from './python-common';
import { scriptConstants, scriptDocstring } from './script-constants';
import { torchModule } from './torch-module';
import { TORCH_HELPERS, TORCH_IMPORTS } from './torch-runtime';
import { TORCH_MAIN } from './torch-main';
import { TORCH_TRAINING } from './torch-training';
import { readTrainingRun } from './training-settings';
import { pyLiteral } from './python-literal';

interface Prepared {
  readonly plan: ExecutionPlan;
  readonly run: TrainingRun;
}

/** The compiled graph and training settings, or every issue with either. */
function prepare(model: ModelFile): FormatResult<Prepared> {
  const compiled = compileGraph(model.graph);
  const run = readTrainingRun(model);
  const issues = [...(compiled.ok ? [] : compiled.issues), ...(run.ok ? [] : run.issues)];
  if (!compiled.ok || !run.ok) return { ok: false, issues };
  return { ok: true, value: { plan: compiled.plan, run: run.value } };
}

export function exportPytorch(model: ModelFile): FormatResult<ExportedFile[]> {
  const prepared = prepare(model);
  if (!prepared.ok) return prepared;
  const { plan, run } = prepared.value;
  const names = exportFileNames(model.name);
  const files = { script: names.pytorchScript, weights: names.pytorchWeights, trained: names.pytorchTrained };
  const name = files.script;
  const module = torchModule(plan, model.name);
  const torchrun = [
    'On several processes or GPUs (DistributedDataParallel; the batch size is split between them):',
    `    torchrun --nproc_per_node=2 ${name} --data path/to/mnist`,
  ];
  const source = [
    scriptDocstring(model, 'PyTorch', files, torchrun),
    TORCH_IMPORTS,
    '',
    scriptConstants(model, plan, run, files.trained),
    '# (our weight name, state_dict key, layout, Keras initializer, fan_in, fan_out)',
    module.weightMap,
    `KERNELS = ${pyLiteral(module.kernels)}  # (state_dict key, own l1, own l2); TRAINING['l2'] applies to all`,
    '',
    '',
    module.source,
    '',
    TORCH_HELPERS,
    PYTHON_COMMON,
    TORCH_TRAINING,
    TORCH_MAIN,
  ].join('\n');
  return { ok: true, value: [{ name, data: source }] };
}

export function exportKeras(model: ModelFile): FormatResult<ExportedFile[]> {
  const prepared = prepare(model);
  if (!prepared.ok) return prepared;
  const { plan, run } = prepared.value;
  const names = exportFileNames(model.name);
  const files = { script: names.kerasScript, weights: names.kerasWeights, trained: names.kerasTrained };
  const name = files.script;
  const source = [
    scriptDocstring(model, 'Keras 3', files),
    KERAS_RUNTIME.imports,
    '',
    scriptConstants(model, plan, run, files.trained),
    '',
    '',
    kerasModelFunction(plan, model.name),
    '',
    PYTHON_COMMON,
    KERAS_RUNTIME.main,
  ].join('\n');
  return { ok: true, value: [{ name, data: source }] };
}
