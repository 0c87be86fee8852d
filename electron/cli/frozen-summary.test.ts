// `layerwise summary` of a model with a frozen layer (trainable: false): its params move to the
// non-trainable count in the table and the JSON, which marks the layer.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './main';

const file = join(mkdtempSync(join(tmpdir(), 'layerwise-cli-frozen-')), 'frozen.json');
writeFileSync(
  file,
  JSON.stringify({
    format: 'layerwise-model',
    version: 2,
    name: 'frozen',
    graph: {
      nodes: [
        { id: 'in', type: 'InputLayer', params: { shape: [28, 28, 1] } },
        { id: 'conv', type: 'Conv2D', params: { filters: 32 }, trainable: false },
        { id: 'bn', type: 'BatchNormalization' },
      ],
      edges: [
        { source: 'in', target: 'conv' },
        { source: 'conv', target: 'bn' },
      ],
    },
  }),
);

describe('layerwise summary with a frozen layer', () => {
  it("counts the frozen Conv2D's 320 params as non-trainable, as Keras does", async () => {
    const summary = JSON.parse((await runCli(['summary', file, '--json'])).stdout);
    // conv 3·3·1·32 + 32 = 320 (frozen); bn 4·32 = 128, of which the moving 64 are non-trainable.
    expect([summary.total_params, summary.trainable_params, summary.non_trainable_params]).toEqual([
      448, 64, 384,
    ]);
    expect(summary.layers[1]).toMatchObject({
      id: 'conv',
      params: 320,
      trainable_params: 0,
      trainable: false,
    });
    expect(summary.layers[2]).toMatchObject({ id: 'bn', trainable_params: 64, trainable: true });
    const table = (await runCli(['summary', file])).stdout;
    expect(table).toContain('Trainable params: 64 (256.00 B)');
    expect(table).toContain('Non-trainable params: 384 (1.50 KB)');
  });
});
