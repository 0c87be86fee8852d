// The API's method names as a plain list, for code that must stay tiny (the sandboxed preload) and so
// cannot pull in the zod schemas of contract.ts. The compiler checks the list against the contract,
// and a unit test against methodParams at run time.
import type { MethodName } from './contract';

export const methodNames = [
  'app.info',
  'datasets.list',
  'datasets.images',
  'training.start',
  'training.pause',
  'training.resume',
  'training.stop',
  'training.status',
  'training.list',
  'training.adjust',
  'training.predict',
  'training.weights',
  'training.release',
  'inference.load',
  'inference.predict',
  'inference.release',
  'inference.activations',
] as const satisfies readonly MethodName[];

// Fails to compile when contract.ts gains a method this list lacks.
type Missing = Exclude<MethodName, (typeof methodNames)[number]>;
const _complete: [Missing] extends [never] ? true : Missing = true;

const known: ReadonlySet<string> = new Set(methodNames);

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && known.has(name);
}
