// `layerwise eval <trained.json> [--dataset ...] [--json]`: test-set loss, accuracy and confusion matrix.
import { ApiError } from '../../../engine/api/contract';
import { loadDatasetSource } from '../../services/training/dataset-source';
import { classificationReport, lossFromProbabilities } from '../../../engine/training/evaluation';
import { checkFit, parseRun } from '../../services/training/training-service';
import { DatasetError } from '../../services/datasets/errors';
import type { CliIO } from '../io';
import { openTrainedModel } from '../trained-model';
import { UserError } from '../user-error';

export async function loadTestSet(file: string, dataset: string, plan: Parameters<typeof checkFit>[0]) {
  try {
    const pair = await loadDatasetSource(dataset);
    checkFit(plan, pair.test.shape, pair.test.classes, dataset);
    return pair;
  } catch (error) {
    if (error instanceof DatasetError) throw new UserError([`${file}: ${error.message}`]);
    if (error instanceof ApiError) throw UserError.fromApiError(file, error);
    throw error;
  }
}

export async function evalCommand(
  file: string,
  options: { dataset?: string; json: boolean },
  io: CliIO,
): Promise<number> {
  const trained = await openTrainedModel(file);
  try {
    const dataset = options.dataset ?? trained.dataset;
    const { test } = await loadTestSet(file, dataset, trained.plan);
    const probabilities = trained.native.predict(test.images);
    const report = classificationReport(probabilities, test.labels, test.classes);
    const loss = lossFromProbabilities(
      parseRun(trained.model.training ?? {}).loss,
      probabilities,
      test.labels,
      test.classes,
    );
    if (options.json) {
      io.out(
        JSON.stringify({
          dataset,
          test_loss: loss,
          test_accuracy: report.accuracy,
          confusion: report.confusion,
          per_class_accuracy: report.per_class_accuracy,
        }),
      );
      return 0;
    }
    io.out(`${trained.model.name} on ${dataset} (${test.count.toLocaleString('en-US')} test images)`);
    io.out(`loss ${loss.toFixed(4)} · accuracy ${(report.accuracy * 100).toFixed(2)}%`);
    io.out('');
    io.out('confusion matrix (rows: true class, columns: predicted)');
    const width = Math.max(5, ...report.confusion.flat().map((n) => String(n).length + 1));
    io.out(
      `${''.padStart(6)}${test.classNames.map((_, c) => String(c).padStart(width)).join('')}   accuracy`,
    );
    report.confusion.forEach((row, c) => {
      const name = String(c).padStart(6);
      io.out(
        `${name}${row.map((n) => String(n).padStart(width)).join('')}   ${((report.per_class_accuracy[c] ?? 0) * 100).toFixed(1)}%  ${test.classNames[c] === String(c) ? '' : (test.classNames[c] ?? '')}`.trimEnd(),
      );
    });
    return 0;
  } finally {
    trained.native.dispose();
  }
}
