// A generated model file for canvas benchmarks: InputLayer then a chain of Dense layers, laid out in a
// snake of rows so the whole graph fits a fitted view.
import { writeFileSync } from 'node:fs';

export function chainModel(nodes: number, columns = 20) {
  const position = (i: number) => {
    const row = Math.floor(i / columns);
    const col = row % 2 === 0 ? i % columns : columns - 1 - (i % columns);
    return { x: col * 240, y: row * 140 };
  };
  const ids = Array.from({ length: nodes }, (_, i) => (i === 0 ? 'input' : `dense_${i}`));
  return {
    format: 'layerwise-model',
    version: 1,
    name: `chain_${nodes}`,
    graph: {
      nodes: ids.map((id, i) =>
        i === 0
          ? { id, type: 'InputLayer', params: { shape: [784] }, position: position(i) }
          : {
              id,
              type: 'Dense',
              params: { units: i === nodes - 1 ? 10 : 32, activation: 'relu' },
              position: position(i),
            },
      ),
      edges: ids.slice(1).map((id, i) => ({ source: ids[i] as string, target: id })),
    },
  };
}

export function writeChainModel(path: string, nodes: number): void {
  writeFileSync(path, JSON.stringify(chainModel(nodes), null, 2));
}
