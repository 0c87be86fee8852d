// `layerwise import <model.json> --out <layerwise.json>`: reads a model another tool wrote (a TF.js
// Layers model.json with its weight files beside it) or one of ours, and writes our model file with its
// weights inline. Weight files must be plain names beside the model; a failure writes nothing.
import { serializeModelFile } from '../../../engine';
import { detectImport, importModel } from '../../../engine/formats';
import { parseJsonText } from '../../../engine/json-text';
import { readModel, type ModelWeights } from '../../../engine';
import { manifestFiles, manifestSchema } from '../../../engine/formats/tfjs/tfjs-weights';
import { readBeside, type ExpectedSize } from '../../services/format-files';
import { readModelText, sidecarBytes } from '../../services/model-files';
import type { CliIO } from '../io';
import { UserError } from '../user-error';
import { writeOut } from '../write-out';

/**
 * The weight files a model names with the size each may have: TF.js manifest paths (each named once),
 * or our sidecar. A manifest that does not parse names none: the import then reports its problems.
 */
function weightFilesToRead(
  file: string,
  json: unknown,
): { path: unknown; expected: ExpectedSize; group?: number }[] {
  const value = json as { weightsManifest?: unknown; weights?: ModelWeights };
  if (value.weightsManifest !== undefined) {
    const manifest = manifestSchema.safeParse(value.weightsManifest);
    if (!manifest.success) return [];
    const { files, issues } = manifestFiles(manifest.data);
    if (issues.length > 0) throw UserError.fromIssues(file, issues);
    return files.map(({ path, group, ...expected }) => ({ path, group, expected }));
  }
  if (value.weights?.file === undefined) return [];
  // Sizes only from a model that reads cleanly; otherwise the import reports what is wrong with it.
  const model = readModel(json);
  const exact = model.ok && model.model.weights ? sidecarBytes(model.model.weights) : undefined;
  return [{ path: value.weights.file, expected: exact === undefined ? {} : { exact } }];
}

export async function importCommand(
  file: string,
  options: { out?: string | undefined },
  io: CliIO,
): Promise<number> {
  if (options.out === undefined)
    throw new UserError(['layerwise import: --out <layerwise.json> is required']);
  const read = await readModelText(file);
  if (!read.ok) throw UserError.fromIssues(file, read.issues);
  const parsed = parseJsonText(read.text);
  if (!parsed.ok) throw new UserError([`${file}: ${parsed.message}`]);
  if (detectImport(parsed.value) === null)
    throw new UserError([
      `${file}: not a model Layerwise can import: expected a Layerwise model file or a TensorFlow.js Layers model.json`,
    ]);
  const files: Record<string, Uint8Array> = {};
  // What each TF.js group may still hold: its shards together never exceed the group's tensors.
  const left = new Map<number, number>();
  for (const { path: name, expected, group } of weightFilesToRead(file, parsed.value)) {
    if (typeof name !== 'string') throw new UserError([`${file}: weight file names must be strings`]);
    const max = group === undefined ? expected.max : (left.get(group) ?? expected.max);
    const read = await readBeside(file, name, 'weight file', {
      ...expected,
      ...(max === undefined ? {} : { max }),
    });
    if (!read.ok) throw UserError.fromIssues(file, read.issues);
    if (group !== undefined && max !== undefined) left.set(group, max - read.bytes.length);
    files[name] = read.bytes;
  }
  const imported = importModel(parsed.value, files);
  if (!imported.ok) throw UserError.fromIssues(file, imported.issues);
  for (const path of await writeOut(options.out, [
    { name: 'model.layerwise.json', data: serializeModelFile(imported.value) },
  ]))
    io.out(path);
  return 0;
}
