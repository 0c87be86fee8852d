// Our own format as an export: the model file with its weights inline (base64), in a sidecar .bin
// (byte offsets into little-endian float32), or left out (architecture only). Graph, training settings
// and history are carried unchanged, so save → open predicts bit for bit the same.

import { serializeModelFile, type ModelFile } from '../model-file';
import { exportFileNames, withContentHash } from './file-names';
import type { ExportedFile, FormatResult } from './types';
import { encodeWeights, float32Bytes, trainedPlan } from './weights';

export type WeightsMode = 'inline' | 'sidecar' | 'none';

export function exportLayerwiseJson(
  model: ModelFile,
  options: { weights?: WeightsMode; sidecar?: Uint8Array } = {},
): FormatResult<ExportedFile[]> {
  const mode = options.weights ?? 'inline';
  const names = exportFileNames(model.name);
  const { weights: _dropped, ...architecture } = model;
  if (mode === 'none' || model.weights === undefined)
    return { ok: true, value: [{ name: names.layerwiseJson, data: serializeModelFile(architecture) }] };
  const trained = trainedPlan(model, options.sidecar, 'our JSON with weights');
  if (!trained.ok) return trained;
  const { plan } = trained.value;
  const values = new Map([...trained.value.tensors].map(([name, t]) => [name, t.values]));
  if (mode === 'inline') {
    const weights = encodeWeights(plan, values);
    return {
      ok: true,
      value: [{ name: names.layerwiseJson, data: serializeModelFile({ ...architecture, weights }) }],
    };
  }
  const parts: Uint8Array[] = [];
  let offset = 0;
  const tensors = plan.nodes.flatMap((n) =>
    n.weights.map((w) => {
      const bytes = float32Bytes(values.get(w.name) ?? new Float32Array(w.size));
      parts.push(bytes);
      const entry = { name: w.name, shape: [...w.shape], byteOffset: offset };
      offset += bytes.length;
      return entry;
    }),
  );
  const bin = new Uint8Array(offset);
  let at = 0;
  for (const part of parts) {
    bin.set(part, at);
    at += part.length;
  }
  const binName = withContentHash(names.layerwiseWeights, bin);
  return {
    ok: true,
    value: [
      {
        name: names.layerwiseJson,
        data: serializeModelFile({ ...architecture, weights: { dtype: 'float32', file: binName, tensors } }),
      },
      { name: binName, data: bin },
    ],
  };
}
