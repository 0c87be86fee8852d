// Converts a compiled ExecutionPlan into the flat record per node that the C++ core reads once at model
// creation: every layer described by the same fields, params resolved (pool strides, concat axis),
// and weight slots as offsets into the flat parameter buffer.
import { getLayer, type ExecutionPlan, type PlanNode } from '../../engine';
import type { NativeParams } from '../../engine/layer-formats';
import type { TrainingConfig } from '../../engine/training-config';
import { legacyNativeParams } from './native-params-legacy';

export interface NativeNodeSpec {
  op: string;
  /** The node's name, for error messages. */
  name: string;
  activation: string;
  inputs: number[];
  inputShapes: number[][];
  outputShape: number[];
  /** Window (kernel or pool) and strides as [height, width]; [1, 1] where unused. */
  window: [number, number];
  strides: [number, number];
  samePadding: boolean;
  useBias: boolean;
  /** Dropout rate, or BatchNormalization momentum/epsilon; 0 where unused. */
  rate: number;
  momentum: number;
  epsilon: number;
  center: boolean;
  scale: boolean;
  /** Concatenate axis as an index into the shape without the batch. */
  axis: number;
  /** The params the layer's C++ op reads, from its home's `formats.native` (the only source once every
   *  layer has a home; the fixed fields above go then). */
  params: NativeParams;
  weights: {
    name: string;
    offset: number;
    size: number;
    shape: number[];
    trainable: boolean;
    initializer: string;
    fanIn: number;
    fanOut: number;
  }[];
}

export interface NativeModelSpec {
  nodes: NativeNodeSpec[];
  inputIndex: number;
  outputIndex: number;
  trainableParams: number;
  totalParams: number;
  config: TrainingConfig;
  threads: number;
}

const pair = (value: unknown, fallback: [number, number]): [number, number] =>
  Array.isArray(value) && value.length === 2 ? [Number(value[0]), Number(value[1])] : fallback;

function nodeSpec(node: PlanNode): NativeNodeSpec {
  const p = node.params as Record<string, unknown>;
  const window = pair(p.kernel_size ?? p.pool_size, [1, 1]);
  const rank = node.inputShapes[0]?.length ?? 0;
  const axis = typeof p.axis === 'number' ? (p.axis < 0 ? rank + p.axis : p.axis - 1) : 0;
  return {
    op: node.type,
    name: node.name,
    activation: typeof p.activation === 'string' ? p.activation : 'linear',
    inputs: [...node.inputs],
    inputShapes: node.inputShapes.map((s) => [...s]),
    outputShape: [...node.outputShape],
    window,
    strides: pair(p.strides, window),
    samePadding: p.padding === 'same',
    useBias: p.use_bias === true,
    rate: typeof p.rate === 'number' ? p.rate : 0,
    momentum: typeof p.momentum === 'number' ? p.momentum : 0,
    epsilon: typeof p.epsilon === 'number' ? p.epsilon : 0,
    center: p.center === true,
    scale: p.scale === true,
    axis,
    params: getLayer(node.type)?.formats?.native(node) ?? legacyNativeParams(node),
    weights: node.weights.map((w) => ({
      name: w.name,
      offset: w.offset,
      size: w.size,
      shape: [...w.shape],
      trainable: w.trainable,
      initializer: w.initializer,
      fanIn: w.fanIn,
      fanOut: w.fanOut,
    })),
  };
}

export function nativeModelSpec(
  plan: ExecutionPlan,
  config: TrainingConfig,
  threads: number,
): NativeModelSpec {
  return {
    nodes: plan.nodes.map(nodeSpec),
    inputIndex: plan.inputIndex,
    outputIndex: plan.outputIndex,
    trainableParams: plan.trainableParams,
    totalParams: plan.totalParams,
    config,
    threads,
  };
}
