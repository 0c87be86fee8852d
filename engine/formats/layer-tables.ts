// Each format's table of layer types, derived from the layer homes (engine/layers/<layer>.ts), so a
// format covers exactly the registry's types and a new layer is one home, not one entry per format.
// Layer homes import format helpers only, never this module, so the tables are built after every home.
import type { LayerFormats } from '../layer-formats';
import { LAYER_DEFINITIONS } from '../layers';

// Registry order, so lists of supported layers read like the palette.
// Keyed by string: callers look up plan nodes, whose type is checked against the registry when compiled.
function formatTable<K extends keyof LayerFormats>(key: K): Readonly<Record<string, LayerFormats[K]>> {
  return Object.fromEntries(LAYER_DEFINITIONS.map((d) => [d.type, d.formats[key]]));
}

export const KERAS_LAYERS = formatTable('keras');
export const KERAS_SCRIPT_LAYERS = formatTable('kerasScript');
export const ONNX_LAYERS = formatTable('onnx');
export const TORCH_LAYERS = formatTable('torch');
