// `layerwise predict <trained.json> --dataset mnist --split test [--limit N] --json`: one line per image,
// in dataset order: index, label, predicted class and the probabilities.
import type { CliIO } from '../io';
import { openTrainedModel } from '../trained-model';
import { UserError } from '../user-error';
import { argmax } from '../../../engine/training/evaluation';
import { loadTestSet } from './evaluate';

export async function predictCommand(
  file: string,
  options: { dataset?: string; split?: string; limit?: string },
  io: CliIO,
): Promise<number> {
  const split = options.split ?? 'test';
  if (split !== 'test' && split !== 'train')
    throw new UserError([`layerwise predict: --split must be test or train, got '${split}'`]);
  const limit = options.limit === undefined ? Number.POSITIVE_INFINITY : Number(options.limit);
  if (!(limit >= 1) || !Number.isInteger(limit === Number.POSITIVE_INFINITY ? 1 : limit))
    throw new UserError([
      `layerwise predict: --limit must be a whole number of at least 1, got '${options.limit}'`,
    ]);
  const trained = await openTrainedModel(file);
  try {
    const pair = await loadTestSet(file, options.dataset ?? trained.dataset, trained.plan);
    const set = pair[split];
    const count = Math.min(set.count, limit);
    const size = set.shape.reduce((a, b) => a * b, 1);
    const probabilities = trained.native.predict(set.images.subarray(0, count * size));
    const classes = set.classes;
    for (let index = 0; index < count; index++) {
      const row = Array.from(probabilities.subarray(index * classes, (index + 1) * classes), (p) =>
        Number(p.toPrecision(6)),
      );
      io.out(
        JSON.stringify({
          index,
          label: set.labels[index],
          predicted: argmax(probabilities, index * classes, classes),
          probabilities: row,
        }),
      );
    }
    return 0;
  } finally {
    trained.native.dispose();
  }
}
