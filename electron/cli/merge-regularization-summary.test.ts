// `layerwise summary` of a model with every layer of the merge and regularization group: output shapes
// and parameter counts as Keras' model.summary() gives them. Keras' formulas: Multiply, Subtract,
// Average, Maximum, Minimum, SpatialDropout2D, GaussianNoise and ActivityRegularization have no weights
// (0 params each); Conv2D kh*kw*cin*filters + filters; Dense in*units + units.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeRegularizationGraph } from '../../engine/formats/merge-regularization.test-support';
import { runCli } from './main';

describe('layerwise summary of the merge and regularization layers', () => {
  it('gives Keras shapes and parameter counts', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'layerwise-summary-')), 'model.json');
    const model = {
      format: 'layerwise-model',
      version: 2,
      name: 'merges',
      graph: mergeRegularizationGraph(),
    };
    writeFileSync(file, JSON.stringify(model));
    const result = await runCli(['summary', file, '--json']);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as {
      layers: { id: string; type: string; output_shape: (number | null)[]; params: number }[];
      total_params: number;
      trainable_params: number;
      non_trainable_params: number;
    };
    const rows = Object.fromEntries(summary.layers.map((l) => [l.id, [l.type, l.output_shape, l.params]]));
    const image = [null, 14, 14, 4];
    expect(rows).toEqual({
      in: ['InputLayer', [null, 28, 28, 1], 0],
      a: ['Conv2D', image, 3 * 3 * 1 * 4 + 4],
      b: ['Conv2D', image, 1 * 1 * 1 * 4 + 4],
      c: ['Conv2D', image, 3 * 3 * 1 * 4 + 4],
      d: ['Dense', image, 4 * 4 + 4],
      mul: ['Multiply', image, 0],
      sub: ['Subtract', image, 0],
      avg: ['Average', image, 0],
      max: ['Maximum', image, 0],
      min: ['Minimum', image, 0],
      drop: ['SpatialDropout2D', image, 0],
      pool: ['MaxPooling2D', [null, 7, 7, 4], 0],
      flat: ['Flatten', [null, 196], 0],
      noise: ['GaussianNoise', [null, 196], 0],
      activity: ['ActivityRegularization', [null, 196], 0],
      out: ['Dense', [null, 10], 196 * 10 + 10],
    });
    const total = 40 + 8 + 40 + 20 + 1970;
    expect([summary.total_params, summary.trainable_params, summary.non_trainable_params]).toEqual([
      total,
      total,
      0,
    ]);
  });
});
