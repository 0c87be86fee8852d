// `layerwise inspect` on a CNN trained by `layerwise train --out`: one PNG per layer in plan order
// (read back and checked pixel by pixel where the picture is predictable), stats.json against values
// computed here, and errors that name the file or the option.
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { mnistSamples } from '../../worker-native/test-support/trained-mnist';
import {
  gridLayout,
  PROBABILITY_BAR,
  PROBABILITY_GAP,
  PROBABILITY_HEIGHT,
  STRIP_HEIGHT,
  stripBarWidth,
} from './activation-images';
import { runCli } from './main';
import { decodePng } from './png-test-support';
import { openTrainedModel } from './trained-model';

const scratch = mkdtempSync(join(tmpdir(), 'layerwise-inspect-'));
const trained = join(scratch, 'cnn.json');
const INDEX = 3;

interface Stats {
  label: number;
  predicted: number;
  probabilities: number[];
  layers: {
    name: string;
    type: string;
    shape: number[];
    image: string;
    mean: number;
    std: number;
    zero_fraction: number;
    min: number;
    max: number;
  }[];
}

beforeAll(async () => {
  const args = ['train', 'assets/templates/mnist-cnn.json', '--limit', '600', '--epochs', '1'];
  const result = await runCli([...args, '--threads', '1', '--seed', '3', '--out', trained]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
}, 120_000);

describe('layerwise inspect', () => {
  const out = join(scratch, 'inspect');
  let stats: Stats;
  const png = (name: string) => decodePng(readFileSync(join(out, name)));

  beforeAll(async () => {
    const result = await runCli([
      'inspect',
      trained,
      '--dataset',
      'mnist',
      '--index',
      String(INDEX),
      '--out',
      out,
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    stats = JSON.parse(readFileSync(join(out, 'stats.json'), 'utf8'));
    expect(result.stdout).toBe(
      `mnist test image ${INDEX} (label ${stats.label}): predicted ${stats.predicted}; wrote 9 layer images and stats.json to ${out}`,
    );
  });

  it('writes one PNG per layer in plan order, and stats.json naming them', () => {
    const names = stats.layers.map((l, i) => `${String(i).padStart(2, '0')}-${l.name}.png`);
    expect(readdirSync(out).sort()).toEqual([...names, 'stats.json'].sort());
    expect(stats.layers.map((l) => l.image)).toEqual(names);
    expect(stats.layers.map((l) => [l.type, l.shape])).toEqual([
      ['InputLayer', [28, 28, 1]],
      ['Conv2D', [26, 26, 32]],
      ['MaxPooling2D', [13, 13, 32]],
      ['Conv2D', [11, 11, 64]],
      ['MaxPooling2D', [5, 5, 64]],
      ['Conv2D', [3, 3, 64]],
      ['Flatten', [576]],
      ['Dense', [64]],
      ['Dense', [10]],
    ]);
  });

  it('draws the input image as it is, and feature maps as tiled grids', () => {
    const { images } = mnistSamples('t10k', INDEX, 1);
    const input = png(stats.layers[0]?.image as string);
    const g = gridLayout([28, 28, 1]);
    expect([input.width, input.height, input.channels]).toEqual([g.imageWidth, g.imageHeight, 3]);
    // Normalised to the image's own 0..255 range: each pixel comes back, scaled up `g.scale` times.
    for (let y = 0; y < 28; y++)
      for (let x = 0; x < 28; x++) {
        const at = (y * g.scale * input.width + x * g.scale) * 3;
        const drawn = input.pixels[at] as number;
        expect([input.pixels[at + 1], input.pixels[at + 2]]).toEqual([drawn, drawn]);
        expect(Math.abs(drawn - (images[y * 28 + x] as number))).toBeLessThanOrEqual(1);
      }
    const conv = png(stats.layers[3]?.image as string);
    const layout = gridLayout([11, 11, 64]);
    expect([conv.width, conv.height, layout.columns, layout.rows]).toEqual([
      layout.imageWidth,
      layout.imageHeight,
      8,
      8,
    ]);
  });

  it('draws Dense outputs as a bar strip and the output as probabilities, the prediction in green', () => {
    const dense = png(stats.layers[7]?.image as string);
    expect([dense.width, dense.height, dense.channels]).toEqual([64 * stripBarWidth(64), STRIP_HEIGHT, 3]);
    const output = png(stats.layers[8]?.image as string);
    expect([output.width, output.height]).toEqual([
      10 * (PROBABILITY_BAR + PROBABILITY_GAP) + PROBABILITY_GAP,
      PROBABILITY_HEIGHT + 1,
    ]);
    const pixel = (x: number, y: number) => [
      ...output.pixels.subarray((y * output.width + x) * 3, (y * output.width + x) * 3 + 3),
    ];
    const barX = (k: number) => PROBABILITY_GAP + k * (PROBABILITY_BAR + PROBABILITY_GAP) + 1;
    expect(pixel(barX(stats.predicted), PROBABILITY_HEIGHT - 1)).toEqual([50, 160, 80]);
    // The predicted bar is as tall as its probability (on a 100-pixel scale).
    const top = Math.round((stats.probabilities[stats.predicted] as number) * PROBABILITY_HEIGHT);
    expect(pixel(barX(stats.predicted), PROBABILITY_HEIGHT - top)).toEqual([50, 160, 80]);
    if (top < PROBABILITY_HEIGHT)
      expect(pixel(barX(stats.predicted), PROBABILITY_HEIGHT - top - 1)).toEqual([255, 255, 255]);
  });

  it("gives each layer's statistics as the model computes them", async () => {
    const { images, labels } = mnistSamples('t10k', INDEX, 1);
    expect(stats.label).toBe(labels[0]);
    const model = await openTrainedModel(trained);
    const nodes = model.native.activations(images);
    model.native.dispose();
    for (const [i, layer] of stats.layers.entries()) {
      const values = Array.from(nodes[i]?.values as Float32Array);
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      const std = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
      const close = (a: number, b: number) =>
        expect(Math.abs(a - b), layer.name).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(b)));
      close(layer.mean, mean);
      close(layer.std, std);
      close(layer.min, Math.min(...values));
      close(layer.max, Math.max(...values));
      close(layer.zero_fraction, values.filter((v) => v === 0).length / values.length);
    }
    const probabilities = Array.from(nodes[8]?.values as Float32Array);
    expect(stats.predicted).toBe(probabilities.indexOf(Math.max(...probabilities)));
    expect(stats.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
  });
});

describe('layerwise inspect refuses', () => {
  const inspect = (...args: string[]) => runCli(['inspect', ...args]);
  const out = join(scratch, 'refused');

  it.each([
    [
      ['--dataset', 'mnist', '--index', '10000'],
      "--index must be a whole number from 0 to 9999 (the test set of mnist has 10000 images), got '10000'",
    ],
    [['--dataset', 'mnist', '--index=-1'], "got '-1'"],
    [['--dataset', 'mnist', '--index', 'two'], "got 'two'"],
    [
      ['--dataset', 'mnist', '--index', '1', '--split', 'valid'],
      "--split must be test or train, got 'valid'",
    ],
    [['--dataset', 'nope', '--index', '0'], "unknown dataset 'nope'"],
    [['--dataset', 'mnist'], '--index N is required'],
  ])('%j, naming the problem', async (args, message) => {
    const result = await inspect(trained, ...args, '--out', out);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(existsSync(out)).toBe(false);
  });

  it('a model without weights, a missing --out, and an --out that is a file', async () => {
    const untrained = await inspect('assets/templates/mnist-cnn.json', '--index', '0', '--out', out);
    expect([untrained.code, untrained.stderr]).toEqual([
      2,
      'assets/templates/mnist-cnn.json: the model has no weights: train it first, e.g. layerwise train assets/templates/mnist-cnn.json --out trained.json',
    ]);
    const file = await inspect(trained, '--index', '0', '--out', trained);
    expect(file.stderr).toBe(`--out ${trained}: is a file; inspect writes a folder of images and stats.json`);
    const noOut = await inspect(trained, '--index', '0');
    expect(noOut.stderr).toBe(
      'layerwise inspect: --out <folder> is required (where the images and stats.json go)',
    );
    expect(existsSync(out)).toBe(false);
  });
});
