// `layerwise inspect <trained.json> --dataset mnist [--split test|train] --index N --out dir/`: one
// inference pass over one dataset image, then one PNG per layer (feature maps tiled, a bar strip for
// vectors, the class probabilities for the output) and stats.json with each layer's statistics.
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { argmax } from '../../../engine/training/evaluation';
import { activationStats } from '../../services/inference/activation-summary';
import type { NodeActivation } from '../../../worker-native/lib/native-model';
import { barStrip, featureMapGrid, probabilityBars } from '../activation-images';
import type { CliIO } from '../io';
import { encodePng, type RasterImage } from '../png';
import { openTrainedModel } from '../trained-model';
import { UserError } from '../user-error';
import { explainWriteErrors } from '../write-out';
import { loadTestSet } from './evaluate';

export interface InspectOptions {
  dataset?: string;
  split?: string;
  index?: string;
  out?: string;
}

const round = (v: number) => Number(v.toPrecision(6));

/** The layer's picture: probabilities for a classifier's output, bars for vectors, grids otherwise. */
function pictureOf(node: NodeActivation, isOutput: boolean, predicted: number): RasterImage {
  if (isOutput && node.values.every((p) => p >= 0 && p <= 1)) return probabilityBars(node.values, predicted);
  return node.shape.length === 1 ? barStrip(node.values) : featureMapGrid(node.values, node.shape);
}

/** "03-conv2d_1.png": plan order first, so a folder listing reads like the model. */
function fileName(position: number, name: string): string {
  return `${String(position).padStart(2, '0')}-${name.replace(/[^A-Za-z0-9_-]/g, '_')}.png`;
}

export async function inspectCommand(file: string, options: InspectOptions, io: CliIO): Promise<number> {
  const split = options.split ?? 'test';
  if (split !== 'test' && split !== 'train')
    throw new UserError([`layerwise inspect: --split must be test or train, got '${split}'`]);
  if (options.index === undefined)
    throw new UserError(['layerwise inspect: --index N is required (which image of the dataset to look at)']);
  if (options.out === undefined)
    throw new UserError([
      'layerwise inspect: --out <folder> is required (where the images and stats.json go)',
    ]);
  const out = options.out;
  const existing = await stat(out).catch(() => undefined);
  if (existing !== undefined && !existing.isDirectory())
    throw new UserError([`--out ${out}: is a file; inspect writes a folder of images and stats.json`]);
  const trained = await openTrainedModel(file);
  try {
    const dataset = options.dataset ?? trained.dataset;
    const set = (await loadTestSet(file, dataset, trained.plan))[split];
    const index = Number(options.index);
    if (options.index.trim() === '' || !Number.isInteger(index) || index < 0 || index >= set.count)
      throw new UserError([
        `layerwise inspect: --index must be a whole number from 0 to ${set.count - 1} (the ${split} set of ${dataset} has ${set.count} images), got '${options.index}'`,
      ]);
    const size = trained.native.inputSize;
    const nodes = trained.native.activations(set.images.subarray(index * size, (index + 1) * size));
    const output = nodes[trained.plan.outputIndex] as NodeActivation;
    const predicted = argmax(output.values, 0, output.values.length);
    await explainWriteErrors(() => mkdir(out, { recursive: true }));
    const layers = [];
    for (const [position, node] of nodes.entries()) {
      const image = fileName(position, node.name);
      const picture = pictureOf(node, position === trained.plan.outputIndex, predicted);
      await explainWriteErrors(() => writeFile(join(out, image), encodePng(picture)));
      const s = activationStats(node.values);
      layers.push({
        name: node.name,
        type: node.type,
        shape: node.shape,
        image,
        mean: round(s.mean),
        std: round(s.std),
        zero_fraction: round(s.zeroFraction),
        min: round(s.min),
        max: round(s.max),
      });
    }
    const stats = {
      model: trained.model.name,
      dataset,
      split,
      index,
      label: set.labels[index],
      predicted,
      probabilities: Array.from(output.values, round),
      layers,
    };
    await explainWriteErrors(() => writeFile(join(out, 'stats.json'), `${JSON.stringify(stats, null, 2)}\n`));
    io.out(
      `${dataset} ${split} image ${index} (label ${stats.label}): predicted ${predicted}; wrote ${layers.length} layer images and stats.json to ${out}`,
    );
    return 0;
  } finally {
    trained.native.dispose();
  }
}
