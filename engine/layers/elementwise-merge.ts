// Multiply, Subtract, Average, Maximum and Minimum: the merge layers that combine same-shaped inputs value
// by value. One factory, because they differ only in the operation: each home below names its ONNX op and
// PyTorch expression; the C++ side is worker-native/addon/ops/elementwise_merge.cc.
import { defineLayer } from '../define-layer';
import { LayerShapeError } from '../issues';
import type { OnnxValue } from '../formats/onnx/onnx-context';
import { sameLayoutInputs } from '../formats/onnx/onnx-layers';
import { formatDims, sameShape, type Shape } from '../shape';

interface ElementwiseSpec<T extends string> {
  readonly type: T;
  readonly doc: string;
  /** Subtract takes exactly two inputs, the others two or more (as in Keras). */
  readonly maxInputs: number;
  /** The ONNX op on all inputs at once (variadic) or folded pairwise (binary). */
  readonly onnx: { readonly op: string; readonly variadic: boolean };
  /** The PyTorch expression of the input expressions. */
  torch(inputs: readonly string[]): string;
}

/** Like Keras' merge layers: every input has the first one's shape. */
function sameShapeOutput(inputs: readonly Shape[]): Shape {
  const [first] = inputs;
  if (first === undefined || !inputs.every((s) => sameShape(s, first))) {
    const shapes = inputs.map(formatDims).join(', ');
    throw new LayerShapeError('E_SHAPE_MISMATCH', 'shape.addMismatch', { shapes });
  }
  return first;
}

/** `f(f(a, b), c)`: Keras folds Maximum and Minimum pairwise, in input order, the same way. */
const fold = (fn: string, inputs: readonly string[]) =>
  inputs.slice(1).reduce((acc, x) => `${fn}(${acc}, ${x})`, inputs[0] ?? 'None');

function elementwise<const T extends string>(spec: ElementwiseSpec<T>) {
  return defineLayer({
    type: spec.type,
    category: 'Merge',
    doc: spec.doc,
    params: {},
    inputs: { min: 2, max: spec.maxInputs },
    outputShape: (inputs) => sameShapeOutput(inputs),
    formats: {
      keras: { className: spec.type, toKeras: () => ({}), fromKeras: () => ({}) },
      kerasScript: { className: spec.type },
      onnx: (ctx, node) => {
        const inputs = sameLayoutInputs(ctx, node);
        const names = inputs.map((v) => v.name);
        const first = inputs[0] as OnnxValue;
        if (spec.onnx.variadic) return { ...first, name: ctx.op(spec.onnx.op, names, node.name) };
        // Binary ops (Mul, Sub): a chain whose last node carries the layer's name.
        let acc = names[0] as string;
        names.slice(1).forEach((x, i) => {
          const last = i === names.length - 2;
          acc = ctx.op(spec.onnx.op, [acc, x], last ? node.name : `${node.name}/${spec.onnx.op}`);
        });
        return { ...first, name: acc };
      },
      torch: { forward: (_node, inputs) => spec.torch(inputs) },
      native: () => ({}),
    },
  });
}

const MANY = Number.POSITIVE_INFINITY;

export const Multiply = elementwise({
  type: 'Multiply',
  doc: 'Multiplies its inputs element by element; they must have the same shape (e.g. gating).',
  maxInputs: MANY,
  onnx: { op: 'Mul', variadic: false },
  torch: (inputs) => inputs.join(' * '),
});

export const Subtract = elementwise({
  type: 'Subtract',
  doc: 'Subtracts its second input from its first, element by element; both must have the same shape.',
  maxInputs: 2,
  onnx: { op: 'Sub', variadic: false },
  torch: (inputs) => inputs.join(' - '),
});

export const Average = elementwise({
  type: 'Average',
  doc: 'Averages its inputs element by element; they must have the same shape (e.g. ensembles).',
  maxInputs: MANY,
  onnx: { op: 'Mean', variadic: true },
  torch: (inputs) => `(${inputs.join(' + ')}) / ${inputs.length}`,
});

export const Maximum = elementwise({
  type: 'Maximum',
  doc: 'Keeps the largest of its inputs at each position; they must have the same shape.',
  maxInputs: MANY,
  onnx: { op: 'Max', variadic: true },
  torch: (inputs) => fold('torch.maximum', inputs),
});

export const Minimum = elementwise({
  type: 'Minimum',
  doc: 'Keeps the smallest of its inputs at each position; they must have the same shape.',
  maxInputs: MANY,
  onnx: { op: 'Min', variadic: true },
  torch: (inputs) => fold('torch.minimum', inputs),
});
