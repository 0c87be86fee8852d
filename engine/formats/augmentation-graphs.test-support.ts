// Test support for the augmentation exporter tests: models with augmentation layers (in a row after the
// input, and inside branches) and the same graph with them cut out, which inference must equal.
import type { Graph } from '../graph';
import { chain, graph } from '../testing/graphs';

export const AUGMENTATIONS = [
  'RandomFlip',
  'RandomTranslation',
  'RandomRotation',
  'RandomZoom',
  'RandomContrast',
];

// Every augmentation in a row after the input, and one feeding two branches (the skip must rewire both).
export const augmentedCnn = chain(
  [28, 28, 1],
  ['RandomFlip', { mode: 'horizontal' }],
  ['RandomTranslation', { height_factor: 0.1, width_factor: 0.1 }],
  ['RandomRotation', { factor: 0.05, fill_mode: 'nearest' }],
  ['RandomZoom', { height_factor: [-0.1, 0.1], fill_mode: 'constant' }],
  ['RandomContrast', { factor: 0.2, value_range: [0, 1] }],
  ['Conv2D', { filters: 8, kernel_size: 3, activation: 'relu' }],
  ['MaxPooling2D'],
  ['Flatten'],
  ['Dense', { units: 10, activation: 'softmax' }],
);
export const branched = graph(
  [
    ['in', 'InputLayer', { shape: [28, 28, 1] }],
    ['zoom', 'RandomZoom', { height_factor: 0.2, seed: 3 }],
    ['a', 'Conv2D', { filters: 4, kernel_size: 3, padding: 'same', activation: 'relu' }],
    ['b', 'Conv2D', { filters: 4, kernel_size: 1 }],
    ['add', 'Add'],
    ['flip', 'RandomFlip'],
    ['gap', 'GlobalAveragePooling2D'],
    ['out', 'Dense', { units: 10, activation: 'softmax' }],
  ],
  ['in->zoom', 'zoom->a', 'zoom->b', 'a->add', 'b->add', 'add->flip', 'flip->gap', 'gap->out'],
);

/** The graph with the augmentation layers cut out, each one's consumers reading its input. */
export function withoutAugmentation(g: Graph): Graph {
  const dropped = new Set(g.nodes.filter((n) => AUGMENTATIONS.includes(n.type)).map((n) => n.id));
  const sourceOf = (id: string): string =>
    dropped.has(id) ? sourceOf(g.edges.find((e) => e.target === id)?.source ?? '') : id;
  return {
    nodes: g.nodes.filter((n) => !dropped.has(n.id)),
    edges: g.edges
      .filter((e) => !dropped.has(e.target))
      .map((e) => ({ source: sourceOf(e.source), target: e.target })),
  };
}
