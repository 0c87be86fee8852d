// English layer descriptions and parameter help: read from the layer definitions (engine/layers), never
// copied. Choice options have no English labels: the Keras name is shown as it is.
import { LAYER_DEFINITIONS } from '../../../../engine';
import type { LayerText } from '../layer-text';

export const layers: Readonly<Record<string, LayerText>> = Object.fromEntries(
  LAYER_DEFINITIONS.map((d) => [
    d.type,
    {
      doc: d.doc,
      params: Object.fromEntries(Object.entries(d.params).map(([key, spec]) => [key, spec.doc])),
    },
  ]),
);

export const layerOptions: Readonly<Record<string, string>> = {};
