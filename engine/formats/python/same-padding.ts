// TensorFlow's 'same' padding as PyTorch needs it: the cells to add on each side, asymmetric when the
// total is odd (TF puts the extra one after), so a layer can pad in its module or with F.pad.
import type { PlanNode } from '../../compile';
import type { Pair } from '../../params';
import type { Shape } from '../../shape';

/** TF 'same' padding for F.pad: (left, right, top, bottom); the extra cell goes after, as in TF. */
export function samePadding(shape: Shape, window: Pair, strides: Pair): [number, number, number, number] {
  const along = (size: number, k: number, s: number): [number, number] => {
    const total = Math.max((Math.ceil(size / s) - 1) * s + k - size, 0);
    return [Math.floor(total / 2), total - Math.floor(total / 2)];
  };
  const [top, bottom] = along(shape[0] ?? 0, window[0], strides[0]);
  const [left, right] = along(shape[1] ?? 0, window[1], strides[1]);
  return [left, right, top, bottom];
}

/** Padding of a windowed layer: none, symmetric (the module pads) or asymmetric (F.pad in forward). */
export function windowPadding(node: PlanNode, window: Pair, strides: Pair) {
  const pads: [number, number, number, number] =
    node.params.padding === 'same' ? samePadding(node.inputShapes[0] ?? [], window, strides) : [0, 0, 0, 0];
  const [left, right, top, bottom] = pads;
  return { pads, any: pads.some((p) => p > 0), symmetric: left === right && top === bottom };
}
