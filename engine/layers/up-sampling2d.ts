// UpSampling2D: enlarges each image by whole factors (height × sh, width × sw), as Keras 3 does:
// 'nearest' repeats every pixel; 'bilinear' is tf.image.resize's bilinear with half-pixel centers
// (TF.js' own layer samples without half-pixel centers, so only 'nearest' matches it there).
import { defineLayer } from '../define-layer';
import type { OnnxValue } from '../formats/onnx/onnx-context';
import type { OnnxAttribute } from '../formats/onnx/onnx-proto';
import { field, requireChannelsLast, requireValue } from '../formats/tfjs/keras-config';
import { pyTuple } from '../formats/python/python-literal';
import { choice, pair } from '../params';
import { imageInput } from './shape-rules';

const INTERPOLATIONS = ['nearest', 'bilinear'] as const;

export const UpSampling2D = defineLayer({
  type: 'UpSampling2D',
  category: 'Convolution',
  doc: 'Enlarges each image by repeating (or interpolating) its pixels, e.g. in a decoder.',
  params: {
    size: pair([2, 2], 'How many times larger: the factors for height and width.', 1, 64),
    interpolation: choice(
      INTERPOLATIONS,
      'nearest',
      "'nearest': repeat each pixel; 'bilinear': blend the nearest four pixels.",
    ),
  },
  inputs: { min: 1, max: 1 },
  outputShape: (inputs, p) => {
    const [h, w, c] = imageInput(inputs, 'UpSampling2D');
    return [h * p.size[0], w * p.size[1], c];
  },
  formats: {
    keras: {
      className: 'UpSampling2D',
      toKeras: (p) => ({ size: p.size, data_format: 'channels_last', interpolation: p.interpolation }),
      fromKeras: (c) => {
        requireChannelsLast(c);
        requireValue(c, 'interpolation', INTERPOLATIONS, "Layerwise upsamples 'nearest' or 'bilinear'");
        const [size, interpolation] = [field(c, 'size'), field(c, 'interpolation')];
        return {
          ...(size === undefined || size === null ? {} : { size }),
          ...(interpolation === undefined || interpolation === null ? {} : { interpolation }),
        };
      },
    },
    kerasScript: { className: 'UpSampling2D' },
    // Resize channels-first (onnxruntime's linear mode wants N and C unscaled in front). Nearest with
    // asymmetric coordinates and floor is an exact repeat; linear with half_pixel is TF's bilinear.
    onnx: (ctx, node) => {
      const x = ctx.inputIn(node, 'channels_first');
      const [sh, sw] = node.params.size;
      const scales = ctx.constant(`${node.name}/scales`, [4], Float32Array.of(1, 1, sh, sw));
      const attributes: Record<string, OnnxAttribute> =
        node.params.interpolation === 'nearest'
          ? {
              mode: { s: 'nearest' },
              coordinate_transformation_mode: { s: 'asymmetric' },
              nearest_mode: { s: 'floor' },
            }
          : { mode: { s: 'linear' }, coordinate_transformation_mode: { s: 'half_pixel' } };
      const name = ctx.op('Resize', [x.name, '', scales], node.name, attributes);
      return { ...x, name } satisfies OnnxValue;
    },
    torch: {
      forward: (node, [x = '']) => {
        const scale = `scale_factor=${pyTuple(node.params.size)}`;
        return node.params.interpolation === 'nearest'
          ? `F.interpolate(${x}, ${scale}, mode='nearest')`
          : `F.interpolate(${x}, ${scale}, mode='bilinear', align_corners=False)`;
      },
    },
    native: (node) => ({ size: node.params.size, interpolation: node.params.interpolation }),
  },
});
