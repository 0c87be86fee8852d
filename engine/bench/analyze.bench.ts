// Shape inference at editor scale: the editor reruns analyzeGraph on every edit, so 300 nodes must take
// well under a frame. "cold" gives every node new params (nothing cached); "one edit" changes one
// node's params, as a keystroke in the inspector does.
import { analyzeGraph } from '../analyze';
import { resnetGraph, withFreshParams } from './resnet-graph';

export interface BenchRow {
  readonly case: string;
  readonly median_ms: number;
  readonly p95_ms: number;
}

function time(
  label: string,
  runs: number,
  make: (i: number) => Parameters<typeof analyzeGraph>[0],
): BenchRow {
  const samples: number[] = [];
  for (let i = 0; i < runs + 20; i++) {
    const graph = make(i);
    const started = performance.now();
    const analysis = analyzeGraph(graph);
    const elapsed = performance.now() - started;
    if (analysis.issues.length > 0)
      throw new Error(`benchmark graph is invalid: ${analysis.issues[0]?.message}`);
    if (i >= 20) samples.push(elapsed); // the first runs warm up the JIT
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) =>
    Number((samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0).toFixed(3));
  return { case: label, median_ms: at(0.5), p95_ms: at(0.95) };
}

export function benchAnalyze(): BenchRow[] {
  const graph = resnetGraph(300);
  const nodes = graph.nodes.length;
  return [
    time(`analyzeGraph, ${nodes} nodes, cold (all params new)`, 200, () => withFreshParams(graph)),
    time(`analyzeGraph, ${nodes} nodes, one edit`, 500, (i) => ({
      nodes: graph.nodes.map((n) =>
        n.id === 'b3c1' ? { ...n, params: { filters: 16 + (i % 8), kernel_size: 3, padding: 'same' } } : n,
      ),
      edges: graph.edges,
    })),
  ];
}
