// Every export format and the import detector, by name: the CLI, the UI and tests go through here, so
// a format added here is offered everywhere.
import type { ModelFile } from '../model-file';
import { readModel } from '../model-file';
import { issue } from '../issues';

import { exportFileNames } from './file-names';
import { exportLayerwiseJson, type WeightsMode } from './layerwise-json';
import { exportOnnx } from './onnx';
import { exportTfjs, importTfjs } from './tfjs';
import { exportKeras, exportPytorch } from './python';
import { encodeWeights, trainedPlan } from './weights';
import type { ExportedFile, FormatResult } from './types';

export interface ExportOptions {
  /** Bytes of the model's weights sidecar (`weights.file`), when it has one. */
  readonly sidecar?: Uint8Array;
  /** For our JSON: weights inline, in a sidecar .bin, or none (architecture only). */
  readonly weights?: WeightsMode;
}

interface ExportFormat {
  readonly label: string;
  /** Whether the export needs trained weights (everything but our architecture-only JSON). */
  readonly needsWeights: boolean;
  run(model: ModelFile, options: ExportOptions): FormatResult<ExportedFile[]>;
}

/**
 * A script plus, when the model has weights, our JSON with them inline under the name the script's
 * docstring gives it (not our JSON export's name, which a JSON export into the same folder keeps).
 */
function withWeightsFile(
  script: FormatResult<ExportedFile[]>,
  model: ModelFile,
  options: ExportOptions,
  name: string,
): FormatResult<ExportedFile[]> {
  if (!script.ok || model.weights === undefined) return script;
  const weights = exportLayerwiseJson(model, { ...options, weights: 'inline' });
  if (!weights.ok) return weights;
  const [json] = weights.value;
  return json === undefined ? weights : { ok: true, value: [...script.value, { name, data: json.data }] };
}

export const EXPORT_FORMATS = {
  json: {
    label: 'Layerwise JSON',
    needsWeights: false,
    run: (model, options) => exportLayerwiseJson(model, options),
  },
  tfjs: {
    label: 'TensorFlow.js Layers',
    needsWeights: true,
    run: (model, options) => exportTfjs(model, options),
  },
  onnx: {
    label: 'ONNX',
    needsWeights: true,
    run: (model, options) => exportOnnx(model, options),
  },
  pytorch: {
    label: 'PyTorch script',
    needsWeights: false,
    run: (model, options) =>
      withWeightsFile(exportPytorch(model), model, options, exportFileNames(model.name).pytorchWeights),
  },
  keras: {
    label: 'Keras script',
    needsWeights: false,
    run: (model, options) =>
      withWeightsFile(exportKeras(model), model, options, exportFileNames(model.name).kerasWeights),
  },
} satisfies Record<string, ExportFormat>;

export type ExportFormatId = keyof typeof EXPORT_FORMATS;

export const isExportFormat = (id: string): id is ExportFormatId => Object.hasOwn(EXPORT_FORMATS, id);

export function exportModel(
  format: ExportFormatId,
  model: ModelFile,
  options: ExportOptions = {},
): FormatResult<ExportedFile[]> {
  const entry: ExportFormat = EXPORT_FORMATS[format];
  if (entry.needsWeights && model.weights === undefined)
    return {
      ok: false,
      issues: [
        issue(
          'E_WEIGHTS',
          `the model has no weights: train it first (${entry.label} needs them), or export our JSON for the architecture alone`,
        ),
      ],
    };
  return entry.run(model, options);
}

/** Our own file, any released version, with sidecar weights brought inline. */
function importLayerwise(
  json: unknown,
  files: Readonly<Record<string, Uint8Array>>,
): FormatResult<ModelFile> {
  const loaded = readModel(json);
  if (!loaded.ok) return { ok: false, issues: loaded.issues };
  const model = loaded.model;
  if (model.weights === undefined) return { ok: true, value: model };
  const sidecar = model.weights.file === undefined ? undefined : files[model.weights.file];
  const trained = trainedPlan(model, sidecar, 'import');
  if (!trained.ok) return trained;
  const { plan, tensors } = trained.value;
  const values = new Map([...tensors].map(([name, t]) => [name, t.values]));
  return { ok: true, value: { ...model, weights: encodeWeights(plan, values) } };
}

/** What an import file is, from its content: our model file, or a TF.js Layers model.json. */
export function detectImport(json: unknown): 'layerwise' | 'tfjs' | null {
  if (typeof json !== 'object' || json === null) return null;
  if ((json as { format?: unknown }).format === 'layerwise-model') return 'layerwise';
  if ('modelTopology' in json) return 'tfjs';
  return null;
}

/** Imports a parsed model file of any supported format; `files` are the weight files it names. */
export function importModel(
  json: unknown,
  files: Readonly<Record<string, Uint8Array>>,
): FormatResult<ModelFile> {
  const kind = detectImport(json);
  if (kind === 'layerwise') return importLayerwise(json, files);
  if (kind === 'tfjs') return importTfjs(json, files);
  return {
    ok: false,
    issues: [
      issue(
        'E_FORMAT',
        'not a model file Layerwise can import: expected a Layerwise model file or a TensorFlow.js Layers model.json',
      ),
    ],
  };
}
