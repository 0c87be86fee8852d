// The layers of a graph whose dropout rate a paused run may change (issue 17): those whose definition has
// a `rate` param (Dropout, SpatialDropout2D, ...), found through the registry so no caller lists types.
import { analyzeGraph } from '../analyze';
import type { Graph } from '../graph';

export interface DropoutLayer {
  readonly id: string;
  /** The Keras name: training.adjust's `dropout` changes are keyed by it. */
  readonly name: string;
  readonly type: string;
  /** The rate the graph gives it (its default when the param is absent). */
  readonly rate: number;
}

/** In graph order; bypassed layers are left out (they are not compiled, so they drop nothing). */
export function dropoutLayers(graph: Graph): DropoutLayer[] {
  const analysis = analyzeGraph(graph);
  return graph.nodes.flatMap((node) => {
    const found = analysis.byId.get(node.id);
    if (node.bypassed === true || found?.definition === undefined) return [];
    if (!Object.hasOwn(found.definition.params, 'rate')) return [];
    const rate = found.params?.rate ?? found.definition.params.rate?.default;
    return typeof rate === 'number' ? [{ id: node.id, name: found.name, type: node.type, rate }] : [];
  });
}

/** The graph with new rates for the layers named in `rates` (by Keras name); other layers unchanged. */
export function withDropoutRates(graph: Graph, rates: Readonly<Record<string, number>>): Graph {
  const byId = new Map(dropoutLayers(graph).map((layer) => [layer.id, layer.name]));
  return {
    ...graph,
    nodes: graph.nodes.map((node) => {
      const name = byId.get(node.id);
      const rate = name === undefined ? undefined : rates[name];
      return rate === undefined ? node : { ...node, params: { ...node.params, rate } };
    }),
  };
}
