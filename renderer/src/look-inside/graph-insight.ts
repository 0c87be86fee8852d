// Joins a run's latest layer statistics to the canvas's nodes (by layer name): each node's health from
// the engine's rules (engine/training/layer-health.ts) and its share of the training time. Cached per
// statistics event and analysis, so every node reads the same map.
import type { GraphAnalysis } from '../../../engine/analyze';
import type { LayerStatistics, LayerStatsEvent } from '../../../engine/api/events';
import { activationOf, graphHealth, type LayerHealth } from '../../../engine/training/layer-health';

export interface NodeInsight {
  readonly stats: LayerStatistics;
  readonly health: LayerHealth;
  /** Forward + backward milliseconds per batch. */
  readonly ms: number;
  /** This layer's share of all layers' time, 0..1. */
  readonly share: number;
  /** When the statistics were sampled. */
  readonly epoch: number;
  readonly step: number;
}

const cache = new WeakMap<
  LayerStatsEvent,
  { analysis: GraphAnalysis; result: ReadonlyMap<string, NodeInsight> }
>();

/** Insight per node id, for the nodes whose layer name appears in the event. */
export function graphInsight(
  event: LayerStatsEvent,
  analysis: GraphAnalysis,
): ReadonlyMap<string, NodeInsight> {
  const cached = cache.get(event);
  if (cached?.analysis === analysis) return cached.result;
  const nodeByName = new Map(analysis.nodes.map((n) => [n.name, n]));
  const health = graphHealth(
    event.layers,
    (layer) => {
      const node = nodeByName.get(layer.name);
      return activationOf(layer.type, (node?.params ?? {}) as Record<string, unknown>);
    },
    (name) => {
      // The layer above: the first consumer in the graph; the event's order where the graph differs.
      const next = nodeByName.get(name)?.outputs[0];
      const nextName = next === undefined ? undefined : analysis.byId.get(next)?.name;
      if (nextName !== undefined) return nextName;
      const i = event.layers.findIndex((l) => l.name === name);
      return nodeByName.has(name) ? undefined : event.layers[i + 1]?.name;
    },
  );
  const total = event.layers.reduce((sum, l) => sum + l.forward_ms + l.backward_ms, 0);
  const result = new Map<string, NodeInsight>();
  for (const stats of event.layers) {
    const node = nodeByName.get(stats.name);
    const layerHealth = health.get(stats.name);
    if (node === undefined || layerHealth === undefined) continue;
    const ms = stats.forward_ms + stats.backward_ms;
    result.set(node.id, {
      stats,
      health: layerHealth,
      ms,
      share: total > 0 ? ms / total : 0,
      epoch: event.epoch,
      step: event.step,
    });
  }
  cache.set(event, { analysis, result });
  return result;
}
