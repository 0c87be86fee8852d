// Converts a compiled ExecutionPlan into the plain record per node that the C++ core reads once at model
// creation: the layer type, its wiring and shapes, the params its C++ op reads (from the layer home's
// `formats.native`), and weight slots as offsets into the flat parameter buffer. Nothing here knows a
// layer type: what a layer needs is its home's business on both sides.
import { getLayer, type ExecutionPlan, type PlanNode } from '../../engine';
import type { NativeParams } from '../../engine/layer-formats';
import type { TrainingConfig } from '../../engine/training-config';

export interface NativeNodeSpec {
  /** The layer type (Keras class name): the key of its op in addon/op_table.cc. */
  op: string;
  /** The node's name, for error messages. */
  name: string;
  inputs: number[];
  inputShapes: number[][];
  outputShape: number[];
  /** false when frozen: its weights are non-trainable slots, and BatchNormalization uses its moving
   *  statistics while training. */
  trainable: boolean;
  /** The params the layer's C++ op reads (worker-native/addon/ops/<layer>.cc). */
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

function nodeSpec(node: PlanNode): NativeNodeSpec {
  return {
    op: node.type,
    name: node.name,
    inputs: [...node.inputs],
    inputShapes: node.inputShapes.map((s) => [...s]),
    outputShape: [...node.outputShape],
    trainable: node.trainable,
    params: getLayer(node.type)?.formats.native(node) ?? {},
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
