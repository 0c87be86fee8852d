// The native params of the layers that have no home yet (transitional: each moves into its
// engine/layers/<layer>.ts as `formats.native`, and this file goes when the last one has). The keys are
// the contract the C++ ops read.
import type { PlanNode } from '../../engine';
import type { NativeParams } from '../../engine/layer-formats';

type Pair = readonly [number, number];

export function legacyNativeParams(node: PlanNode): NativeParams {
  const p = node.params;
  switch (node.type) {
    case 'Conv2D':
      return {
        activation: p.activation as string,
        use_bias: p.use_bias as boolean,
        kernel_size: p.kernel_size as Pair,
        strides: p.strides as Pair,
        padding: p.padding as string,
      };
    case 'MaxPooling2D':
    case 'AveragePooling2D':
      return {
        pool_size: p.pool_size as Pair,
        strides: (p.strides as Pair | null) ?? (p.pool_size as Pair),
        padding: p.padding as string,
      };
    case 'Dropout':
      return { rate: p.rate as number };
    case 'BatchNormalization':
      return {
        momentum: p.momentum as number,
        epsilon: p.epsilon as number,
        center: p.center as boolean,
        scale: p.scale as boolean,
      };
    case 'Activation':
      return { activation: p.activation as string };
    case 'Concatenate': {
      // As an index into the shape without the batch.
      const axis = p.axis as number;
      return { axis: axis < 0 ? (node.inputShapes[0]?.length ?? 0) + axis : axis - 1 };
    }
    default:
      return {};
  }
}
