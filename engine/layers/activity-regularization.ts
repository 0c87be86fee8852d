// ActivityRegularization: the identity, plus l1 * sum|x| + l2 * sum x² of its input added to the loss,
// summed over the batch and not divided by its size, as Keras 3 adds it (in training and evaluation).
// It pushes activations towards zero (sparse with l1, small with l2).
// C++: worker-native/addon/ops/activity_regularization.cc.
import { defineLayer } from '../define-layer';
import { onnxIdentity } from '../formats/onnx/onnx-identity';
import { copy, defined } from '../formats/tfjs/keras-config';
import { pyNumber } from '../formats/python/python-literal';
import { float } from '../params';
import { singleInput } from './shape-rules';

export const ActivityRegularization = defineLayer({
  type: 'ActivityRegularization',
  category: 'Regularization',
  doc: 'Passes values through and adds their L1/L2 size to the loss, keeping activations small or sparse.',
  params: {
    l1: float(0, 'Factor of the sum of absolute values added to the loss.', 0, 1000),
    l2: float(0, 'Factor of the sum of squared values added to the loss.', 0, 1000),
  },
  inputs: { min: 1, max: 1 },
  outputShape: (inputs) => singleInput(inputs),
  formats: {
    keras: {
      className: 'ActivityRegularization',
      toKeras: (p) => ({ l1: p.l1, l2: p.l2 }),
      fromKeras: (c) => defined(copy(c, ['l1', 'l2'])),
    },
    kerasScript: { className: 'ActivityRegularization' },
    onnx: onnxIdentity,
    torch: {
      // The script's ActivityRegularization module (torch-runtime.ts) keeps its term, and the
      // training adds it to the batch loss.
      module: (node) =>
        `ActivityRegularization(l1=${pyNumber(node.params.l1)}, l2=${pyNumber(node.params.l2)})`,
      forward: (_node, [x = ''], self) => `${self}(${x})`,
    },
    native: (node) => ({ l1: node.params.l1, l2: node.params.l2 }),
  },
});
