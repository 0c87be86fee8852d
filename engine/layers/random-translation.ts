// RandomTranslation: while training, shifts each image by a random fraction of its height and width
// (bilinear resampling, the uncovered part filled by fill_mode); identity at inference. Its home.
import { defineLayer } from '../define-layer';
import { factor, type ParamsOf } from '../params';
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
    'Vertical shift as a fraction of the height: f for [-f, f], or [lower, upper]; negative moves up.',
    -1,
    1,
  ),
  width_factor: factor(
    0.1,
    'Horizontal shift as a fraction of the width: f for [-f, f], or [lower, upper]; negative moves left.',
    -1,
    1,
  ),
  ...warpParams,
};
type P = ParamsOf<typeof params>;

export const RandomTranslation = defineLayer({
  type: 'RandomTranslation',
  category: 'Augmentation',
  doc: 'While training, randomly shifts each image; passes images through unchanged at inference.',
  params,
  inputs: { min: 1, max: 1 },
  outputShape: (inputs) => imageShape(inputs, 'RandomTranslation'),
  formats: {
    keras: kerasCopy<P>('RandomTranslation', ['height_factor', 'width_factor', ...WARP_KEYS]),
    kerasScript: { className: 'RandomTranslation', positional: ['height_factor', 'width_factor'] },
    onnx: onnxSkip,
    torch: {
      module: torchIdentity('RandomTranslation: shifts only in net.train() mode'),
      forward: (node, [x = ''], self) =>
        torchWarp(
          'translation',
          [symmetric(node.params.height_factor), symmetric(node.params.width_factor)],
          node.params,
        )(x, self),
    },
    native: (node) => {
      const p = node.params;
      const [hLow, hHigh] = symmetric(p.height_factor);
      const [wLow, wHigh] = symmetric(p.width_factor);
      return {
        kind: 'translation',
        height_range: [hLow, hHigh],
        width_range: [wLow, wHigh],
        ...nativeWarp(p),
      };
    },
  },
});
