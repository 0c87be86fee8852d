// The augmentation layers' definitions: Keras' summary (no weights, the input's shape), their factor
// params in every form Keras takes, the native params each form resolves to, and the Keras config both
// ways.
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../analyze';
import { compileGraph } from '../compile';
import { KERAS_LAYERS } from '../formats/layer-tables';
import { quickParams } from '../quick-params';
import { getLayer, resolveParams } from '../registry';
import { summarize } from '../summary';
import { chain } from '../testing/graphs';

const TYPES = ['RandomFlip', 'RandomTranslation', 'RandomRotation', 'RandomZoom', 'RandomContrast'];

describe('summary', () => {
  it("matches Keras' model.summary() for an augmented CNN", () => {
    // Keras: augmentation layers have no weights and keep (None, 28, 28, 1); Conv2D(8, 3):
    // 3*3*1*8 + 8 = 80; Dense(10) on 13*13*8 = 1352 features: 1352*10 + 10 = 13530.
    const g = chain(
      [28, 28, 1],
      ...TYPES.map((t) => [t] as const),
      ['Conv2D', { filters: 8, kernel_size: 3 }],
      ['MaxPooling2D'],
      ['Flatten'],
      ['Dense', { units: 10 }],
    );
    const summary = summarize(analyzeGraph(g));
    expect(summary.layers.map((l) => [l.type, l.output_shape, l.params])).toEqual([
      ['InputLayer', [null, 28, 28, 1], 0],
      ...TYPES.map((t) => [t, [null, 28, 28, 1], 0]),
      ['Conv2D', [null, 26, 26, 8], 80],
      ['MaxPooling2D', [null, 13, 13, 8], 0],
      ['Flatten', [null, 1352], 0],
      ['Dense', [null, 10], 13530],
    ]);
    expect(summary.total_params).toBe(13610);
  });

  it.each(TYPES)('%s needs an image and says so', (type) => {
    expect(analyzeGraph(chain([64], [type])).issues.map((i) => i.message)).toEqual([
      `${type.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase()} needs a (height, width, channels) input, got input_layer (64,): move it before the Flatten, or add a Reshape to (height, width, channels)`,
    ]);
  });
});

const resolved = (type: string, raw: Record<string, unknown>) => {
  const r = resolveParams(getLayer(type)!, raw, 'n');
  return r.params ?? r.issues.map((i) => i.message);
};

describe('factor params', () => {
  it.each([
    ['RandomRotation', { factor: 0.2 }, 0.2],
    ['RandomRotation', { factor: [-0.1, 0.3] }, [-0.1, 0.3]],
    ['RandomRotation', { factor: [0.25] }, 0.25],
    ['RandomRotation', { factor: [0.1, 0.1] }, [0.1, 0.1]],
    ['RandomContrast', { factor: [0, 1] }, [0, 1]],
  ] as const)('%s %j reads as %j', (type, raw, value) => {
    expect(resolved(type, raw)).toMatchObject({ factor: value });
  });

  it.each([
    ['RandomRotation', { factor: [0.3, 0.1] }, 'factor'],
    ['RandomRotation', { factor: 1.5 }, 'factor'],
    ['RandomRotation', { factor: [0, 0.1, 0.2] }, 'factor'],
    ['RandomRotation', { factor: 'big' }, 'factor'],
    ['RandomContrast', { factor: -0.1 }, 'factor'],
    // Keras 2 read (0.5, 0.25) as [0.5, 1.25], Keras 3 sorts it to [0.75, 1.5]: only lower ≤ upper agrees.
    ['RandomContrast', { factor: [0.5, 0.25] }, 'factor'],
    ['RandomTranslation', { height_factor: [-2, 0] }, 'height_factor'],
    ['RandomZoom', { width_factor: [0.5, 0.2] }, 'width_factor'],
  ] as const)('%s %j is refused naming %s and its bounds', (type, raw, field) => {
    const [message] = resolved(type, raw) as string[];
    expect(message).toMatch(
      new RegExp(`^n's ${field} must be a number from -?[01] to 1 or a pair \\[lower, upper\\]`),
    );
  });

  it('value_range is a rising pair; seed a whole number or null', () => {
    expect(resolved('RandomContrast', { value_range: [0.5, 0.5] })).toEqual([
      "n's value_range must be a pair [lower, upper] of numbers from -1000000 to 1000000 with lower < upper",
    ]);
    expect(resolved('RandomFlip', { seed: 1.5 })).toEqual([
      "n's seed must be a whole number from 0 to 2147483647",
    ]);
    expect(resolved('RandomFlip', { seed: null })).toEqual({ mode: 'horizontal_and_vertical', seed: null });
  });
});

describe('native params', () => {
  const native = (type: string, params: Record<string, unknown>) => {
    const compiled = compileGraph(chain([8, 8, 3], [type, params]));
    if (!compiled.ok) throw new Error(compiled.issues.map((i) => i.message).join('\n'));
    const node = compiled.plan.nodes[1]!;
    return getLayer(type)!.formats!.native(node);
  };

  it.each([
    ['RandomFlip', {}, { horizontal: true, vertical: true, has_seed: false, seed: 0 }],
    [
      'RandomFlip',
      { mode: 'vertical', seed: 5 },
      { horizontal: false, vertical: true, has_seed: true, seed: 5 },
    ],
    [
      'RandomTranslation',
      { height_factor: 0.2, width_factor: [-0.1, 0.3] },
      {
        height_range: [-0.2, 0.2],
        width_range: [-0.1, 0.3],
        fill_mode: 'reflect',
        interpolation: 'bilinear',
      },
    ],
    ['RandomRotation', { factor: -0.1 }, { angle_range: [-0.1, 0.1], fill_value: 0 }],
    [
      'RandomZoom',
      { height_factor: [-0.2, 0.4] },
      { height_range: [-0.2, 0.4], width_range: [-0.2, 0.4], keep_aspect: true },
    ],
    [
      'RandomZoom',
      { height_factor: 0.1, width_factor: 0.3, fill_mode: 'constant' },
      { height_range: [-0.1, 0.1], width_range: [-0.3, 0.3], keep_aspect: false, fill_mode: 'constant' },
    ],
    ['RandomContrast', { factor: 0.25 }, { contrast_range: [0.75, 1.25], value_range: [0, 255] }],
    ['RandomContrast', { factor: [0.25, 0.5] }, { contrast_range: [0.75, 1.5] }],
  ] as const)('%s %j resolves to %j', (type, params, expected) => {
    expect(native(type, params)).toMatchObject(expected);
  });
});

describe('Keras config', () => {
  it.each([
    ['RandomFlip', { mode: 'vertical', seed: 4 }],
    [
      'RandomTranslation',
      { height_factor: [-0.1, 0.2], width_factor: 0.3, fill_mode: 'constant', fill_value: 0.5 },
    ],
    ['RandomRotation', { factor: 0.1, interpolation: 'nearest', seed: 9 }],
    ['RandomZoom', { height_factor: 0.2, width_factor: [0.1, 0.3], fill_mode: 'nearest' }],
    ['RandomContrast', { factor: [0.1, 0.4], value_range: [0, 1] }],
  ] as const)('%s: our params → Keras config → our params', (type, raw) => {
    const params = resolveParams(getLayer(type)!, raw, 'n').params!;
    const mapping = KERAS_LAYERS[type]!;
    const config = mapping.toKeras(params);
    expect(config).toMatchObject(raw);
    expect(resolveParams(getLayer(type)!, mapping.fromKeras(config), 'n').params).toEqual(params);
    expect(mapping.trainingOnly).toBe(true);
  });
});

describe('quick add', () => {
  it.each([
    ['RandomRotation', '0.2 constant', { factor: 0.2, fill_mode: 'constant' }],
    ['RandomTranslation', '0.1 0.05', { height_factor: 0.1, width_factor: 0.05 }],
    ['RandomFlip', 'horizontal', { mode: 'horizontal' }],
    ['RandomContrast', '0.3', { factor: 0.3 }],
  ] as const)('%s %s', (type, words, params) => {
    expect(quickParams(getLayer(type)!, words.split(' '))).toEqual({ params, unused: [] });
  });
});
