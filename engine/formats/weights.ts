// The model file's weights as named Float32Arrays (and back), in plain TypeScript so the renderer can
// export too: base64 of little-endian float32, or byte ranges of a sidecar .bin. Every tensor is
// checked against the compiled plan, so a bad file is refused naming the tensor at fault.
import { compileGraph, type ExecutionPlan } from '../compile';
import { issue, type Issue } from '../issues';
import type { ModelFile, ModelWeights } from '../model-file';
import type { FormatResult } from './types';

export interface NamedTensor {
  readonly shape: readonly number[];
  readonly values: Float32Array;
}

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function swap32(bytes: Uint8Array): void {
  for (let i = 0; i + 3 < bytes.length; i += 4) {
    const [a, b, c, d] = [bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]] as number[];
    bytes.set([d as number, c as number, b as number, a as number], i);
  }
}

export function base64ToBytes(base64: string): Uint8Array {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

export function bytesToBase64(bytes: Uint8Array): string {
  let text = '';
  const CHUNK = 0x8000; // String.fromCharCode takes a bounded number of arguments
  for (let i = 0; i < bytes.length; i += CHUNK) text += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(text);
}

/** Little-endian float32 bytes of `values`. */
export function float32Bytes(values: Float32Array): Uint8Array {
  const bytes = new Uint8Array(values.byteLength);
  bytes.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
  if (!littleEndian) swap32(bytes);
  return bytes;
}

function bytesToFloat32(bytes: Uint8Array): Float32Array {
  const copy = bytes.slice();
  if (!littleEndian) swap32(copy);
  return new Float32Array(copy.buffer, 0, copy.length / 4);
}

/**
 * Decodes every tensor the plan needs. `sidecar` holds the bytes of `weights.file` when tensors use
 * byteOffset. Missing, extra, misshapen or truncated tensors are issues naming the tensor.
 */
export function decodeWeights(
  plan: ExecutionPlan,
  weights: ModelWeights,
  sidecar?: Uint8Array,
): { tensors: Map<string, NamedTensor>; issues: Issue[] } {
  const issues: Issue[] = [];
  const tensors = new Map<string, NamedTensor>();
  const given = new Map(weights.tensors.map((t) => [t.name, t]));
  for (const node of plan.nodes)
    for (const w of node.weights) {
      const tensor = given.get(w.name);
      const where = { nodeId: node.id, field: `weights.${w.name}` };
      if (tensor === undefined) {
        issues.push(issue('E_WEIGHTS', `the weights have no tensor '${w.name}'`, where));
        continue;
      }
      given.delete(w.name);
      if (tensor.shape.join(',') !== w.shape.join(',')) {
        issues.push(
          issue(
            'E_WEIGHTS',
            `tensor '${w.name}' has shape [${tensor.shape}], the layer needs [${w.shape}]`,
            where,
          ),
        );
        continue;
      }
      let bytes: Uint8Array | undefined;
      if (tensor.data !== undefined) {
        try {
          bytes = base64ToBytes(tensor.data);
        } catch {
          issues.push(issue('E_WEIGHTS', `tensor '${w.name}' is not valid base64`, where));
          continue;
        }
      } else if (tensor.byteOffset !== undefined && sidecar !== undefined) {
        const end = tensor.byteOffset + w.size * 4;
        if (end > sidecar.length) {
          issues.push(issue('E_WEIGHTS', `tensor '${w.name}' runs past the end of '${weights.file}'`, where));
          continue;
        }
        bytes = sidecar.subarray(tensor.byteOffset, end);
      } else {
        issues.push(
          issue('E_WEIGHTS', `tensor '${w.name}' has no data (and no weights file was given)`, where),
        );
        continue;
      }
      if (bytes.length !== w.size * 4) {
        issues.push(
          issue(
            'E_WEIGHTS',
            `tensor '${w.name}' holds ${bytes.length} bytes, the layer needs ${w.size} float32 values (${w.size * 4} bytes)`,
            where,
          ),
        );
        continue;
      }
      tensors.set(w.name, { shape: w.shape, values: bytesToFloat32(bytes) });
    }
  // A bypassed layer keeps its trained weights in the file, so restoring it loses nothing.
  const bypassed = new Set(plan.bypassed);
  const unused = [...given.keys()].filter((name) => !bypassed.has(name.slice(0, name.indexOf('/'))));
  for (const name of unused)
    issues.push(
      issue('E_WEIGHTS', `the weights have a tensor '${name}' that no layer uses`, {
        field: `weights.${name}`,
      }),
    );
  return { tensors, issues };
}

/** Decoded tensors as the native model takes them: name → values. */
export function weightValues(tensors: ReadonlyMap<string, NamedTensor>): Record<string, Float32Array> {
  return Object.fromEntries([...tensors].map(([name, t]) => [name, t.values]));
}

/** Inline (base64) weights for a model file, in plan order. */
export function encodeWeights(plan: ExecutionPlan, tensors: ReadonlyMap<string, Float32Array>): ModelWeights {
  return {
    dtype: 'float32',
    tensors: plan.nodes.flatMap((n) =>
      n.weights.map((w) => ({
        name: w.name,
        shape: [...w.shape],
        data: bytesToBase64(float32Bytes(tensors.get(w.name) ?? new Float32Array(w.size))),
      })),
    ),
  };
}

/**
 * The compiled plan of a trained model with its decoded weights, or why not: no weights (naming what
 * needs them), a graph that does not compile, or weights that do not fit it.
 */
export function trainedPlan(
  model: ModelFile,
  sidecar: Uint8Array | undefined,
  neededBy: string,
): FormatResult<{ plan: ExecutionPlan; tensors: Map<string, NamedTensor> }> {
  if (model.weights === undefined)
    return {
      ok: false,
      issues: [
        issue(
          'E_WEIGHTS',
          `the model has no weights: train it first (${neededBy} needs them), or export our JSON for the architecture alone`,
          { field: 'weights' },
        ),
      ],
    };
  const compiled = compileGraph(model.graph);
  if (!compiled.ok) return { ok: false, issues: compiled.issues };
  const decoded = decodeWeights(compiled.plan, model.weights, sidecar);
  if (decoded.issues.length > 0) return { ok: false, issues: decoded.issues };
  return { ok: true, value: { plan: compiled.plan, tensors: decoded.tensors } };
}
