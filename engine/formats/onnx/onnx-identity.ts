// The ONNX mapping of layers that only act while training (dropout, noise, activity regularization):
// at inference they pass their input through; an Identity keeps the layer visible in Netron.
import type { LayerMapping } from './onnx-context';

export const onnxIdentity: LayerMapping = (ctx, node) => {
  const x = ctx.input(node);
  return { ...x, name: ctx.op('Identity', [x.name], node.name) };
};
