// Weights in the model file: named float32 tensors as base64 of their little-endian bytes. Decoding
// checks every tensor against the plan, so a file with missing or misshapen weights is refused with
// the name of the tensor at fault.
import type { ExecutionPlan, Issue } from '../../../engine';
import { issue } from '../../../engine';
import type { ModelWeights } from '../../../engine/model-file';

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export function encodeTensor(values: Float32Array): string {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  if (littleEndian) return Buffer.from(bytes).toString('base64');
  const swapped = Buffer.from(bytes);
  swapped.swap32();
  return swapped.toString('base64');
}

export function decodeTensor(base64: string): Float32Array | undefined {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length % 4 !== 0) return undefined;
  if (!littleEndian) bytes.swap32();
  const out = new Float32Array(bytes.length / 4);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

export function encodeWeights(
  plan: ExecutionPlan,
  weights: Readonly<Record<string, Float32Array>>,
): ModelWeights {
  return {
    dtype: 'float32',
    tensors: plan.nodes.flatMap((n) =>
      n.weights.map((w) => ({
        name: w.name,
        shape: [...w.shape],
        data: encodeTensor(weights[w.name] ?? new Float32Array(w.size)),
      })),
    ),
  };
}

export type DecodedWeights =
  { ok: true; weights: Record<string, Float32Array> } | { ok: false; issues: Issue[] };

/** Inline (base64) weights only; sidecar files are read by the caller into data first. */
export function decodeWeights(plan: ExecutionPlan, section: ModelWeights): DecodedWeights {
  const issues: Issue[] = [];
  const byName = new Map(section.tensors.map((t) => [t.name, t]));
  const weights: Record<string, Float32Array> = {};
  for (const spec of plan.nodes.flatMap((n) => n.weights)) {
    const tensor = byName.get(spec.name);
    byName.delete(spec.name);
    const field = `weights: ${spec.name}`;
    if (tensor === undefined) {
      issues.push(issue('E_WEIGHTS', `the file has no weights for '${spec.name}'`, { field }));
      continue;
    }
    if (tensor.shape.length !== spec.shape.length || tensor.shape.some((d, i) => d !== spec.shape[i])) {
      issues.push(
        issue(
          'E_WEIGHTS',
          `'${spec.name}' has shape (${tensor.shape.join(', ')}) but the layer needs (${spec.shape.join(', ')})`,
          { field },
        ),
      );
      continue;
    }
    const values = tensor.data === undefined ? undefined : decodeTensor(tensor.data);
    if (values === undefined || values.length !== spec.size) {
      issues.push(issue('E_WEIGHTS', `'${spec.name}' does not hold ${spec.size} float32 values`, { field }));
      continue;
    }
    weights[spec.name] = values;
  }
  for (const name of byName.keys())
    issues.push(
      issue('E_WEIGHTS', `the file has weights for '${name}', which no layer has`, {
        field: `weights: ${name}`,
      }),
    );
  return issues.length > 0 ? { ok: false, issues } : { ok: true, weights };
}
