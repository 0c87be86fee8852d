// "Continue training" after an edit: which layers of the new plan can keep earlier weights. Weights are
// keyed `<layer name>/<weight name>` (Keras), so a layer is matched by name; it keeps its weights only
// when every one of them is there with the same shape, otherwise the whole layer starts afresh (a
// partly loaded layer would mix trained and random values). Settings that are not weights (a Dense's
// activation, a Dropout's rate) do not matter: such a layer keeps its weights.
import type { ExecutionPlan } from '../compile';
import { formatDims, sameShape, type Shape } from '../shape';

/** Why a layer is initialised afresh. */
export type InitialiseReason =
  /** No earlier weight carries this layer's name: a new layer, or one the user renamed. */
  | { readonly kind: 'new' }
  /** Some weights are there under this name, but not this one (the layer's type changed). */
  | { readonly kind: 'missing'; readonly weight: string }
  /** This weight's shape changed (units, filters, kernel size, input size...). */
  | { readonly kind: 'shape'; readonly weight: string; readonly from: Shape; readonly to: Shape };

export type LayerMatch =
  | { readonly layer: string; readonly nodeId: string; readonly kept: true }
  | {
      readonly layer: string;
      readonly nodeId: string;
      readonly kept: false;
      readonly reason: InitialiseReason;
    };

export interface WeightMatch<T> {
  /** Every layer of the plan that has weights, in plan order. */
  readonly layers: readonly LayerMatch[];
  readonly kept: readonly string[];
  readonly initialised: readonly string[];
  /** Layers of the earlier weights that the plan no longer has (removed or renamed); their weights go. */
  readonly dropped: readonly string[];
  /** The earlier tensors of the kept layers, by weight name: what to load. */
  readonly tensors: ReadonlyMap<string, T>;
}

/** The layer a weight belongs to: `dense_1/kernel` -> `dense_1`. */
export function layerOfWeight(name: string): string {
  const slash = name.lastIndexOf('/');
  return slash < 0 ? name : name.slice(0, slash);
}

/** Matches earlier weights (name -> tensor with a shape) against a plan, layer by layer. */
export function matchWeights<T extends { readonly shape: Shape }>(
  plan: ExecutionPlan,
  earlier: ReadonlyMap<string, T>,
): WeightMatch<T> {
  const earlierLayers = new Set([...earlier.keys()].map(layerOfWeight));
  const layers: LayerMatch[] = [];
  const tensors = new Map<string, T>();
  for (const node of plan.nodes) {
    if (node.weights.length === 0) continue;
    const where = { layer: node.name, nodeId: node.id };
    const reason = earlierLayers.has(node.name) ? mismatch(node.weights, earlier) : { kind: 'new' as const };
    if (reason !== undefined) {
      layers.push({ ...where, kept: false, reason });
      continue;
    }
    layers.push({ ...where, kept: true });
    for (const w of node.weights) tensors.set(w.name, earlier.get(w.name) as T);
  }
  const planLayers = new Set(plan.nodes.map((n) => n.name));
  return {
    layers,
    kept: layers.filter((l) => l.kept).map((l) => l.layer),
    initialised: layers.filter((l) => !l.kept).map((l) => l.layer),
    dropped: [...earlierLayers].filter((name) => !planLayers.has(name)),
    tensors,
  };
}

function mismatch(
  weights: readonly { readonly name: string; readonly shape: Shape }[],
  earlier: ReadonlyMap<string, { readonly shape: Shape }>,
): InitialiseReason | undefined {
  for (const w of weights) {
    const found = earlier.get(w.name);
    const weight = w.name.slice(w.name.lastIndexOf('/') + 1);
    if (found === undefined) return { kind: 'missing', weight };
    if (!sameShape(found.shape, w.shape)) return { kind: 'shape', weight, from: found.shape, to: w.shape };
  }
  return undefined;
}

/** The reason in English words (the CLI; the app words it through i18n). */
export function describeReason(reason: InitialiseReason): string {
  if (reason.kind === 'new') return 'new or renamed layer';
  if (reason.kind === 'missing') return `layer type changed: no earlier '${reason.weight}'`;
  return `${reason.weight} changed: ${formatDims(reason.from)} → ${formatDims(reason.to)}`;
}
