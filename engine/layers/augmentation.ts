// What the random augmentation layers (RandomFlip, RandomTranslation, RandomRotation, RandomZoom,
// RandomContrast) share: their fill and seed params, the image shape rule, and the formats that treat
// them as Keras does: active only while training, so every inference export (ONNX; TF.js, whose
// tfjs-layers 4.22 has none of these classes; the PyTorch module in eval mode) passes the input through
// unchanged, and the Keras and PyTorch scripts augment while training.
import type { LayerFormats } from '../layer-formats';
import {
  describeValue,
  field,
  requireChannelsLast,
  UnsupportedConfig,
  type KerasConfig,
} from '../formats/tfjs/keras-config';
import { pyNumber } from '../formats/python/python-literal';
import { choice, float, type Factor } from '../params';
import { nativeSeed, seedParam } from './seed-param';
import type { Shape } from '../shape';
import { imageInput } from './shape-rules';

export const FILL_MODES = ['reflect', 'constant', 'nearest'] as const;
export const INTERPOLATIONS = ['bilinear', 'nearest'] as const;

/** fill_mode, interpolation, seed and fill_value of the layers that resample the image. */
export const warpParams = {
  fill_mode: choice(FILL_MODES, 'reflect', 'How points outside the image are filled.'),
  interpolation: choice(INTERPOLATIONS, 'bilinear', 'How values between pixels are read.'),
  seed: seedParam(),
  fill_value: float(0, "The value outside the image when fill_mode is 'constant'.", -1e6, 1e6),
};

/** The Keras config keys of warpParams, written after a layer's own factors. */
export const WARP_KEYS = ['fill_mode', 'interpolation', 'seed', 'fill_value'] as const;

type WarpValues = { readonly fill_mode: string; readonly interpolation: string; readonly fill_value: number };

/** The native params of warpParams: how to fill and sample, and the seed. */
export const nativeWarp = (p: WarpValues & { readonly seed: number | null }) => ({
  fill_mode: p.fill_mode,
  interpolation: p.interpolation,
  fill_value: p.fill_value,
  ...nativeSeed(p.seed),
});

/** Augmentations work on images (height, width, channels); the output has the input's shape. */
export const imageShape = (inputs: readonly Shape[], type: string): Shape => [...imageInput(inputs, type)];

/** A factor Keras reads as ±f when it is one number; a [lower, upper] pair as is. */
export const symmetric = (f: Factor): [number, number] =>
  typeof f === 'number' ? [-Math.abs(f), Math.abs(f)] : [f[0], f[1]];

/** Keras configs with a data_format or a fill mode Layerwise does not compute are refused by name. */
export function checkKerasImageConfig(config: KerasConfig): void {
  requireChannelsLast(config);
  const mode = field(config, 'fill_mode');
  if (mode !== undefined && mode !== null && !(FILL_MODES as readonly unknown[]).includes(mode))
    throw new UnsupportedConfig(
      'fill_mode',
      `fill_mode ${describeValue(mode)} is not supported: Layerwise fills with ${FILL_MODES.map((m) => `'${m}'`).join(', ')}`,
    );
  const interpolation = field(config, 'interpolation');
  if (
    interpolation !== undefined &&
    interpolation !== null &&
    !(INTERPOLATIONS as readonly unknown[]).includes(interpolation)
  )
    throw new UnsupportedConfig(
      'interpolation',
      `interpolation ${describeValue(interpolation)} is not supported: Layerwise reads 'bilinear' or 'nearest'`,
    );
}

/** The Keras config keys an augmentation copies both ways (our params are its config keys). */
export function kerasCopy<P extends object>(className: string, keys: readonly (keyof P & string)[]) {
  return {
    className,
    trainingOnly: true as const,
    toKeras: (p: P) => Object.fromEntries(keys.map((k) => [k, p[k]])),
    fromKeras: (c: KerasConfig) => {
      checkKerasImageConfig(c);
      return Object.fromEntries(keys.flatMap((k) => (field(c, k) === undefined ? [] : [[k, field(c, k)]])));
    },
  };
}

/** ONNX graphs are for inference: the layer's output is its input, no node at all. */
export const onnxSkip: LayerFormats['onnx'] = (ctx, node) => ctx.input(node);

/**
 * The PyTorch module: an nn.Identity, whose `training` flag follows net.train()/eval(), so a forward
 * expression can augment only while training; `note` says how the script treats the layer.
 */
export const torchIdentity = (note: string) => () => `nn.Identity()  # ${note}`;

/** The PyTorch script's random_warp call (torch-runtime.ts) for a resampling layer, on NCHW. */
export function torchWarp(
  kind: 'translation' | 'rotation' | 'zoom',
  ranges: readonly (readonly [number, number] | null)[],
  p: { fill_mode: string; interpolation: string; fill_value: number },
) {
  const bounds = ranges.map((r) => (r === null ? 'None' : `(${pyNumber(r[0])}, ${pyNumber(r[1])})`));
  return (x: string, self: string) =>
    `random_warp(${x}, '${kind}', (${bounds.join(', ')},), '${p.fill_mode}', '${p.interpolation}', ${pyNumber(p.fill_value)}, ${self}.training)`;
}

/** A per-sample uniform draw in [low, high) as a torch expression, shaped to broadcast over NCHW. */
export const torchUniform = (x: string, low: number, high: number) =>
  `torch.empty(${x}.shape[0], 1, 1, 1, device=${x}.device).uniform_(${pyNumber(low)}, ${pyNumber(high)})`;
