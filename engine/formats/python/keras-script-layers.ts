// Every layer type as a Keras 3 functional-API call. Our params are Keras config keys with Keras
// defaults, so a layer is its class with the params that differ from the default; the table says which
// go first (positionally) and which layers take the L2 kernel regularizer.
import type { PlanNode } from '../../compile';
import { getLayer } from '../../registry';
import { KERAS_SCRIPT_LAYERS } from '../layer-tables';
import { pyLiteral, pyNumber } from './python-literal';

export interface KerasScriptLayer {
  /** The class in `keras.layers`. */
  readonly className: string;
  /** Params written positionally, in this order, whatever their value. */
  readonly positional?: readonly string[];
  /** Takes kernel_regularizer (our training's l2 applies to it). */
  readonly regularized?: boolean;
  /** Params Keras does not take (resolved for our own use). */
  readonly skip?: readonly string[];
}

const PAIR_PARAMS = new Set(['kernel_size', 'strides', 'pool_size', 'target_shape', 'shape']);

function pyParam(key: string, value: unknown): string {
  return pyLiteral(value, PAIR_PARAMS.has(key));
}

/** The training settings' L2 on every kernel, plus the layer's own kernel_regularizer when it has one. */
function kernelRegularizer(own: unknown): string {
  if (typeof own !== 'object' || own === null) return 'regularizer';
  const { l1 = 0, l2 = 0 } = own as { l1?: number; l2?: number };
  return `keras.regularizers.L1L2(l1=${pyNumber(l1)}, l2=${pyNumber(l2)} + TRAINING['l2'])`;
}

/** `layers.Conv2D(32, (3, 3), activation="relu", ..., name="conv2d")`, or keras.Input for the input. */
export function kerasLayerCall(node: PlanNode): string {
  const entry = KERAS_SCRIPT_LAYERS[node.type];
  if (entry === undefined) throw new Error(`no Keras mapping for layer type ${node.type}`);
  const name = `name=${pyLiteral(node.name)}`;
  if (entry.className === 'Input')
    return `keras.Input(shape=${pyParam('shape', node.params.shape)}, ${name})`;
  const defaults = getLayer(node.type)?.params ?? {};
  const positional = entry.positional ?? [];
  const args = positional.map((key) => pyParam(key, node.params[key]));
  for (const [key, value] of Object.entries(node.params)) {
    if (positional.includes(key) || entry.skip?.includes(key) || key === 'kernel_regularizer') continue;
    const def = defaults[key]?.default;
    if (JSON.stringify(value) !== JSON.stringify(def)) args.push(`${key}=${pyParam(key, value)}`);
  }
  if (entry.regularized) args.push(`kernel_regularizer=${kernelRegularizer(node.params.kernel_regularizer)}`);
  if (!node.trainable) args.push('trainable=False');
  return `layers.${entry.className}(${[...args, name].join(', ')})`;
}
