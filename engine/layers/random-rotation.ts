// RandomRotation: while training, rotates each image about its centre by a random fraction of a full
// turn (bilinear resampling, corners filled by fill_mode); identity at inference. Its home.
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
  factor: factor(
    0.1,
    'Rotation as a fraction of a full turn: f for [-f, f], or [lower, upper]; positive is counter-clockwise.',
    -1,
    1,
  ),
  ...warpParams,
};
type P = ParamsOf<typeof params>;

export const RandomRotation = defineLayer({
  type: 'RandomRotation',
  category: 'Augmentation',
  doc: 'While training, randomly rotates each image; passes images through unchanged at inference.',
  params,
  inputs: { min: 1, max: 1 },
  outputShape: (inputs) => imageShape(inputs, 'RandomRotation'),
  formats: {
    keras: kerasCopy<P>('RandomRotation', ['factor', ...WARP_KEYS]),
    kerasScript: { className: 'RandomRotation', positional: ['factor'] },
    onnx: onnxSkip,
    torch: {
      module: torchIdentity('RandomRotation: rotates only in net.train() mode'),
      forward: (node, [x = ''], self) =>
        torchWarp('rotation', [symmetric(node.params.factor)], node.params)(x, self),
    },
    native: (node) => {
      const p = node.params;
      return {
        kind: 'rotation',
        angle_range: symmetric(p.factor),
        ...nativeWarp(p),
      };
    },
  },
});
