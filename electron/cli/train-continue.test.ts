// `layerwise train --continue`: an edited model file starts from its saved weights where they fit, and
// the CLI says which layers kept them and which start afresh.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serializeModelFile, type ModelFile } from '../../engine';
import { base64ToBytes } from '../../engine/formats/weights';
import { runCli } from './main';
import { mlpWithWeights } from './test-support';

const scratch = mkdtempSync(join(tmpdir(), 'layerwise-continue-'));
const run = ['--limit', '256', '--epochs', '1', '--threads', '1'];

/** The trained MLP with a BatchNormalization put between its two Dense layers. */
function editedMlp(): ModelFile {
  const model = mlpWithWeights(0.01);
  return {
    ...model,
    graph: {
      nodes: [...model.graph.nodes, { id: 'bn', type: 'BatchNormalization' }],
      edges: [
        ...model.graph.edges.filter((e) => e.target !== 'output'),
        { source: 'dense', target: 'bn' },
        { source: 'bn', target: 'output' },
      ],
    },
  };
}

describe('layerwise train --continue', () => {
  it('reports kept and initialised layers in words, and in the started event with --json', async () => {
    const file = join(scratch, 'edited.json');
    writeFileSync(file, serializeModelFile(editedMlp()));
    const words = await runCli(['train', file, '--continue', ...run]);
    expect(words.stderr).toBe('');
    expect(words.code).toBe(0);
    expect(words.stdout.split('\n')[0]).toBe(
      'continuing from the saved weights: kept dense, dense_1 (2 layers); initialised batch_normalization (new or renamed layer)',
    );

    const json = await runCli(['train', file, '--continue', '--json', ...run]);
    expect(JSON.parse(json.stdout.split('\n')[0] as string)).toMatchObject({
      event: 'started',
      continued: { kept: ['dense', 'dense_1'], initialised: ['batch_normalization'] },
    });
  }, 60_000); // two runs training for real, each with its test-set evaluation

  it('reads saved weights from a sidecar weights file', async () => {
    const model = editedMlp();
    const tensors = model.weights?.tensors ?? [];
    const bytes = tensors.map((t) => base64ToBytes(t.data ?? ''));
    const offsets = bytes.map((_, i) => bytes.slice(0, i).reduce((sum, b) => sum + b.length, 0));
    writeFileSync(join(scratch, 'sidecar.bin'), Buffer.concat(bytes));
    const file = join(scratch, 'sidecar.json');
    const withSidecar: ModelFile = {
      ...model,
      weights: {
        dtype: 'float32',
        file: 'sidecar.bin',
        tensors: tensors.map(({ name, shape }, i) => ({ name, shape, byteOffset: offsets[i] as number })),
      },
    };
    writeFileSync(file, serializeModelFile(withSidecar));
    const result = await runCli(['train', file, '--continue', '--json', ...run]);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout.split('\n')[0] as string)).toMatchObject({
      continued: { kept: ['dense', 'dense_1'], initialised: ['batch_normalization'] },
    });
  }, 60_000);

  it('refuses --continue on a file without weights, before training', async () => {
    const bare = join(scratch, 'bare.json');
    const { weights: _dropped, ...untrained } = editedMlp();
    writeFileSync(bare, serializeModelFile(untrained));
    const refused = await runCli(['train', bare, '--continue', ...run]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('no weights to continue from');
  });
});
