// tfjs has no leaky_relu activation function: export writes Activation(leaky_relu) as a LeakyReLU layer
// and splits a layer with a leaky_relu activation into the linear layer and a LeakyReLU named
// `<layer>_leaky_relu`; import joins such pairs again, so the round trip gives back the same graph.
import { LEAKY_RELU_SLOPE } from './keras-aliases';

/** The tfjs layer for leaky_relu: a LeakyReLU with our slope (alpha: tfjs and Keras both read it). */
export const leakyReluLayerConfig = (name: string) => ({
  name,
  trainable: true,
  dtype: 'float32',
  alpha: LEAKY_RELU_SLOPE,
});

/** The name of the LeakyReLU split off `layer`, unused by any other layer (and then taken). */
export function splitLeakyReluName(layer: string, taken: Set<string>): string {
  const base = `${layer}_leaky_relu`;
  let name = base;
  for (let i = 1; taken.has(name); i++) name = `${base}_${i}`;
  taken.add(name);
  return name;
}

/** An imported layer as the fold sees it. */
export interface FoldableLayer {
  readonly call: { readonly className: string; readonly name: string };
  readonly node: { readonly type: string; readonly params: Record<string, unknown> };
  inputs: string[];
}

/**
 * Joins `<layer>_leaky_relu` LeakyReLU layers back into the linear layer (one with an activation param
 * set to linear: Dense, the convolutions) they alone follow;
 * layers are changed in place, the LeakyReLU ones dropped.
 */
export function foldLeakyRelu<T extends FoldableLayer>(layers: T[]): T[] {
  const byName = new Map(layers.map((l) => [l.call.name, l]));
  const uses = new Map<string, number>();
  for (const l of layers) for (const input of l.inputs) uses.set(input, (uses.get(input) ?? 0) + 1);
  const renamed = new Map<string, string>();
  const kept = layers.filter((l) => {
    const source = byName.get(l.inputs[0] ?? '');
    const suffix = source === undefined ? '' : l.call.name.slice(source.call.name.length);
    const folds =
      l.call.className === 'LeakyReLU' &&
      source !== undefined &&
      l.call.name.startsWith(source.call.name) &&
      /^_leaky_relu(_\d+)?$/.test(suffix) &&
      source.node.params.activation === 'linear' &&
      uses.get(source.call.name) === 1;
    if (folds) {
      source.node.params.activation = 'leaky_relu';
      renamed.set(l.call.name, source.call.name);
    }
    return !folds;
  });
  for (const l of kept) l.inputs = l.inputs.map((name) => renamed.get(name) ?? name);
  return kept;
}
