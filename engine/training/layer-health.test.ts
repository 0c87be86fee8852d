import { describe, expect, it } from 'vitest';
import type { LayerStatistics } from '../api/events';
import { activationOf, graphHealth, layerHealth } from './layer-health';

type Overrides = Partial<Omit<LayerStatistics, 'output'>> & { output?: Partial<LayerStatistics['output']> };

function stats(overrides: Overrides = {}): LayerStatistics {
  const { output, ...rest } = overrides;
  return {
    name: 'conv2d',
    type: 'Conv2D',
    gradient_norm: 0.5,
    weights: [
      { name: 'kernel', norm: 3, gradient_norm: 0.2, update_ratio: 0.001 },
      { name: 'bias', norm: 0, gradient_norm: 0.1, update_ratio: null },
    ],
    forward_ms: 1,
    backward_ms: 2,
    ...rest,
    output: { mean: 0.3, std: 0.4, zero_fraction: 0.2, saturated_fraction: 0, ...output },
  };
}

const kinds = (s: LayerStatistics, context = {}) => layerHealth(s, context).findings.map((f) => f.kind);

describe('layerHealth', () => {
  it('finds nothing wrong with ordinary numbers', () => {
    expect(layerHealth(stats(), { activation: 'relu', above: stats() })).toEqual({
      level: 'good',
      findings: [],
    });
  });

  it('calls a ReLU whose every output is zero a dead-ReLU problem', () => {
    const health = layerHealth(stats({ output: { zero_fraction: 1 } }), { activation: 'relu' });
    expect(health.level).toBe('problem');
    expect(health.findings).toEqual([{ kind: 'dead_relu', level: 'problem', zeroFraction: 1 }]);
  });

  it('warns between the dead-ReLU thresholds and not at or below them', () => {
    const at = (z: number) =>
      layerHealth(stats({ output: { zero_fraction: z } }), { activation: 'relu' }).level;
    expect(at(0.62)).toBe('good'); // measured on the healthy seed CNN
    expect(at(0.7)).toBe('good');
    expect(at(0.71)).toBe('warning');
    expect(at(0.9)).toBe('warning');
    expect(at(0.91)).toBe('problem');
  });

  it('leaves zeros alone in layers that are not ReLU', () => {
    expect(kinds(stats({ output: { zero_fraction: 0.9 } }), { activation: null })).toEqual([]);
    expect(kinds(stats({ output: { zero_fraction: 0.9 } }), { activation: 'leaky_relu' })).toEqual([]);
  });

  it('warns of saturated sigmoid and tanh outputs above half, not at half', () => {
    const sat = (f: number, activation: string) =>
      layerHealth(stats({ output: { saturated_fraction: f } }), { activation, above: stats() });
    expect(sat(0.6, 'sigmoid').findings).toEqual([
      { kind: 'saturated', level: 'warning', activation: 'sigmoid', saturatedFraction: 0.6 },
    ]);
    expect(sat(0.51, 'tanh').level).toBe('warning');
    expect(sat(0.5, 'tanh').level).toBe('good');
    expect(sat(0.9, 'relu').level).toBe('good');
  });

  it('warns of a saturated softmax inside the model but not of a confident output layer', () => {
    const s = stats({ output: { saturated_fraction: 0.95 } });
    expect(layerHealth(s, { activation: 'softmax', above: stats() }).level).toBe('warning');
    expect(layerHealth(s, { activation: 'softmax', above: null }).level).toBe('good');
  });

  it('warns of a gradient a millionth of the layer above', () => {
    const above = stats({ gradient_norm: 2 });
    const health = layerHealth(stats({ gradient_norm: 1e-7 }), { above });
    expect(health.findings).toEqual([
      { kind: 'vanishing_gradient', level: 'warning', gradientNorm: 1e-7, aboveGradientNorm: 2 },
    ]);
    expect(layerHealth(stats({ gradient_norm: 3e-6 }), { above }).level).toBe('good'); // 1.5e-6 of it
  });

  it('warns of a gradient under the absolute floor even without a layer above', () => {
    expect(kinds(stats({ gradient_norm: 1e-10 }))).toEqual(['vanishing_gradient']);
    expect(kinds(stats({ gradient_norm: 2e-9 }))).toEqual([]);
    expect(kinds(stats({ gradient_norm: null }))).toEqual([]); // no gradient flows (an input)
  });

  it('grades the largest weight update ratio', () => {
    const ratio = (r: number) =>
      layerHealth(stats({ weights: [{ name: 'kernel', norm: 1, gradient_norm: 1, update_ratio: r }] }));
    expect(ratio(0.01).level).toBe('good');
    expect(ratio(0.02).findings).toEqual([
      { kind: 'high_update_ratio', level: 'warning', weight: 'kernel', updateRatio: 0.02 },
    ]);
    expect(ratio(0.1).level).toBe('warning');
    expect(ratio(0.2).level).toBe('problem');
  });

  it('leaves biases out of the update ratio rule', () => {
    const weights = [
      { name: 'dense/kernel', norm: 1, gradient_norm: 1, update_ratio: 0.002 },
      { name: 'dense/bias', norm: 0.01, gradient_norm: 1, update_ratio: 0.5 },
    ];
    expect(layerHealth(stats({ weights })).level).toBe('good');
    expect(layerHealth(stats({ weights: [{ ...weights[1]!, name: 'dense/gamma' }] })).level).toBe('problem');
  });

  it('calls any non-finite number a problem and names it', () => {
    expect(layerHealth(stats({ output: { mean: Number.NaN } })).findings[0]).toEqual({
      kind: 'non_finite',
      level: 'problem',
      field: 'output.mean',
    });
    const weights = [{ name: 'kernel', norm: Number.POSITIVE_INFINITY, gradient_norm: 1, update_ratio: 0 }];
    expect(layerHealth(stats({ weights })).findings[0]).toMatchObject({
      field: 'kernel.norm',
      level: 'problem',
    });
    expect(layerHealth(stats({ gradient_norm: Number.NaN })).level).toBe('problem');
  });

  it('reports every finding, at the level of the worst', () => {
    const health = layerHealth(
      stats({
        output: { zero_fraction: 0.8 },
        weights: [{ name: 'kernel', norm: 1, gradient_norm: 1, update_ratio: 0.5 }],
      }),
      { activation: 'relu' },
    );
    expect(health.level).toBe('problem');
    expect(health.findings.map((f) => [f.kind, f.level])).toEqual([
      ['dead_relu', 'warning'],
      ['high_update_ratio', 'problem'],
    ]);
  });
});

describe('activationOf', () => {
  it('reads the activation from the layer type or its activation param', () => {
    expect(activationOf('ReLU')).toBe('relu');
    expect(activationOf('ReLU', { negative_slope: 0.1 })).toBe('leaky_relu');
    expect(activationOf('Softmax')).toBe('softmax');
    expect(activationOf('Dense', { activation: 'sigmoid' })).toBe('sigmoid');
    expect(activationOf('Conv2D', { activation: 'linear' })).toBeNull();
    expect(activationOf('Flatten')).toBeNull();
  });
});

describe('graphHealth', () => {
  it('compares each gradient with the next layer towards the output', () => {
    const layers = [
      stats({ name: 'a', gradient_norm: 1e-8 }),
      stats({ name: 'b', gradient_norm: 1 }),
      stats({ name: 'c', gradient_norm: 1e-8 }),
    ];
    const health = graphHealth(layers, () => null);
    expect(health.get('a')?.level).toBe('warning'); // 1e-8 of b's
    expect(health.get('b')?.level).toBe('good');
    expect(health.get('c')?.level).toBe('good'); // the output: nothing above, above the floor
  });

  it('uses the activations it is given', () => {
    const layers = [stats({ name: 'a', output: { zero_fraction: 0.95 } }), stats({ name: 'b' })];
    expect(graphHealth(layers, (l) => (l.name === 'a' ? 'relu' : null)).get('a')?.level).toBe('problem');
    expect(graphHealth(layers).get('a')?.level).toBe('good'); // a Conv2D with no activation param given
  });
});
