// An independent implementation to check the native core against: builds the same model in
// @tensorflow/tfjs (pure-JS CPU backend) from an ExecutionPlan, with the same weights, and computes
// outputs and gradients there. Test-only.
import * as tf from '@tensorflow/tfjs';
import type { ExecutionPlan, PlanNode } from '../../engine';

type Weights = Record<string, Float32Array>;

function activationLayer(name: string, layerName: string): tf.layers.Layer | undefined {
  if (name === 'linear') return undefined;
  if (name === 'leaky_relu') return tf.layers.leakyReLU({ alpha: 0.2, name: layerName });
  return tf.layers.activation({ activation: name as never, name: layerName });
}

/** The tfjs layer for a plan node, with its activation split off where tfjs lacks it (leaky_relu). */
function layerFor(node: PlanNode): tf.layers.Layer[] {
  // The engine validated these params; tfjs takes them as its own option types.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const p = node.params as Record<string, any>;
  const name = node.name;
  const linearThen = (layer: tf.layers.Layer) => [
    layer,
    ...[activationLayer(p.activation, `${name}_act`)].filter((l) => l !== undefined),
  ];
  switch (node.type) {
    case 'Dense':
      return linearThen(tf.layers.dense({ units: p.units, useBias: p.use_bias, name }));
    case 'Conv2D':
      return linearThen(
        tf.layers.conv2d({
          filters: p.filters,
          kernelSize: p.kernel_size,
          strides: p.strides,
          padding: p.padding,
          useBias: p.use_bias,
          name,
        }),
      );
    case 'MaxPooling2D':
      return [
        tf.layers.maxPooling2d({
          poolSize: p.pool_size,
          strides: p.strides ?? p.pool_size,
          padding: p.padding,
          name,
        }),
      ];
    case 'AveragePooling2D':
      return [
        tf.layers.averagePooling2d({
          poolSize: p.pool_size,
          strides: p.strides ?? p.pool_size,
          padding: p.padding,
          name,
        }),
      ];
    case 'GlobalAveragePooling2D':
      return [tf.layers.globalAveragePooling2d({ name })];
    case 'GlobalMaxPooling2D':
      return [tf.layers.globalMaxPooling2d({ name })];
    case 'Flatten':
      return [tf.layers.flatten({ name })];
    case 'Reshape':
      return [tf.layers.reshape({ targetShape: p.target_shape, name })];
    case 'Dropout':
      return [tf.layers.dropout({ rate: p.rate, name })];
    case 'BatchNormalization':
      return [
        tf.layers.batchNormalization({
          momentum: p.momentum,
          epsilon: p.epsilon,
          center: p.center,
          scale: p.scale,
          name,
        }),
      ];
    case 'Activation':
      return [activationLayer(p.activation, name) ?? tf.layers.activation({ activation: 'linear', name })];
    case 'Add':
      return [tf.layers.add({ name })];
    case 'Concatenate':
      return [tf.layers.concatenate({ axis: p.axis, name })];
    default:
      throw new Error(`no tfjs reference for ${node.type}`);
  }
}

/** Builds the tfjs model and loads `weights` (named like the plan: layer/kernel). */
export function tfjsModel(plan: ExecutionPlan, weights: Weights): tf.LayersModel {
  const outputs: tf.SymbolicTensor[] = [];
  const layersByName = new Map<string, tf.layers.Layer>();
  let input: tf.SymbolicTensor | undefined;
  for (const node of plan.nodes) {
    if (node.type === 'InputLayer') {
      input = tf.input({ shape: [...node.outputShape], name: node.name });
      outputs.push(input);
      continue;
    }
    const inputs = node.inputs.map((i) => outputs[i] as tf.SymbolicTensor);
    let value: tf.SymbolicTensor = (inputs.length === 1 ? inputs[0] : inputs) as tf.SymbolicTensor;
    const layers = layerFor(node);
    layersByName.set(node.name, layers[0] as tf.layers.Layer);
    for (const layer of layers) value = layer.apply(value) as tf.SymbolicTensor;
    outputs.push(value);
  }
  const model = tf.model({
    inputs: input as tf.SymbolicTensor,
    outputs: outputs[plan.outputIndex] as tf.SymbolicTensor,
  });
  for (const node of plan.nodes) {
    if (node.weights.length === 0) continue;
    const layer = layersByName.get(node.name) as tf.layers.Layer;
    layer.setWeights(node.weights.map((w) => tf.tensor(weights[w.name] as Float32Array, [...w.shape])));
  }
  return model;
}
