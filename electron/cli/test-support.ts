// For the CLI's tests: the MNIST MLP template with deterministic, non-zero weights.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileGraph, parseModelFile, type ModelFile } from '../../engine';
import { encodeWeights } from '../../engine/formats/weights';

const root = new URL('../../', import.meta.url).pathname;

/** Every weight value is sin(i + size) * scale, i its index in its tensor. */
export function mlpWithWeights(scale = 1): ModelFile {
  const parsed = parseModelFile(readFileSync(join(root, 'assets/templates/mnist-mlp.json'), 'utf8'));
  if (!parsed.ok) throw new Error('template');
  const compiled = compileGraph(parsed.model.graph);
  if (!compiled.ok) throw new Error('compile');
  const values = new Map(
    compiled.plan.nodes.flatMap((n) =>
      n.weights.map((w) => [
        w.name,
        Float32Array.from({ length: w.size }, (_, i) => Math.sin(i + w.size) * scale),
      ]),
    ),
  );
  return { ...parsed.model, weights: encodeWeights(compiled.plan, values) };
}
