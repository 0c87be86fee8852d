// The words after a layer type in quick add ("conv2d 64 relu", "dense 10 softmax", "maxpool 3x3",
// "dropout 0.25") as parameter values, read from the layer's own parameter specs: a whole number fills
// its first whole-number (or else pair, or else sides) parameter, "3x3" its first pair (or sides), a
// decimal its first decimal or factor parameter, and a word any choice that offers it. No layer is
// special-cased.
import type { AnyLayerDefinition } from './define-layer';

export interface QuickParams {
  readonly params: Record<string, unknown>;
  /** Words that fit no parameter of this layer (shown to the user, never guessed). */
  readonly unused: readonly string[];
}

export function quickParams(definition: AnyLayerDefinition, words: readonly string[]): QuickParams {
  const params: Record<string, unknown> = {};
  const unused: string[] = [];
  const specs = Object.entries(definition.params);
  const free = (
    kind: string,
    fits: (control: (typeof specs)[number][1]['control']) => boolean = () => true,
  ) => specs.find(([key, spec]) => spec.control.kind === kind && !(key in params) && fits(spec.control))?.[0];
  for (const word of words) {
    const lower = word.toLowerCase();
    const pair = /^(\d+)x(\d+)$/.exec(lower);
    let key: string | undefined;
    let value: unknown;
    if (pair) {
      key = free('pair') ?? free('sides');
      value = [Number(pair[1]), Number(pair[2])];
    } else if (/^\d+$/.test(lower)) {
      const n = Number(lower);
      key = free('int');
      value = n;
      if (key === undefined) {
        key = free('pair');
        value = [n, n];
      }
      if (key === undefined) {
        key = free('sides');
        value = n;
      }
    } else if (/^(\d*\.\d+|\d+e-?\d+)$/.test(lower)) {
      // The first free number parameter in the layer's order, plain or a factor (RandomRotation's 0.1).
      key = specs.find(
        ([k, { control: c }]) =>
          !(k in params) && (c.kind === 'float' || (c.kind === 'factor' && !c.pairOnly && !c.nullable)),
      )?.[0];
      value = Number(lower);
    } else {
      key = free('choice', (c) => c.kind === 'choice' && c.options.includes(lower));
      value = lower;
    }
    if (key === undefined) unused.push(word);
    else params[key] = value;
  }
  return { params, unused };
}

/** "conv 64 relu" → the type query "conv" and the parameter words ["64", "relu"]. */
export function splitQuickQuery(query: string): { typeQuery: string; words: string[] } {
  const [typeQuery = '', ...words] = query.trim().split(/\s+/);
  return { typeQuery, words };
}
