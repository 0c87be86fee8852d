// RandomFlip: while training, mirrors each image left-right and/or top-bottom, each with probability
// 1/2 per sample; identity at inference. Its home: the definition and how every format writes it.
import { defineLayer } from '../define-layer';
import { choice, type ParamsOf } from '../params';
import { imageShape, kerasCopy, onnxSkip, torchIdentity } from './augmentation';
import { nativeSeed, seedParam } from './seed-param';

const params = {
  mode: choice(
    ['horizontal_and_vertical', 'horizontal', 'vertical'],
    'horizontal_and_vertical',
    "Which flips may happen: 'horizontal' mirrors left-right, 'vertical' top-bottom.",
  ),
  seed: seedParam(),
};
type P = ParamsOf<typeof params>;

const flips = (p: P) => ({
  horizontal: p.mode !== 'vertical',
  vertical: p.mode !== 'horizontal',
});

export const RandomFlip = defineLayer({
  type: 'RandomFlip',
  category: 'Augmentation',
  doc: 'While training, randomly mirrors each image; passes images through unchanged at inference.',
  params,
  inputs: { min: 1, max: 1 },
  outputShape: (inputs) => imageShape(inputs, 'RandomFlip'),
  formats: {
    keras: kerasCopy<P>('RandomFlip', ['mode', 'seed']),
    kerasScript: { className: 'RandomFlip', positional: ['mode'] },
    onnx: onnxSkip,
    torch: {
      module: torchIdentity('RandomFlip: flips only in net.train() mode'),
      // NCHW: width is dim 3, height dim 2; one coin per sample and direction.
      forward: (node, [x = ''], self) => {
        const { horizontal, vertical } = flips(node.params);
        const coin = `torch.rand(${x}.shape[0], 1, 1, 1, device=${x}.device) < 0.5`;
        const flip = (t: string, dim: number) => `torch.where(${coin}, ${t}.flip(${dim}), ${t})`;
        // A lambda names the horizontally flipped tensor, so its coins are drawn once.
        const y =
          horizontal && vertical ? `(lambda h: ${flip('h', 2)})(${flip(x, 3)})` : flip(x, horizontal ? 3 : 2);
        return `(${y} if ${self}.training else ${x})`;
      },
    },
    native: (node) => ({ ...flips(node.params), ...nativeSeed(node.params.seed) }),
  },
});
