// `layerwise summary` of a model with DepthwiseConv2D, SeparableConv2D and Conv2DTranspose: output shapes
// and parameter counts as Keras 3's model.summary() computes them (formulas in the comments).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './main';

const nodes = [
  { id: 'in', type: 'InputLayer', params: { shape: [28, 28, 1] } },
  { id: 'dw', type: 'DepthwiseConv2D', params: { kernel_size: 3, depth_multiplier: 8, padding: 'same' } },
  {
    id: 'sep',
    type: 'SeparableConv2D',
    params: { filters: 16, kernel_size: 3, strides: 2, padding: 'same' },
  },
  { id: 'up', type: 'Conv2DTranspose', params: { filters: 4, kernel_size: 3, strides: 2 } },
];

describe('layerwise summary of the depthwise, separable and transposed convolutions', () => {
  it('gives Keras shapes and parameter counts', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'layerwise-cli-')), 'conv-variants.json');
    const edges = nodes.slice(1).map((n, i) => ({ source: nodes[i]?.id, target: n.id }));
    writeFileSync(
      file,
      JSON.stringify({ format: 'layerwise-model', version: 1, name: 'cv', graph: { nodes, edges } }),
    );
    const result = await runCli(['summary', file, '--json']);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    const rows = summary.layers.map((l: { output_shape: unknown; params: number }) => [
      l.output_shape,
      l.params,
    ]);
    // DepthwiseConv2D: kh*kw*cin*dm + cin*dm = 3*3*1*8 + 8; 'same' keeps 28x28, channels 1*8.
    // SeparableConv2D: kh*kw*cin*dm + cin*dm*f + f = 3*3*8*1 + 8*1*16 + 16; 'same' stride 2: ceil(28/2).
    // Conv2DTranspose: kh*kw*f*cin + f = 3*3*4*16 + 4; 'valid' stride 2: 14*2 + max(3-2, 0) = 29.
    expect(rows).toEqual([
      [[null, 28, 28, 1], 0],
      [[null, 28, 28, 8], 3 * 3 * 1 * 8 + 8],
      [[null, 14, 14, 16], 3 * 3 * 8 * 1 + 8 * 1 * 16 + 16],
      [[null, 29, 29, 4], 3 * 3 * 4 * 16 + 4],
    ]);
    const total = 80 + 216 + 580;
    expect([summary.total_params, summary.trainable_params, summary.non_trainable_params]).toEqual([
      total,
      total,
      0,
    ]);
    const table = (await runCli(['summary', file])).stdout;
    expect(table).toMatch(/depthwise_conv2d \(DepthwiseConv2D\)\s+│?\s*\(None, 28, 28, 8\)\s+│?\s*80/);
    expect(table).toContain(`Total params: ${total}`);
  });
});
