// LayerNormalization, ZeroPadding2D, UpSampling2D and Cropping2D in the native core: backward against
// central finite differences of the native forward, LayerNormalization against a float64 reference
// (values, loss and every gradient), and forward outputs and gradients against @tensorflow/tfjs' own
// layers (1e-4 relative). TF.js' upSampling2d 'bilinear' samples without half-pixel centers, unlike
// Keras 3, so that mode is checked against tf.image.resizeBilinear(halfPixelCenters = true) instead.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '../../engine';
import { chain, type LayerSpec } from '../../engine/testing/graphs';
import { nativeModel, randomFloats, relativeError } from '../test-support/models';
import { NativeModel } from './native-model';

const BATCH = 3;
const mse = { loss: 'mean_squared_error' } as const;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Failures of a finite-difference check of up to ~12 entries of every weight and of the input. */
function finiteDifferenceFailures(model: NativeModel, x: Float32Array, y: Float32Array, h = 1e-2): string[] {
  const analytic = model.computeGradients(x, y, { training: true });
  const lossAt = () => model.computeGradients(x, y, { training: true }).loss;
  const failures: string[] = [];
  const probe = (label: string, values: Float32Array, exact: Float32Array, write: () => void) => {
    const stride = Math.max(1, Math.floor(values.length / 12));
    for (let i = 0; i < values.length; i += stride) {
      const original = values[i] as number;
      values[i] = original + h;
      write();
      const up = lossAt();
      values[i] = original - h;
      write();
      const down = lossAt();
      values[i] = original;
      write();
      const numeric = (up - down) / (2 * h);
      const scale = Math.max(Math.abs(numeric), Math.abs(exact[i] as number), 1e-2);
      if (Math.abs(numeric - (exact[i] as number)) / scale > 3e-2)
        failures.push(`${label}[${i}]: numeric ${numeric} vs analytic ${exact[i]}`);
    }
  };
  const weights = model.getWeights();
  for (const [name, gradient] of Object.entries(analytic.gradients)) {
    const values = weights[name] as Float32Array;
    probe(name, values, gradient, () => model.setWeights({ [name]: values }));
  }
  probe('input', x, analytic.inputGradient, () => undefined);
  return failures;
}

/** Random gammas near 1 and betas of both signs, so every term of the formulas is exercised. */
function randomizeWeights(model: NativeModel): void {
  let seed = 40;
  const weights: Record<string, Float32Array> = {};
  for (const w of model.plan.nodes.flatMap((n) => n.weights))
    weights[w.name] = w.name.endsWith('gamma')
      ? randomFloats(w.size, seed++, 0.5, 1.5)
      : randomFloats(w.size, seed++, -0.5, 0.5);
  model.setWeights(weights);
}

interface Case {
  readonly name: string;
  readonly input: number[];
  readonly layer: LayerSpec;
}

const cases: Case[] = [
  { name: 'LayerNormalization on features', input: [6], layer: ['LayerNormalization'] },
  { name: 'LayerNormalization on a sequence', input: [3, 5], layer: ['LayerNormalization'] },
  {
    name: 'LayerNormalization on channels, epsilon 0.1',
    input: [3, 4, 5],
    layer: ['LayerNormalization', { epsilon: 0.1 }],
  },
  { name: 'LayerNormalization without beta', input: [7], layer: ['LayerNormalization', { center: false }] },
  { name: 'LayerNormalization without gamma', input: [7], layer: ['LayerNormalization', { scale: false }] },
  {
    name: 'LayerNormalization without weights',
    input: [2, 6],
    layer: ['LayerNormalization', { center: false, scale: false }],
  },
  { name: 'ZeroPadding2D default', input: [3, 4, 2], layer: ['ZeroPadding2D'] },
  {
    name: 'ZeroPadding2D asymmetric',
    input: [3, 4, 2],
    layer: [
      'ZeroPadding2D',
      {
        padding: [
          [0, 2],
          [3, 1],
        ],
      },
    ],
  },
  { name: 'Cropping2D symmetric', input: [5, 6, 2], layer: ['Cropping2D', { cropping: [1, 2] }] },
  {
    name: 'Cropping2D asymmetric',
    input: [5, 6, 3],
    layer: [
      'Cropping2D',
      {
        cropping: [
          [2, 0],
          [1, 3],
        ],
      },
    ],
  },
  { name: 'UpSampling2D nearest', input: [3, 4, 2], layer: ['UpSampling2D'] },
  { name: 'UpSampling2D nearest 3x1', input: [2, 3, 2], layer: ['UpSampling2D', { size: [3, 1] }] },
  {
    name: 'UpSampling2D bilinear',
    input: [3, 4, 2],
    layer: ['UpSampling2D', { interpolation: 'bilinear' }],
  },
  {
    name: 'UpSampling2D bilinear 3x2',
    input: [3, 3, 1],
    layer: ['UpSampling2D', { size: [3, 2], interpolation: 'bilinear' }],
  },
];

function modelFor(g: Graph): NativeModel {
  const model = nativeModel(g, mse, 2);
  randomizeWeights(model);
  return model;
}

describe('gradients match finite differences', () => {
  it.each(cases)('$name', ({ input, layer }) => {
    // A Dense before the layer checks that the gradient it hands back reaches an earlier layer's weights.
    const model = modelFor(chain(input, ['Dense', { units: input.at(-1) }], layer));
    try {
      const x = randomFloats(BATCH * model.inputSize, 7);
      const y = randomFloats(BATCH * model.outputSize, 11);
      expect(finiteDifferenceFailures(model, x, y)).toEqual([]);
    } finally {
      model.dispose();
    }
  });
});

// --- LayerNormalization against float64 --------------------------------------------------------------

/** Keras' formula in float64: y = (x - mean) / sqrt(var + eps) * gamma + beta per row of d values. */
function layerNorm64(x: Float64Array, d: number, eps: number, gamma: Float64Array, beta: Float64Array) {
  const y = new Float64Array(x.length);
  for (let r = 0; r < x.length / d; r++) {
    const row = x.subarray(r * d, (r + 1) * d);
    const mean = row.reduce((s, v) => s + v, 0) / d;
    const variance = row.reduce((s, v) => s + (v - mean) ** 2, 0) / d;
    const inv = 1 / Math.sqrt(variance + eps);
    row.forEach((v, j) => (y[r * d + j] = (v - mean) * inv * (gamma[j] as number) + (beta[j] as number)));
  }
  return y;
}

describe('LayerNormalization against a float64 reference', () => {
  it('has the same values, loss and gradients (central differences in float64)', () => {
    const [positions, d, eps] = [4, 5, 1e-3];
    const model = modelFor(chain([positions, d], ['LayerNormalization']));
    try {
      const x = randomFloats(BATCH * positions * d, 7, -2, 2);
      const target = randomFloats(x.length, 11);
      const w = model.getWeights();
      const f64 = (a: Float32Array) => Float64Array.from(a);
      const [x64, gamma, beta] = [
        f64(x),
        f64(w['layer_normalization/gamma']!),
        f64(w['layer_normalization/beta']!),
      ];
      const loss64 = (xs: Float64Array, g: Float64Array, b: Float64Array) =>
        layerNorm64(xs, d, eps, g, b).reduce((s, v, i) => s + (v - (target[i] as number)) ** 2, 0) /
        xs.length;
      const numeric = (values: Float64Array, at: (v: Float64Array) => number) =>
        Float32Array.from(values, (_, i) => {
          const [up, down] = [Float64Array.from(values), Float64Array.from(values)];
          up[i] = (up[i] as number) + 1e-6;
          down[i] = (down[i] as number) - 1e-6;
          return (at(up) - at(down)) / 2e-6;
        });

      const output = model.predict(x);
      expect(relativeError(output, Float32Array.from(layerNorm64(x64, d, eps, gamma, beta)))).toBeLessThan(
        1e-6,
      );
      const result = model.computeGradients(x, target, { training: true });
      expect(Math.abs(result.loss - loss64(x64, gamma, beta))).toBeLessThan(1e-6);
      const expected = {
        input: numeric(x64, (v) => loss64(v, gamma, beta)),
        gamma: numeric(gamma, (v) => loss64(x64, v, beta)),
        beta: numeric(beta, (v) => loss64(x64, gamma, v)),
      };
      expect(relativeError(result.inputGradient, expected.input)).toBeLessThan(1e-4);
      expect(relativeError(result.gradients['layer_normalization/gamma']!, expected.gamma)).toBeLessThan(
        1e-4,
      );
      expect(relativeError(result.gradients['layer_normalization/beta']!, expected.beta)).toBeLessThan(1e-4);
    } finally {
      model.dispose();
    }
  });
});

// --- parity with @tensorflow/tfjs -----------------------------------------------------------------------

type Apply = (x: tf.Tensor) => tf.Tensor;

interface Reference {
  /** The forward pass of tfjs' own layer (built on first use). */
  readonly forward: Apply;
  /** What to differentiate: the same function where tfjs' gradient of it is sound. */
  readonly differentiable: Apply;
  /** The tfjs layer whose variables stand for our trainable weights (by weight name). */
  readonly weights?: tf.layers.Layer;
}

/** Keras 3's nearest upsampling as it is written there: repeat along height, then width (rank-3 tiles,
 *  the ranks tfjs can differentiate). */
const repeat = (x: tf.Tensor, [sh, sw]: readonly [number, number]) => {
  const [n = 0, h = 0, w = 0, c = 0] = x.shape;
  const tall = tf.tile(tf.reshape(x, [n * h, 1, w * c]), [1, sh, 1]);
  const wide = tf.tile(tf.reshape(tall, [n * h * sh * w, 1, c]), [1, sw, 1]);
  return tf.reshape(wide, [n, h * sh, w * sw, c]);
};

function tfjsReference(layer: LayerSpec, ours: NativeModel): Reference {
  const node = ours.plan.nodes[1]!;
  // The engine validated these params; tfjs takes them as its own option types.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const p = node.params as Record<string, any>;
  const applyOf = (l: tf.layers.Layer) => (x: tf.Tensor) => l.apply(x) as tf.Tensor;
  switch (layer[0]) {
    case 'LayerNormalization': {
      // tfjs' layerNormalization without gamma or beta fails in backprop (undefined tensor): gradients
      // come from the full layer with the missing half fixed at the identity, which is what Keras means.
      const forward = tf.layers.layerNormalization({ epsilon: p.epsilon, center: p.center, scale: p.scale });
      const full = tf.layers.layerNormalization({ epsilon: p.epsilon });
      const shape = [BATCH, ...node.inputShapes[0]!];
      forward.apply(tf.zeros(shape));
      full.apply(tf.zeros(shape));
      const weights = ours.getWeights();
      const value = (name: string, fill: number) =>
        weights[`${node.name}/${name}`] ?? new Float32Array(node.outputShape.at(-1)!).fill(fill);
      // tfjs creates gamma, then beta, like Keras and our weight list.
      expect(forward.weights.map((v) => v.name.split('/').at(-1))).toEqual(
        node.weights.map((w) => w.name.split('/').at(-1)),
      );
      forward.setWeights(node.weights.map((w) => tf.tensor(weights[w.name]!)));
      full.setWeights([tf.tensor(value('gamma', 1)), tf.tensor(value('beta', 0))]);
      return { forward: applyOf(forward), differentiable: applyOf(full), weights: full };
    }
    case 'ZeroPadding2D': {
      const apply = applyOf(tf.layers.zeroPadding2d({ padding: p.padding }));
      return { forward: apply, differentiable: apply };
    }
    case 'Cropping2D': {
      const apply = applyOf(tf.layers.cropping2D({ cropping: p.cropping }));
      return { forward: apply, differentiable: apply };
    }
    case 'UpSampling2D': {
      const size: readonly [number, number] = p.size;
      // tfjs 4.22's resizeNearestNeighbor gradient is wrong past the first sample of a batch (measured:
      // it disagrees with finite differences of its own forward there), so the repeat Keras 3 uses stands in.
      if (p.interpolation === 'nearest')
        return {
          forward: applyOf(tf.layers.upSampling2d({ size: [...size] })),
          differentiable: (x) => repeat(x, size),
        };
      // Keras 3's bilinear is tf.image.resize with half-pixel centers; tfjs' upSampling2d has none.
      // tfjs' resizeBilinear gradient throws on these shapes (it returns a transposed shape), so only the
      // forward is compared; the finite-difference test above checks our backward.
      return {
        forward: (x) => {
          const [, h = 0, w = 0] = x.shape;
          return tf.image.resizeBilinear(x as tf.Tensor4D, [h * size[0], w * size[1]], false, true);
        },
        differentiable: () => {
          throw new Error('no tfjs gradient');
        },
      };
    }
  }
  throw new Error(`no tfjs reference for ${layer[0]}`);
}

describe('parity with TensorFlow.js (1e-4)', () => {
  it.each(cases)('$name: outputs and gradients', ({ input, layer }) => {
    const model = modelFor(chain(input, layer));
    try {
      const x = randomFloats(BATCH * model.inputSize, 3);
      const target = randomFloats(BATCH * model.outputSize, 5);
      const reference = tfjsReference(layer, model);
      const xs = tf.tensor(x, [BATCH, ...input]);
      const ys = tf.tensor(target, [BATCH, ...model.plan.outputShape]);
      expect(relativeError(model.predict(x), reference.forward(xs).dataSync() as Float32Array)).toBeLessThan(
        1e-4,
      );
      if (layer[1]?.interpolation === 'bilinear') return;

      const loss = (t: tf.Tensor) => tf.mean(tf.square(tf.sub(reference.differentiable(t), ys))) as tf.Scalar;
      const result = model.computeGradients(x, target, { training: true });
      expect(Math.abs(result.loss - (loss(xs).dataSync()[0] as number))).toBeLessThan(1e-5);
      const inputGradient = tf.grad(loss)(xs).dataSync() as Float32Array;
      expect(relativeError(result.inputGradient, inputGradient)).toBeLessThan(1e-4);
      if (reference.weights === undefined) return;
      const { grads } = tf.variableGrads(() => loss(xs));
      for (const variable of reference.weights.trainableWeights) {
        const name = `${model.plan.nodes[1]!.name}/${variable.name.split('/').at(-1)}`;
        if (result.gradients[name] === undefined) continue; // fixed at the identity on our side
        const expected = grads[variable.name]!.dataSync() as Float32Array;
        expect(relativeError(result.gradients[name], expected), name).toBeLessThan(1e-4);
      }
    } finally {
      model.dispose();
    }
  });
});
