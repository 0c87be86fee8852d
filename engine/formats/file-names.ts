// The names of every file an export or a save writes, from the model's name, in one table: each format's
// files carry their own tag, so exporting every format of one model into one folder overwrites nothing,
// and a script names exactly the weights file written beside it.

/** "My model" → "My_model": a safe base for file names (no folders, no leading dots). */
export function fileBase(name: string): string {
  return (
    name
      .trim()
      .replace(/[^\w.-]+/g, '_')
      .replace(/^[_.]+|_+$/g, '') || 'model'
  );
}

export interface ExportFileNames {
  /** Our model file: Save, the JSON export. */
  readonly layerwiseJson: string;
  /** The JSON export's sidecar weights (`--weights sidecar`). */
  readonly layerwiseWeights: string;
  readonly tfjsModel: string;
  readonly tfjsWeights: string;
  readonly onnx: string;
  readonly pytorchScript: string;
  /** Our JSON with the weights inline, written beside the script for its `--weights`. */
  readonly pytorchWeights: string;
  /** Where the script saves the model it trained, unless told `--out`. */
  readonly pytorchTrained: string;
  readonly kerasScript: string;
  readonly kerasWeights: string;
  readonly kerasTrained: string;
}

export function exportFileNames(modelName: string): ExportFileNames {
  const base = fileBase(modelName);
  return {
    layerwiseJson: `${base}.layerwise.json`,
    layerwiseWeights: `${base}.weights.bin`,
    tfjsModel: `${base}.tfjs.json`,
    tfjsWeights: `${base}.tfjs.weights.bin`,
    onnx: `${base}.onnx`,
    pytorchScript: `${base}_pytorch.py`,
    pytorchWeights: `${base}_pytorch.layerwise.json`,
    pytorchTrained: `${base}_pytorch_trained.layerwise.json`,
    kerasScript: `${base}_keras.py`,
    kerasWeights: `${base}_keras.layerwise.json`,
    kerasTrained: `${base}_keras_trained.layerwise.json`,
  };
}

/** FNV-1a (32 bits) of the bytes, as 8 hex digits: enough to tell one export's weights from another's. */
export function contentHash(bytes: Uint8Array): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ (bytes[i] as number), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/**
 * "m.tfjs.weights.bin" + bytes → "m.tfjs.1a2b3c4d.weights.bin". A weights file named by its content is
 * never overwritten by different weights, so a model file always finds the weights it was written with,
 * even if a crash comes between writing the weights and replacing the model file that names them.
 */
export function withContentHash(weightsName: string, bytes: Uint8Array): string {
  const suffix = '.weights.bin';
  const stem = weightsName.endsWith(suffix) ? weightsName.slice(0, -suffix.length) : weightsName;
  return `${stem}.${contentHash(bytes)}${suffix}`;
}
