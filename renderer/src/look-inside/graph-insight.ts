// Joins a run's latest layer statistics to the canvas's nodes (by layer name): each node's health from
// the engine's rules (engine/training/layer-health.ts) and its share of the training time. Cached per
// statistics event, analysis and failure, so every node reads the same map. The layer where a failed run
// diverged is a problem whatever its last sampled statistics said.
import type { GraphAnalysis } from '../../../engine/analyze';
import type { DivergenceOrigin, LayerStatistics, LayerStatsEvent } from '../../../engine/api/events';
import {
  activationOf,
  graphHealth,
  withDivergence,
  type LayerHealth,
} from '../../../engine/training/layer-health';

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
  {
    analysis: GraphAnalysis;
    origin: DivergenceOrigin | undefined;
    result: ReadonlyMap<string, NodeInsight>;
  }
>();

/** Insight per node id, for the nodes whose layer name appears in the event. */
export function graphInsight(
  event: LayerStatsEvent,
  analysis: GraphAnalysis,
  origin?: DivergenceOrigin,
): ReadonlyMap<string, NodeInsight> {
  const cached = cache.get(event);
  if (cached?.analysis === analysis && cached.origin === origin) return cached.result;
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
    const sampled = health.get(stats.name);
    if (node === undefined || sampled === undefined) continue;
    const layerHealth = origin?.layer === stats.name ? withDivergence(sampled, origin) : sampled;
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
  cache.set(event, { analysis, origin, result });
  return result;
}
