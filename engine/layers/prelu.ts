// PReLU: a leaky ReLU whose slopes are learned, f(x) = x for x >= 0, else alpha · x. Keras 3 gives alpha
// the sample's shape, with 1 on each of shared_axes (batch = axis 0), so the slope is shared there:
// shared_axes [1, 2] on an image learns one slope per channel.
import { defineLayer } from '../define-layer';
import { channelsFirstOrder } from '../formats/onnx/onnx-context';
import {
  describeValue,
  field,
  initializerFromKeras,
  initializerToKeras,
  UnsupportedConfig,
} from '../formats/tfjs/keras-config';
import { input, isImage } from '../formats/python/torch-layers';
import { LayerShapeError } from '../issues';
import { initializer, optionalAxes } from '../params';
import { formatDims, type Shape } from '../shape';
import { singleInput } from './shape-rules';

/** alpha's shape: the sample's, with 1 on the shared axes. */
export function alphaShape(shape: Shape, sharedAxes: readonly number[] | null): number[] {
  return shape.map((d, i) => (sharedAxes?.includes(i + 1) ? 1 : d));
}

/** `values` laid out for `dims` (Keras order) transposed so the last axis comes first (channels first). */
function lastAxisFirst(values: Float32Array, dims: readonly number[]): Float32Array {
  const last = dims.at(-1) ?? 1;
  const rest = values.length / last;
  return Float32Array.from({ length: values.length }, (_, i) => {
    const [c, r] = [Math.floor(i / rest), i % rest];
    return values[r * last + c] as number;
  });
}

export const PReLU = defineLayer({
  type: 'PReLU',
  category: 'Activation',
  doc: 'Leaky ReLU with learned slopes: one per value, or shared along the axes you list.',
  params: {
    alpha_initializer: initializer('zeros', 'How the slopes are initialised (zeros: starts as a ReLU).'),
    shared_axes: optionalAxes('Axes that share one slope, e.g. [1, 2] for one per channel of an image.', 4),
  },
  inputs: { min: 1, max: 1 },
  outputShape: (inputs, p) => {
    const shape = singleInput(inputs);
    if (p.shared_axes?.some((a) => a > shape.length))
      throw new LayerShapeError(
        'E_RANK',
        'shape.sharedAxes',
        { axes: describeValue(p.shared_axes), rank: shape.length, shape: formatDims(shape) },
        'shared_axes',
      );
    return shape;
  },
  weights: (inputs, p) => [
    {
      name: 'alpha',
      shape: alphaShape(singleInput(inputs), p.shared_axes),
      trainable: true,
      initializer: p.alpha_initializer,
    },
  ],
  formats: {
    keras: {
      className: 'PReLU',
      toKeras: (p) => ({
        alpha_initializer: initializerToKeras(p.alpha_initializer),
        alpha_regularizer: null,
        alpha_constraint: null,
        shared_axes: p.shared_axes,
      }),
      fromKeras: (c) => {
        const shared = field(c, 'shared_axes') ?? undefined;
        if (shared !== undefined && typeof shared !== 'number' && !Array.isArray(shared))
          throw new UnsupportedConfig(
            'shared_axes',
            `shared_axes ${describeValue(shared)} is not a list of axes`,
          );
        const init = initializerFromKeras(field(c, 'alpha_initializer'));
        return {
          ...(init === undefined ? {} : { alpha_initializer: init }),
          ...(shared === undefined ? {} : { shared_axes: typeof shared === 'number' ? [shared] : shared }),
        };
      },
    },
    kerasScript: { className: 'PReLU' },
    onnx: (ctx, node) => {
      const x = ctx.input(node);
      const dims = alphaShape(input(node), node.params.shared_axes);
      const values = ctx.weight(node, 'alpha');
      // ONNX broadcasts the slope from the right: give it the layout the input has.
      const first = x.layout === 'channels_first' && x.rank > 2;
      const order = channelsFirstOrder(x.rank)
        .slice(1)
        .map((a) => a - 1);
      const slope = first
        ? ctx.constant(
            `${node.name}/alpha`,
            order.map((a) => dims[a] ?? 1),
            lastAxisFirst(values, dims),
          )
        : ctx.constant(`${node.name}/alpha`, dims, values);
      return { ...x, name: ctx.op('PRelu', [x.name, slope], node.name) };
    },
    torch: {
      // A bare module holding alpha in Keras' shape, so the weight copies as is.
      module: () => 'nn.Module()',
      setup: (node, attr) => [
        `self.${attr}.alpha = nn.Parameter(torch.zeros(${alphaShape(input(node), node.params.shared_axes).join(', ')}))`,
      ],
      forward: (node, [x = ''], self) => {
        // Images are NCHW in the module: alpha (H, W, C) moves its channels first.
        const alpha = isImage(input(node)) ? `${self}.alpha.permute(2, 0, 1)` : `${self}.alpha`;
        return `(torch.relu(${x}) - ${alpha} * torch.relu(-(${x})))`;
      },
      weights: { alpha: ['alpha', 'same'] },
    },
    native: () => ({}),
  },
});
