// The augmentation layers in the native core: identity at inference (exactly), what each does while
// training (a flip flips, contrast keeps each channel's mean, rotation/translation/zoom equal a reference
// bilinear resampling written here from TF's ImageProjectiveTransformV3 rules), reproducible seeds, and
// backward checked against finite differences. tfjs has none of these layers: no tfjs parity.
import { describe, expect, it } from 'vitest';
import type { TrainingConfigInput } from '../../engine/training-config';
import { chain, type LayerSpec } from '../../engine/testing/graphs';
import { nativeModel, randomFloats } from '../test-support/models';
import { mnistSamples, trainedOnMnist } from '../test-support/trained-mnist';
import { loadBinding, type NativeModel } from './native-model';

const [H, W, C] = [7, 6, 2];
const SIZE = H * W * C;

function outputs(layer: LayerSpec, x: Float32Array, training: boolean, config: TrainingConfigInput = {}) {
  const model = nativeModel(chain([H, W, C], layer), config);
  try {
    return model.predict(x, { training });
  } finally {
    model.dispose();
  }
}

const at = (img: Float32Array, s: number, y: number, x: number, c: number) =>
  img[s * SIZE + (y * W + x) * C + c] as number;

// --- the reference resampling (TF's map_coord, then bilinear or nearest reads with the fill value) ----

type Fill = 'reflect' | 'constant' | 'nearest';

function mapCoordinate(mode: Fill, coord: number, len: number): number {
  if (mode === 'constant') return coord;
  if (mode === 'nearest') return Math.min(Math.max(coord, 0), len - 1);
  if (len <= 1) return 0;
  const size2 = 2 * len;
  let c = coord;
  if (c < 0) {
    if (c < size2) c = size2 * Math.trunc(-c / size2) + c;
    c = c < -len ? c + size2 : -c - 1;
  } else if (c > len - 1) {
    c -= size2 * Math.trunc(c / size2);
    if (c >= len) c = size2 - c - 1;
  }
  return Math.min(Math.max(c, 0), len - 1);
}

function referenceWarp(
  x: Float32Array,
  count: number,
  m: readonly number[],
  fill: Fill,
  interpolation: 'bilinear' | 'nearest',
  fillValue = 0,
): Float32Array {
  const y = new Float32Array(x.length);
  for (let s = 0; s < count; s++)
    for (let oy = 0; oy < H; oy++)
      for (let ox = 0; ox < W; ox++) {
        const ix = mapCoordinate(fill, (m[0] ?? 0) * ox + (m[1] ?? 0) * oy + (m[2] ?? 0), W);
        const iy = mapCoordinate(fill, (m[3] ?? 0) * ox + (m[4] ?? 0) * oy + (m[5] ?? 0), H);
        for (let c = 0; c < C; c++) {
          const read = (yy: number, xx: number) =>
            yy < 0 || xx < 0 || yy >= H || xx >= W ? fillValue : at(x, s, yy, xx, c);
          let v: number;
          if (interpolation === 'nearest') v = read(Math.round(iy), Math.round(ix));
          else {
            const [y0, x0] = [Math.floor(iy), Math.floor(ix)];
            const top = (x0 + 1 - ix) * read(y0, x0) + (ix - x0) * read(y0, x0 + 1);
            const bottom = (x0 + 1 - ix) * read(y0 + 1, x0) + (ix - x0) * read(y0 + 1, x0 + 1);
            v = (y0 + 1 - iy) * top + (iy - y0) * bottom;
          }
          y[s * SIZE + (oy * W + ox) * C + c] = v;
        }
      }
  return y;
}

function rotation(turns: number): number[] {
  const theta = turns * 2 * Math.PI;
  const [c, s, h, w] = [Math.cos(theta), Math.sin(theta), H - 1, W - 1];
  return [c, -s, (w - (c * w - s * h)) / 2, s, c, (h - (s * w + c * h)) / 2];
}

const maxDiff = (a: Float32Array, b: Float32Array) =>
  a.reduce((m, v, i) => Math.max(m, Math.abs(v - (b[i] as number))), 0);

const BATCH = 24;
const x = randomFloats(BATCH * SIZE, 3, 0, 1);

const LAYERS: [string, Record<string, unknown>?][] = [
  ['RandomFlip'],
  ['RandomTranslation', { height_factor: 0.3, width_factor: [-0.2, 0.4] }],
  ['RandomRotation', { factor: 0.25, fill_mode: 'constant', fill_value: 0.5 }],
  ['RandomZoom', { height_factor: [-0.3, 0.5], interpolation: 'nearest' }],
  ['RandomContrast', { factor: 0.5 }],
];

describe('augmentation layers: inference', () => {
  it('are registered in the op table, in palette order', () => {
    const { opTypes } = loadBinding() as unknown as { opTypes(): string[] };
    expect(opTypes().filter((t) => t.startsWith('Random'))).toEqual(LAYERS.map(([type]) => type));
  });

  it.each(LAYERS)('%s is exactly the identity outside training', (type, params) => {
    expect(outputs([type, params], x, false)).toEqual(x);
  });

  it.each(LAYERS)('%s changes images while training', (type, params) => {
    expect(maxDiff(outputs([type, params], x, true), x)).toBeGreaterThan(0.01);
  });
});

describe('RandomFlip', () => {
  const mirrored = (s: number, y: Float32Array, hFlip: boolean, vFlip: boolean) => {
    for (let r = 0; r < H; r++)
      for (let q = 0; q < W; q++)
        for (let c = 0; c < C; c++)
          if (at(y, s, r, q, c) !== at(x, s, vFlip ? H - 1 - r : r, hFlip ? W - 1 - q : q, c)) return false;
    return true;
  };

  it.each(['horizontal', 'vertical'] as const)(
    '%s: every sample is itself or its mirror, and both happen',
    (mode) => {
      const y = outputs(['RandomFlip', { mode }], x, true);
      const flipped = Array.from({ length: BATCH }, (_, s) =>
        mirrored(s, y, mode === 'horizontal', mode === 'vertical'),
      );
      const kept = Array.from({ length: BATCH }, (_, s) => mirrored(s, y, false, false));
      for (let s = 0; s < BATCH; s++) expect(flipped[s] || kept[s]).toBe(true);
      expect(flipped.filter(Boolean).length).toBeGreaterThan(3);
      expect(kept.filter(Boolean).length).toBeGreaterThan(3);
    },
  );

  it('horizontal_and_vertical: each sample is one of the four flips, all four happen', () => {
    const y = outputs(['RandomFlip'], x, true);
    const kinds = new Set<string>();
    for (let s = 0; s < BATCH; s++) {
      const kind = [
        [false, false],
        [true, false],
        [false, true],
        [true, true],
      ].findIndex(([h, v]) => mirrored(s, y, h as boolean, v as boolean));
      expect(kind).toBeGreaterThanOrEqual(0);
      kinds.add(String(kind));
    }
    expect(kinds.size).toBe(4);
  });
});

describe('seeds', () => {
  it('the same seeds give the same augmentation; another training seed another one', () => {
    const layer: LayerSpec = ['RandomRotation', { factor: 0.2 }];
    const a = outputs(layer, x, true, { seed: 1 });
    expect(outputs(layer, x, true, { seed: 1 })).toEqual(a);
    expect(maxDiff(outputs(layer, x, true, { seed: 2 }), a)).toBeGreaterThan(0.01);
  });

  it("a layer's seed replaces the training seed", () => {
    const layer: LayerSpec = ['RandomContrast', { factor: 0.5, seed: 7 }];
    const a = outputs(layer, x, true, { seed: 1 });
    expect(outputs(layer, x, true, { seed: 2 })).toEqual(a);
    expect(
      maxDiff(outputs(['RandomContrast', { factor: 0.5, seed: 8 }], x, true, { seed: 1 }), a),
    ).toBeGreaterThan(0.01);
  });

  it('does not depend on the thread count', () => {
    const g = chain([H, W, C], ['RandomZoom', { height_factor: 0.3, width_factor: 0.2 }]);
    const [one, four] = [1, 4].map((threads) => {
      const model = nativeModel(g, {}, threads);
      const y = model.predict(x, { training: true });
      model.dispose();
      return y;
    });
    expect(four).toEqual(one);
  });
});

describe('RandomContrast', () => {
  it("keeps each image channel's mean and scales deviations by one factor per sample in [1 - f, 1 + f]", () => {
    const y = outputs(['RandomContrast', { factor: 0.4, value_range: [-100, 100] }], x, true);
    const factors = new Set<string>();
    for (let s = 0; s < BATCH; s++)
      for (let c = 0; c < C; c++) {
        let [mx, my] = [0, 0];
        for (let p = 0; p < H * W; p++) {
          mx += at(x, s, Math.floor(p / W), p % W, c);
          my += at(y, s, Math.floor(p / W), p % W, c);
        }
        [mx, my] = [mx / (H * W), my / (H * W)];
        expect(my).toBeCloseTo(mx, 5);
        const ratio = (at(y, s, 0, 0, c) - my) / (at(x, s, 0, 0, c) - mx);
        expect(ratio).toBeGreaterThanOrEqual(0.6 - 1e-4);
        expect(ratio).toBeLessThanOrEqual(1.4 + 1e-4);
        for (let p = 1; p < H * W; p++) {
          const [r, q] = [Math.floor(p / W), p % W];
          expect(at(y, s, r, q, c) - my).toBeCloseTo(ratio * (at(x, s, r, q, c) - mx), 4);
        }
        if (c === 0) factors.add(ratio.toFixed(3));
      }
    expect(factors.size).toBeGreaterThan(BATCH / 2);
  });

  it('clips to value_range', () => {
    const y = outputs(['RandomContrast', { factor: [0, 1], value_range: [0.2, 0.8] }], x, true);
    expect(Math.min(...y)).toBeGreaterThanOrEqual(Math.fround(0.2));
    expect(y.filter((v) => v === Math.fround(0.8)).length).toBeGreaterThan(10);
    expect(Math.max(...y)).toBeLessThanOrEqual(Math.fround(0.8));
  });
});

describe('resampling layers against the reference', () => {
  // A range [f, f] makes the sampled value exactly f, so the transform is known.
  const cases: [string, LayerSpec, number[], Fill, 'bilinear' | 'nearest', number][] = [
    [
      'rotation 0.1 turn, reflect',
      ['RandomRotation', { factor: [0.1, 0.1] }],
      rotation(0.1),
      'reflect',
      'bilinear',
      0,
    ],
    [
      'rotation -0.3 turn, constant 0.25',
      ['RandomRotation', { factor: [-0.3, -0.3], fill_mode: 'constant', fill_value: 0.25 }],
      rotation(-0.3),
      'constant',
      'bilinear',
      0.25,
    ],
    [
      'rotation 0.07 turn, nearest fill, nearest pixels',
      ['RandomRotation', { factor: [0.07, 0.07], fill_mode: 'nearest', interpolation: 'nearest' }],
      rotation(0.07),
      'nearest',
      'nearest',
      0,
    ],
    [
      'translation down 0.3 h, left 0.25 w, reflect',
      ['RandomTranslation', { height_factor: [0.3, 0.3], width_factor: [-0.25, -0.25] }],
      [1, 0, 0.25 * W, 0, 1, -0.3 * H],
      'reflect',
      'bilinear',
      0,
    ],
    [
      'zoom out 1.5 x 1.2, reflect',
      ['RandomZoom', { height_factor: [0.5, 0.5], width_factor: [0.2, 0.2] }],
      [1.2, 0, ((W - 1) / 2) * (1 - 1.2), 0, 1.5, ((H - 1) / 2) * (1 - 1.5)],
      'reflect',
      'bilinear',
      0,
    ],
    [
      'zoom in 0.6 keeping the aspect, constant',
      ['RandomZoom', { height_factor: [-0.4, -0.4], fill_mode: 'constant' }],
      [0.6, 0, ((W - 1) / 2) * 0.4, 0, 0.6, ((H - 1) / 2) * 0.4],
      'constant',
      'bilinear',
      0,
    ],
  ];
  it.each(cases)('%s', (_name, layer, matrix, fill, interpolation, fillValue) => {
    const y = outputs(layer, x, true);
    const expected = referenceWarp(x, BATCH, matrix, fill, interpolation, fillValue);
    expect(maxDiff(y, expected)).toBeLessThan(1e-5);
  });

  it('reflect mirrors about the edge pixel (dcba|abcd|dcba)', () => {
    // Shifting a row [a b c d e f] right by 2 gives [b a a b c d].
    const y = outputs(
      ['RandomTranslation', { height_factor: [0, 0], width_factor: [2 / W, 2 / W] }],
      x,
      true,
    );
    for (let r = 0; r < H; r++) {
      const row = Array.from({ length: W }, (_, q) => at(y, 0, r, q, 0));
      const src = Array.from({ length: W }, (_, q) => at(x, 0, r, q, 0));
      const expected = [src[1], src[0], src[0], src[1], src[2], src[3]] as number[];
      row.forEach((v, q) => expect(v).toBeCloseTo(expected[q] as number, 6));
    }
  });
});

// --- backward: finite differences of the loss (mean squared error) through the sampled transform ------

function gradientFailures(model: NativeModel, input: Float32Array, h = 1e-2): string[] {
  const target = randomFloats(3 * model.outputSize, 5, 0, 1);
  const analytic = model.computeGradients(input, target, { training: true });
  const lossAt = () => model.computeGradients(input, target, { training: true }).loss;
  const failures: string[] = [];
  const compare = (label: string, numeric: number, exact: number) => {
    const scale = Math.max(Math.abs(numeric), Math.abs(exact), 1e-2);
    if (Math.abs(numeric - exact) / scale > 3e-2) failures.push(`${label}: ${numeric} vs ${exact}`);
  };
  const weights = model.getWeights();
  for (const [name, gradient] of Object.entries(analytic.gradients)) {
    const values = weights[name] as Float32Array;
    for (let i = 0; i < values.length; i += Math.max(1, Math.floor(values.length / 8))) {
      const original = values[i] as number;
      const lossWith = (v: number) => {
        values[i] = v;
        model.setWeights({ [name]: values });
        return lossAt();
      };
      const numeric = (lossWith(original + h) - lossWith(original - h)) / (2 * h);
      lossWith(original);
      compare(`${name}[${i}]`, numeric, gradient[i] as number);
    }
  }
  for (let i = 0; i < input.length; i += 5) {
    const original = input[i] as number;
    input[i] = original + h;
    const up = lossAt();
    input[i] = original - h;
    const down = lossAt();
    input[i] = original;
    compare(`input[${i}]`, (up - down) / (2 * h), analytic.inputGradient[i] as number);
  }
  return failures;
}

describe('augmentation backward is the adjoint of the sampled transform', () => {
  it.each([
    ...LAYERS,
    ['RandomTranslation', { height_factor: 0.2, width_factor: 0.3, fill_mode: 'nearest' }],
    ['RandomRotation', { factor: 0.2, fill_mode: 'reflect' }],
    ['RandomZoom', { height_factor: 0.3, width_factor: 0.3, fill_mode: 'constant', fill_value: 0.3 }],
    // Clipping: the input alone feeds it and the step is smaller, so no step crosses the clip.
    ['RandomContrast', { factor: [0.2, 0.9], value_range: [0.1, 0.9] }, false],
  ] as [string, Record<string, unknown>?, boolean?][])('%s %j', (type, params, conv = true) => {
    const g = chain(
      [H, W, C],
      ...(conv ? [['Conv2D', { filters: 2, kernel_size: 1, activation: 'tanh' }] as LayerSpec] : []),
      [type, params],
      ['Flatten'],
      ['Dense', { units: 3 }],
    );
    const model = nativeModel(g, { loss: 'mean_squared_error' });
    try {
      expect(gradientFailures(model, randomFloats(3 * SIZE, 9, 0, 1), conv ? 1e-2 : 2e-3)).toEqual([]);
    } finally {
      model.dispose();
    }
  });
});

describe('training with augmentation', () => {
  it('a CNN still learns MNIST through every resampling and contrast layer (well above chance)', () => {
    const g = chain(
      [28, 28, 1],
      ['RandomTranslation', { height_factor: 0.05, width_factor: 0.05 }],
      ['RandomRotation', { factor: 0.03 }],
      ['RandomZoom', { height_factor: 0.05 }],
      ['RandomContrast', { factor: 0.2, value_range: [0, 1] }],
      ['Conv2D', { filters: 8, kernel_size: 3, activation: 'relu' }],
      ['MaxPooling2D'],
      ['Flatten'],
      ['Dense', { units: 10, activation: 'softmax' }],
    );
    const { native } = trainedOnMnist('augmented', g, { batches: 150, config: { seed: 1 } });
    const { images, labels } = mnistSamples('t10k', 0, 1000);
    const { accuracy } = native.evaluate(images, labels);
    native.dispose();
    expect(accuracy).toBeGreaterThan(0.6);
  });
});
