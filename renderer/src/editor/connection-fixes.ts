// One-click fixes for a connection refused for a shape reason: a layer to insert between the source and
// the target. Candidates come from the shapes on both sides (Flatten or GlobalAveragePooling2D for an
// image, a Reshape to the shape the target can take or to rows as a sequence, a 1x1 Conv2D to match
// another input's channels); each is kept only if the graph with it inserted passes the same check as a
// hand-drawn edge.
import { analyzeGraph, type Graph, type Shape } from '../../../engine';

interface FixBase {
  readonly type: string;
  readonly params: Readonly<Record<string, unknown>>;
}

/** `kind` says how the notice words the button, with the values it names. */
export type ConnectionFix =
  | (FixBase & { readonly kind: 'layer' })
  | (FixBase & { readonly kind: 'reshape'; readonly params: { readonly target_shape: Shape } })
  | (FixBase & { readonly kind: 'conv1x1'; readonly params: { readonly filters: number } });

/** Id of the inserted layer while a candidate is tried. */
const PROBE = '__fix__';

type Check = (graph: Graph, source: string, target: string) => boolean;

export function connectionFixes(
  graph: Graph,
  source: string,
  target: string,
  accepts: Check,
): ConnectionFix[] {
  const analysis = analyzeGraph(graph);
  const from = analysis.byId.get(source)?.outputShape;
  if (from === undefined) return [];
  const others = (analysis.byId.get(target)?.inputs ?? [])
    .map((id) => analysis.byId.get(id)?.outputShape)
    .filter((s): s is Shape => s !== undefined);
  return candidates(from, others).filter((fix) => {
    const withProbe: Graph = {
      nodes: [...graph.nodes, { id: PROBE, type: fix.type, params: fix.params }],
      edges: graph.edges,
    };
    if (!accepts(withProbe, source, PROBE)) return false;
    return accepts({ ...withProbe, edges: [...withProbe.edges, { source, target: PROBE }] }, PROBE, target);
  });
}

function candidates(from: Shape, others: readonly Shape[]): ConnectionFix[] {
  const size = from.reduce((a, b) => a * b, 1);
  const fixes: ConnectionFix[] = [];
  if (from.length === 3) {
    fixes.push({ kind: 'layer', type: 'Flatten', params: {} });
    fixes.push({ kind: 'layer', type: 'GlobalAveragePooling2D', params: {} });
  }
  const reshapes = others.length > 0 ? others.map((s) => [...s]) : [imageOf(size)].filter((s) => s !== null);
  // A sequence for the 1-D layers: the image's rows as steps, (height, width × channels).
  const rows = from.length === 3 ? from : imageOf(size);
  if (others.length === 0 && rows) reshapes.push([rows[0] ?? 0, (rows[1] ?? 0) * (rows[2] ?? 0)]);
  for (const shape of reshapes)
    if (shape.length >= 1 && shape.length <= 3 && shape.reduce((a, b) => a * b, 1) === size)
      fixes.push({ kind: 'reshape', type: 'Reshape', params: { target_shape: shape } });
  const [height, width, channels] = others.find((s) => s.length === 3) ?? [];
  if (from.length === 3 && channels !== undefined && height === from[0] && width === from[1])
    fixes.push({ kind: 'conv1x1', type: 'Conv2D', params: { filters: channels, kernel_size: [1, 1] } });
  return fixes;
}

/** A square image with the fewest channels holding `size` values, e.g. 784 -> (28, 28, 1). */
function imageOf(size: number): number[] | null {
  for (let channels = 1; channels <= Math.min(size, 512); channels++) {
    if (size % channels !== 0) continue;
    const side = Math.round(Math.sqrt(size / channels));
    if (side > 1 && side * side * channels === size) return [side, side, channels];
  }
  return null;
}
