// What a layer's home says about each format besides its definition: the Keras config (TF.js export and
// import), the Keras and PyTorch scripts, ONNX, and the params the native core reads. Types only; the
// tables each format uses are derived from the homes (engine/formats/layer-tables.ts).
import type { LayerNode } from './compile';
import type { ResolvedParams } from './define-layer';
import type { LayerMapping } from './formats/onnx/onnx-context';
import type { KerasScriptLayer } from './formats/python/keras-script-layers';
import type { TorchLayer } from './formats/python/torch-layers';
import type { KerasLayerMapping } from './formats/tfjs/keras-layers';

/** A value the native core reads from a node's `params` (booleans as flags, pairs as arrays). */
export type NativeValue = number | boolean | string | readonly number[];
export type NativeParams = Readonly<Record<string, NativeValue>>;

export interface LayerFormats<P = ResolvedParams> {
  /** Keras class and config, shared by TF.js export/import and the Keras script. */
  readonly keras: KerasLayerMapping<P>;
  /** How the Keras script writes the layer call. */
  readonly kerasScript: KerasScriptLayer;
  /** The ONNX ops (opset 13). */
  readonly onnx: LayerMapping<P>;
  /** The PyTorch module and forward expression. */
  readonly torch: TorchLayer<P>;
  /** The params the C++ op reads (worker-native/addon/ops/<layer>.cc), resolved: no nulls, no guessing. */
  native(node: LayerNode<P>): NativeParams;
  /** What the C++ op keeps per sample, for the memory estimate (engine/memory-estimate.ts). */
  readonly memory?: NativeMemory<P>;
}

export interface NativeMemory<P = ResolvedParams> {
  /** The output is a view of the input: no buffers of its own. */
  readonly view?: boolean;
  /** Backward needs the pre-activation values too (a third buffer). */
  keepsPreActivation?(node: LayerNode<P>, isOutput: boolean): boolean;
}
