// The palette's content: registry layers grouped by category, filtered by a search over type and doc.
import {
  CATEGORIES,
  LAYER_DEFINITIONS,
  type AnyLayerDefinition,
  type LayerCategory,
} from '../../../../engine';

export interface PaletteGroup {
  readonly category: LayerCategory;
  readonly layers: readonly AnyLayerDefinition[];
}

export function paletteGroups(query: string): PaletteGroup[] {
  const q = query.trim().toLowerCase();
  const matches = (d: AnyLayerDefinition) =>
    q === '' || d.type.toLowerCase().includes(q) || d.doc.toLowerCase().includes(q);
  return CATEGORIES.map((category) => ({
    category,
    layers: LAYER_DEFINITIONS.filter((d) => d.category === category && matches(d)),
  })).filter((g) => g.layers.length > 0);
}
