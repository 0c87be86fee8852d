// Turns a valid graph into an execution plan: plain data (it crosses threads and processes) that the
// native core runs as is. Trainable weights come first in one flat buffer, so an optimizer can update
// all of them in a single loop; non-trainable ones (BatchNormalization's moving statistics, every weight
// of a frozen layer) follow.
import { analyzeGraph, passedThrough, type GraphAnalysis, type NodeAnalysis } from './analyze';
import type { ResolvedParams } from './define-layer';
import type { Graph } from './graph';
import type { Issue } from './issues';
import type { InitializerName } from './params';
import { shapeSize, type Shape } from './shape';

export const PLAN_VERSION = 1;

export interface PlanWeight {
  /** `<layer name>/<weight name>`, e.g. conv2d/kernel, as Keras names them. */
  readonly name: string;
  readonly shape: Shape;
  readonly trainable: boolean;
  readonly initializer: InitializerName;
  /** Fan-in and fan-out as Keras computes them for variance-scaling initializers. */
  readonly fanIn: number;
  readonly fanOut: number;
  /** Position in the plan's flat float32 parameter buffer, in elements. */
  readonly offset: number;
  readonly size: number;
}

export interface PlanNode {
  readonly index: number;
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly params: ResolvedParams;
  /** Indices of the input nodes in this plan, in edge order. */
  readonly inputs: readonly number[];
  readonly inputShapes: readonly Shape[];
  readonly outputShape: Shape;
  /** false when frozen (Keras `trainable = False`): its weights are all non-trainable, the core does not
   *  update them, and a frozen BatchNormalization normalises with its moving statistics. */
  readonly trainable: boolean;
  readonly weights: readonly PlanWeight[];
}

/** A plan node whose params are one layer type's own typed params (what a layer home's mappings get). */
export type LayerNode<P = ResolvedParams> = Omit<PlanNode, 'params'> & { readonly params: P };

export interface ExecutionPlan {
  readonly version: typeof PLAN_VERSION;
  /** Topological order: every node comes after its inputs. */
  readonly nodes: readonly PlanNode[];
  readonly inputIndex: number;
  readonly outputIndex: number;
  readonly inputShape: Shape;
  readonly outputShape: Shape;
  readonly trainableParams: number;
  readonly nonTrainableParams: number;
  readonly totalParams: number;
  /** Names of the bypassed layers left out: weights a file still holds for them are not an error. */
  readonly bypassed: readonly string[];
}

export type CompileResult =
  | { readonly ok: true; readonly plan: ExecutionPlan; readonly analysis: GraphAnalysis }
  | { readonly ok: false; readonly issues: readonly Issue[]; readonly analysis: GraphAnalysis };

export function compileGraph(graph: Graph): CompileResult {
  const analysis = analyzeGraph(graph);
  if (analysis.issues.length > 0) return { ok: false, issues: analysis.issues, analysis };
  return { ok: true, plan: buildPlan(analysis), analysis };
}

/** Keras' _compute_fans: the receptive field multiplies both fans for convolution kernels. */
export function computeFans(shape: Shape): { fanIn: number; fanOut: number } {
  if (shape.length === 0) return { fanIn: 1, fanOut: 1 };
  if (shape.length === 1) return { fanIn: shape[0] as number, fanOut: shape[0] as number };
  const receptive = shapeSize(shape.slice(0, -2));
  return { fanIn: (shape.at(-2) as number) * receptive, fanOut: (shape.at(-1) as number) * receptive };
}

/** Bypassed layers are left out: whoever read one reads what it passes through instead. */
function buildPlan(analysis: GraphAnalysis): ExecutionPlan {
  const ordered = analysis.order
    .map((id) => analysis.byId.get(id) as NodeAnalysis)
    .filter((n) => !n.bypassed);
  const planned = new Map(ordered.map((n, i) => [n.id, i]));
  const indexOf = new Map(analysis.order.map((id) => [id, planned.get(passedThrough(analysis, id))]));
  const trainableParams = ordered.reduce((sum, n) => sum + n.trainableParams, 0);
  const nonTrainableParams = ordered.reduce((sum, n) => sum + n.nonTrainableParams, 0);
  const cursor = { trainable: 0, nonTrainable: trainableParams };

  const nodes = ordered.map((n, index): PlanNode => {
    const weights = n.weights.map((w): PlanWeight => {
      const size = shapeSize(w.shape);
      const key = w.trainable ? 'trainable' : 'nonTrainable';
      const offset = cursor[key];
      cursor[key] += size;
      return {
        name: `${n.name}/${w.name}`,
        shape: w.shape,
        trainable: w.trainable,
        initializer: w.initializer,
        ...computeFans(w.shape),
        offset,
        size,
      };
    });
    return {
      index,
      id: n.id,
      name: n.name,
      type: n.type,
      params: n.params as ResolvedParams,
      inputs: n.inputs.map((id) => indexOf.get(id) as number),
      inputShapes: n.inputShapes as Shape[],
      outputShape: n.outputShape as Shape,
      trainable: n.trainable,
      weights,
    };
  });
  const inputIndex = indexOf.get(analysis.inputId as string) as number;
  const outputIndex = indexOf.get(analysis.outputId as string) as number;
  return {
    version: PLAN_VERSION,
    nodes,
    inputIndex,
    outputIndex,
    inputShape: nodes[inputIndex]?.outputShape as Shape,
    outputShape: nodes[outputIndex]?.outputShape as Shape,
    trainableParams,
    nonTrainableParams,
    totalParams: trainableParams + nonTrainableParams,
    bypassed: analysis.nodes.filter((n) => n.bypassed).map((n) => n.name),
  };
}
