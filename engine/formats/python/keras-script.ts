// The Keras 3 model of a compiled plan, written with the functional API in topological order (branches,
// Add and Concatenate included), and the list of each layer's weights in Keras' get_weights() order.
import type { ExecutionPlan } from '../../compile';
import { formatDims } from '../../shape';
import { kerasLayerCall } from './keras-script-layers';
import { pyIdentifier, pyLiteral } from './python-literal';

export function kerasModelFunction(plan: ExecutionPlan, modelName: string): string {
  const locals = new Set(['model', 'regularizer']);
  const names: string[] = [];
  const lines: string[] = [];
  for (const node of plan.nodes) {
    const local = pyIdentifier(node.name, locals);
    names[node.index] = local;
    const inputs = node.inputs.map((i) => names[i] ?? 'None');
    const call = kerasLayerCall(node);
    const applied =
      node.type === 'InputLayer'
        ? call
        : inputs.length > 1
          ? `${call}([${inputs.join(', ')}])`
          : `${call}(${inputs[0]})`;
    lines.push(`    ${local} = ${applied}  # -> ${formatDims(node.outputShape)}`);
  }
  const output = names[plan.outputIndex] ?? 'None';
  const input = names[plan.inputIndex] ?? 'None';
  const layerWeights = plan.nodes
    .filter((n) => n.weights.length > 0)
    .map(
      (n) =>
        `    (${pyLiteral(n.name)}, ${pyLiteral(
          n.weights.map((w) => w.name),
          true,
        )}),`,
    );
  return [
    "# Each layer's weights by our name, in the order of Keras' get_weights() / set_weights().",
    `LAYER_WEIGHTS = [\n${layerWeights.join('\n')}\n]`,
    '',
    '',
    'def build_model():',
    '    """The Layerwise graph as a Keras functional model; Dense and Conv2D kernels take TRAINING[\'l2\']."""',
    "    regularizer = keras.regularizers.L2(TRAINING['l2']) if TRAINING['l2'] else None",
    ...lines,
    `    return keras.Model(${input}, ${output}, name=${pyLiteral(modelName.replace(/[^\w.-]/g, '_') || 'model')})`,
  ].join('\n');
}
