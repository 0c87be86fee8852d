// TF.js import of what Layerwise cannot compute: unsupported layers are named, one issue per layer, and
// unsupported settings of supported layers name the layer and the field; nothing is returned.
import { describe, expect, it } from 'vitest';
import { importTfjs } from '.';

const kerasLayer = (className: string, config: Record<string, unknown>) => ({
  class_name: className,
  config,
});

describe('TF.js import of unsupported layers and settings', () => {
  it('names every unsupported layer, one issue each, and returns nothing', () => {
    const layers = [
      kerasLayer('InputLayer', { name: 'tokens', batch_input_shape: [null, 12] }),
      kerasLayer('Embedding', { name: 'embedding', input_dim: 100, output_dim: 8 }),
      kerasLayer('LSTM', { name: 'lstm_1', units: 4 }),
      kerasLayer('Dense', { name: 'dense', units: 2 }),
      kerasLayer('Sequential', { name: 'nested', layers: [] }),
    ];
    const imported = importTfjs({ modelTopology: { class_name: 'Sequential', config: { layers } } }, {});
    expect(imported.ok).toBe(false);
    if (imported.ok) return;
    expect(imported.issues.map((i) => [i.code, i.where.nodeId])).toEqual([
      ['E_UNKNOWN_TYPE', 'embedding'],
      ['E_UNKNOWN_TYPE', 'lstm_1'],
      ['E_UNKNOWN_TYPE', 'nested'],
    ]);
    expect(imported.issues[1]?.message).toBe(
      "layer 'lstm_1' (LSTM) is not supported: Layerwise has InputLayer, Dense, Flatten, Reshape, Conv2D, " +
        'MaxPooling2D, AveragePooling2D, GlobalAveragePooling2D, GlobalMaxPooling2D, BatchNormalization, ' +
        'Dropout, Add, Concatenate, Activation, RandomFlip, RandomTranslation, RandomRotation, RandomZoom, ' +
        'RandomContrast, LeakyReLU, ReLU, Softmax, ELU',
    );
  });

  it.each([
    [
      'Conv2D',
      { filters: 2, kernel_size: 3, data_format: 'channels_first' },
      'data_format',
      /"channels_first" is not supported: Layerwise images are 'channels_last'/,
    ],
    [
      'Conv2D',
      { filters: 2, kernel_size: 3, dilation_rate: [2, 2] },
      'dilation_rate',
      /\[2,2\] is not supported: Layerwise convolutions are not dilated/,
    ],
    [
      'Conv2D',
      { filters: 2, kernel_size: 3, activation: 'relu6' },
      'activation',
      /activation "relu6" is not supported/,
    ],
    ['LeakyReLU', { alpha: 0.3 }, 'alpha', /slope 0.3 is not supported/],
    [
      'BatchNormalization',
      { axis: 1 },
      'axis',
      /axis 1 is not supported: Layerwise normalizes the last axis/,
    ],
    ['GlobalMaxPooling2D', { keepdims: true }, 'keepdims', /keepdims true is not supported/],
  ])('%s %j: a clear issue on that field', (className, config, field, message) => {
    const layers = [
      kerasLayer('InputLayer', { name: 'image', batch_input_shape: [null, 6, 6, 2] }),
      kerasLayer(className, { name: 'layer', ...config }),
    ];
    const imported = importTfjs({ modelTopology: { class_name: 'Sequential', config: { layers } } }, {});
    expect(imported.ok).toBe(false);
    if (imported.ok) return;
    expect(imported.issues).toHaveLength(1);
    expect(imported.issues[0]?.where).toEqual({ nodeId: 'layer', field });
    expect(imported.issues[0]?.message).toMatch(message);
  });
});
