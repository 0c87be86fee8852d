// Floating-point work per sample for a plan: 2 FLOPs per multiply-add of the Dense and Conv2D layers
// (everything else is memory-bound and negligible). Training adds the weight gradient (same work as
// forward) and the input gradient (same again), except for layers fed by the input, whose input
// gradient is never computed.
import type { ExecutionPlan } from '../../engine';
import { shapeSize } from '../../engine';

export function flopsPerSample(plan: ExecutionPlan): { forward: number; training: number } {
  let forward = 0;
  let training = 0;
  for (const node of plan.nodes) {
    const kernel = node.weights.find((w) => w.name.endsWith('/kernel'));
    if (kernel === undefined) continue;
    const outputPositions = shapeSize(node.outputShape) / (node.outputShape.at(-1) as number);
    const flops = 2 * outputPositions * kernel.size;
    const fedByInput = node.inputs.every((i) => plan.nodes[i]?.type === 'InputLayer');
    forward += flops;
    training += flops * (fedByInput ? 2 : 3);
  }
  return { forward, training };
}
