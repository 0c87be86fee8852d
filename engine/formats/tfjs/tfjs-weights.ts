// The weights a model.json's manifest describes, read from the files given with it: each group's files
// are concatenated and its tensors follow one another in manifest order, as tfjs reads them. Sizes are
// checked against the limits and the bytes at hand before anything is allocated.
import { z } from 'zod';
import { issue, type Issue } from '../../issues';

/** Largest tensor Layerwise opens: 2^28 float32 values (1 GiB). */
export const MAX_TENSOR_VALUES = 1 << 28;

const dim = z.number({ error: 'must be a number' }).int({ error: 'must be a whole number' }).min(0, {
  error: 'must not be negative',
});

export const manifestSchema = z.array(
  z.object({
    paths: z.array(z.string({ error: 'must be a string' }).max(500), {
      error: 'must be a list of file names',
    }),
    weights: z.array(
      z.object({
        name: z.string({ error: 'must be a string' }).max(500),
        shape: z
          .array(dim, { error: 'must be a list of whole numbers' })
          .max(8, { error: 'has too many dimensions' }),
        dtype: z.string({ error: 'must be a string' }),
        quantization: z.unknown().optional(),
      }),
      { error: 'must be a list of tensors' },
    ),
  }),
  { error: 'must be a list of weight groups' },
);
export type WeightsManifest = z.infer<typeof manifestSchema>;

export interface ManifestTensor {
  readonly shape: readonly number[];
  /** Little-endian float32 bytes, a view into the group's data. */
  readonly bytes: Uint8Array;
}

/** './x.bin' is how tfjs itself writes a file beside model.json; anything with a folder is refused. */
function plainName(path: string): string | undefined {
  const name = path.startsWith('./') ? path.slice(2) : path;
  return name.length > 0 && !/[/\\]|^\.\.?$|^\.\.|^[a-zA-Z]:/.test(name) ? name : undefined;
}

function groupBytes(
  paths: readonly string[],
  files: Readonly<Record<string, Uint8Array>>,
  g: number,
  issues: Issue[],
) {
  const parts: Uint8Array[] = [];
  paths.forEach((path, p) => {
    const field = `weightsManifest.${g}.paths.${p}`;
    const name = plainName(path);
    if (name === undefined)
      return issues.push(
        issue('E_WEIGHTS', `weight file names must be plain names: '${path}' is not`, { field }),
      );
    // Callers key the files by their name on disk or by the path as the manifest writes it.
    const key = [name, path].find((k) => Object.hasOwn(files, k));
    const file = key === undefined ? undefined : files[key];
    if (!(file instanceof Uint8Array))
      return issues.push(
        issue('E_WEIGHTS', `weight file '${name}' is missing: open it together with model.json`, { field }),
      );
    parts.push(file);
  });
  if (parts.length === 1) return parts[0] as Uint8Array;
  const joined = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  parts.reduce((at, p) => (joined.set(p, at), at + p.length), 0);
  return joined;
}

/**
 * The weight files a manifest names, each with the most bytes it may hold (its group's total; exactly
 * that when it is the group's only file; a reader of several shards subtracts what the group's earlier
 * ones held), so that a reader can check sizes before reading. A file named
 * twice is an issue: a list naming one shard hundreds of times would otherwise read it hundreds of times.
 */
export function manifestFiles(manifest: WeightsManifest): {
  files: { path: string; group: number; exact?: number; max: number }[];
  issues: Issue[];
} {
  const files: { path: string; group: number; exact?: number; max: number }[] = [];
  const issues: Issue[] = [];
  const seen = new Set<string>();
  manifest.forEach((group, g) => {
    const total = group.weights.reduce((sum, w) => sum + 4 * w.shape.reduce((a, b) => a * b, 1), 0);
    group.paths.forEach((path, p) => {
      const name = plainName(path) ?? path;
      if (seen.has(name))
        return issues.push(
          issue('E_WEIGHTS', `weight file '${name}' is named more than once in the manifest`, {
            field: `weightsManifest.${g}.paths.${p}`,
          }),
        );
      seen.add(name);
      files.push(
        group.paths.length === 1
          ? { path, group: g, exact: total, max: total }
          : { path, group: g, max: total },
      );
    });
  });
  return { files, issues };
}

export function readManifest(
  manifest: WeightsManifest,
  files: Readonly<Record<string, Uint8Array>>,
): { tensors: Map<string, ManifestTensor>; issues: Issue[] } {
  const tensors = new Map<string, ManifestTensor>();
  const issues: Issue[] = [...manifestFiles(manifest).issues];
  if (issues.length > 0) return { tensors, issues };
  manifest.forEach((group, g) => {
    const data = groupBytes(group.paths, files, g, issues);
    let offset = 0;
    for (const spec of group.weights) {
      const where = { field: `weights.${spec.name}` };
      const size = spec.shape.reduce((a, b) => a * b, 1);
      if (size > MAX_TENSOR_VALUES)
        return issues.push(
          issue(
            'E_WEIGHTS',
            `tensor '${spec.name}' declares ${size} values; Layerwise opens at most ${MAX_TENSOR_VALUES}`,
            where,
          ),
        );
      if (spec.dtype !== 'float32' || spec.quantization !== undefined)
        return issues.push(
          issue(
            'E_WEIGHTS',
            `tensor '${spec.name}' is ${spec.quantization === undefined ? spec.dtype : 'quantized'}: Layerwise reads float32 weights (convert without --quantize)`,
            where,
          ),
        );
      if (tensors.has(spec.name))
        issues.push(issue('E_WEIGHTS', `tensor '${spec.name}' appears twice in the manifest`, where));
      const end = offset + size * 4;
      if (data !== undefined && end > data.length)
        return issues.push(
          issue(
            'E_WEIGHTS',
            `tensor '${spec.name}' runs past the end of the weight data (${data.length} bytes in ${group.paths.join(', ')})`,
            where,
          ),
        );
      if (data !== undefined)
        tensors.set(spec.name, { shape: spec.shape, bytes: data.subarray(offset, end) });
      offset = end;
    }
    if (data !== undefined && offset !== data.length)
      issues.push(
        issue('E_WEIGHTS', `the weight data holds ${data.length} bytes, its manifest describes ${offset}`, {
          field: `weightsManifest.${g}`,
        }),
      );
  });
  return { tensors, issues };
}

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Float32 values of little-endian bytes, on any machine. */
export function float32Values(bytes: Uint8Array): Float32Array {
  if (littleEndian) return new Float32Array(bytes.slice().buffer);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Float32Array.from({ length: bytes.length / 4 }, (_, i) => view.getFloat32(i * 4, true));
}
