// `layerwise export <model.json> --format json|tfjs|onnx|pytorch|keras --out <path>`: writes the model
// in another tool's format. Everything is checked before anything is written; a failure writes nothing.
import { EXPORT_FORMATS, exportModel, isExportFormat } from '../../../engine/formats';
import type { WeightsMode } from '../../../engine/formats/layerwise-json';
import { readModelWithSidecar } from '../../services/model-files';
import type { CliIO } from '../io';
import { UserError } from '../user-error';
import { writeOut } from '../write-out';

const WEIGHT_MODES: readonly WeightsMode[] = ['inline', 'sidecar', 'none'];

export async function exportCommand(
  file: string,
  options: { format?: string | undefined; out?: string | undefined; weights?: string | undefined },
  io: CliIO,
): Promise<number> {
  const formats = Object.keys(EXPORT_FORMATS).join('|');
  if (options.format === undefined || !isExportFormat(options.format))
    throw new UserError([
      options.format === undefined
        ? `layerwise export: --format is required: ${formats}`
        : `layerwise export: unknown format '${options.format}': use ${formats}`,
    ]);
  if (options.out === undefined) throw new UserError(['layerwise export: --out <path> is required']);
  if (options.weights !== undefined && !WEIGHT_MODES.includes(options.weights as WeightsMode))
    throw new UserError([`layerwise export: --weights must be ${WEIGHT_MODES.join('|')}`]);

  const loaded = await readModelWithSidecar(file);
  if (!loaded.ok) throw UserError.fromIssues(file, loaded.issues);
  const { model, sidecar } = loaded;
  const result = exportModel(options.format, model, {
    ...(sidecar ? { sidecar } : {}),
    ...(options.weights ? { weights: options.weights as WeightsMode } : {}),
  });
  if (!result.ok) throw UserError.fromIssues(file, result.issues);
  for (const path of await writeOut(options.out, result.value)) io.out(path);
  return 0;
}
