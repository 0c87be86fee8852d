// Each format's table of layer types, derived from the layer homes (engine/layers/<layer>.ts), so a
// format covers exactly the registry's types and a new layer is one home, not one entry per format.
// Layer homes import format helpers only, never this module, so the tables are built after every home.
import type { LayerFormats } from '../layer-formats';
import { LAYER_DEFINITIONS } from '../layers';
import { LEGACY_ONNX_LAYERS } from './onnx/onnx-layers';
import { LEGACY_KERAS_SCRIPT_LAYERS } from './python/keras-script-legacy';
import { LEGACY_TORCH_LAYERS } from './python/torch-layers';
import { LEGACY_KERAS_LAYERS } from './tfjs/keras-layers-legacy';

function formatTable<K extends keyof LayerFormats>(
  key: K,
  legacy: Readonly<Record<string, LayerFormats[K]>> = {},
): Readonly<Record<string, LayerFormats[K]>> {
  // Registry order, so lists of supported layers read like the palette.
  const entries = LAYER_DEFINITIONS.flatMap((d) => {
    const mapping = d.formats?.[key] ?? legacy[d.type];
    return mapping === undefined ? [] : [[d.type, mapping] as const];
  });
  return Object.fromEntries(entries);
}

export const KERAS_LAYERS = formatTable('keras', LEGACY_KERAS_LAYERS);
export const KERAS_SCRIPT_LAYERS = formatTable('kerasScript', LEGACY_KERAS_SCRIPT_LAYERS);
export const ONNX_LAYERS = formatTable('onnx', LEGACY_ONNX_LAYERS);
export const TORCH_LAYERS = formatTable('torch', LEGACY_TORCH_LAYERS);
