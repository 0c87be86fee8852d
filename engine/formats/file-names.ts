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
