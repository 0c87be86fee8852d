// What the per-layer mappings build with: the growing ONNX graph (nodes, initializers, unique names) and
// the layout of every layer's output. Values stay channels-last like Keras unless a layer needs channels
// first (Conv, pooling, BatchNormalization); the transposes between the two are made once and shared.
import type { ExecutionPlan, LayerNode, PlanNode } from '../../compile';
import type { NamedTensor } from '../weights';
import type { OnnxAttribute, OnnxNode, OnnxTensor } from './onnx-proto';

/** channels_last: Keras order (N, H, W, C); channels_first: channels at axis 1 (N, C, H, W). */
export type Layout = 'channels_last' | 'channels_first';

export interface OnnxValue {
  readonly name: string;
  readonly layout: Layout;
  /** Dimensions including the batch. */
  readonly rank: number;
}

/** One layer type's mapping: adds its ops and returns its output. */
export type LayerMapping<P = PlanNode['params']> = (ctx: OnnxContext, node: LayerNode<P>) => OnnxValue;

export const INPUT_NAME = 'input';
export const OUTPUT_NAME = 'probabilities';

/** ONNX axis j of a channels_first value holds Keras axis permutation[j]. */
export const channelsFirstOrder = (rank: number): number[] =>
  rank <= 2 ? [...Array(rank).keys()] : [0, rank - 1, ...Array.from({ length: rank - 2 }, (_, i) => i + 1)];

export class OnnxContext {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxTensor[] = [];
  private readonly used = new Set([INPUT_NAME, OUTPUT_NAME]);
  private readonly outputs = new Map<number, OnnxValue>();
  private readonly converted = new Map<string, string>();

  constructor(
    readonly plan: ExecutionPlan,
    private readonly weights: ReadonlyMap<string, NamedTensor>,
  ) {}

  /** `base`, or `base_1`, `base_2`, ... when taken: layer names become tensor names Netron shows. */
  freshName(base: string): string {
    let name = base;
    for (let i = 1; this.used.has(name); i++) name = `${base}_${i}`;
    this.used.add(name);
    return name;
  }

  /** Adds a node with one output and returns that output's name. */
  op(
    opType: string,
    inputs: readonly string[],
    outputName: string,
    attributes?: Readonly<Record<string, OnnxAttribute>>,
  ): string {
    const output = this.freshName(outputName);
    this.nodes.push({
      opType,
      name: output,
      inputs,
      outputs: [output],
      ...(attributes ? { attributes } : {}),
    });
    return output;
  }

  /** The decoded weight `<layer>/<weight>` (exportOnnx has checked that every one is present). */
  weight(node: PlanNode, weightName: string): Float32Array {
    const tensor = this.weights.get(`${node.name}/${weightName}`);
    if (tensor === undefined) throw new Error(`weight ${node.name}/${weightName} was not decoded`);
    return tensor.values;
  }

  constant(name: string, dims: readonly number[], float32: Float32Array): string {
    const unique = this.freshName(name);
    this.initializers.push({ name: unique, dims, float32 });
    return unique;
  }

  int64Constant(name: string, values: readonly number[]): string {
    const unique = this.freshName(name);
    this.initializers.push({ name: unique, dims: [values.length], int64: values });
    return unique;
  }

  setOutput(node: PlanNode, value: OnnxValue): void {
    this.outputs.set(node.index, value);
  }

  outputOf(node: PlanNode): OnnxValue {
    const value = this.outputs.get(node.index);
    if (value === undefined) throw new Error(`${node.name} has not been mapped yet`);
    return value;
  }

  /** The node's `i`-th input as produced, in whatever layout it has. */
  input(node: PlanNode, i = 0): OnnxValue {
    return this.outputOf(this.plan.nodes[node.inputs[i] as number] as PlanNode);
  }

  /** A value in the wanted layout, transposing (once per value and layout) when it differs. */
  inLayout(value: OnnxValue, layout: Layout): OnnxValue {
    if (value.layout === layout || value.rank <= 2) return { ...value, layout };
    const key = `${value.name}\u0000${layout}`;
    let name = this.converted.get(key);
    if (name === undefined) {
      const toFirst = channelsFirstOrder(value.rank);
      const perm = layout === 'channels_first' ? toFirst : toFirst.map((_, k) => toFirst.indexOf(k));
      const suffix = layout === 'channels_first' ? 'to_channels_first' : 'to_channels_last';
      name = this.op('Transpose', [value.name], `${value.name}/${suffix}`, { perm: { ints: perm } });
      this.converted.set(key, name);
    }
    return { name, layout, rank: value.rank };
  }

  /** Shorthand: the node's `i`-th input in the wanted layout. */
  inputIn(node: PlanNode, layout: Layout, i = 0): OnnxValue {
    return this.inLayout(this.input(node, i), layout);
  }
}
