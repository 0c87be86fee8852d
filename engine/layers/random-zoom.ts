// RandomZoom: while training, zooms each image in or out about its centre by a random amount (bilinear
// resampling, uncovered borders filled by fill_mode); identity at inference. Its home.
import { defineLayer } from '../define-layer';
import { factor, optionalFactor, type ParamsOf } from '../params';
import {
  imageShape,
  kerasCopy,
  nativeWarp,
  onnxSkip,
  symmetric,
  torchIdentity,
  torchWarp,
  WARP_KEYS,
  warpParams,
} from './augmentation';

const params = {
  height_factor: factor(
    0.1,
    'Vertical zoom as a fraction: f for [-f, f], or [lower, upper]; positive zooms out, negative zooms in.',
    -1,
    1,
  ),
  width_factor: optionalFactor(
    'Horizontal zoom like height_factor; empty (null) keeps the aspect ratio (the vertical zoom).',
    -1,
    1,
  ),
  ...warpParams,
};
type P = ParamsOf<typeof params>;

export const RandomZoom = defineLayer({
  type: 'RandomZoom',
  category: 'Augmentation',
  doc: 'While training, randomly zooms each image in or out; passes images through unchanged at inference.',
  params,
  inputs: { min: 1, max: 1 },
  outputShape: (inputs) => imageShape(inputs, 'RandomZoom'),
  formats: {
    keras: kerasCopy<P>('RandomZoom', ['height_factor', 'width_factor', ...WARP_KEYS]),
    kerasScript: { className: 'RandomZoom', positional: ['height_factor'] },
    onnx: onnxSkip,
    torch: {
      module: torchIdentity('RandomZoom: zooms only in net.train() mode'),
      forward: (node, [x = ''], self) => {
        const { height_factor, width_factor } = node.params;
        const width = width_factor === null ? null : symmetric(width_factor);
        return torchWarp('zoom', [symmetric(height_factor), width], node.params)(x, self);
      },
    },
    native: (node) => {
      const p = node.params;
      const height = symmetric(p.height_factor);
      return {
        kind: 'zoom',
        height_range: height,
        width_range: p.width_factor === null ? height : symmetric(p.width_factor),
        keep_aspect: p.width_factor === null,
        ...nativeWarp(p),
      };
    },
  },
});
