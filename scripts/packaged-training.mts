// Trains one short run with the training worker as packaged (scripts/check-package.mjs extracts
// app.asar and passes its bundled worker): proves the packaged worker needs nothing outside the archive
// (no tsx, no repository node_modules), loads the unpacked addon through LAYERWISE_NATIVE and trains on
// the gzipped datasets in the resources through LAYERWISE_DATASETS. Prints one line; exits 1 on failure.
import { TrainingService } from '../electron/services/training/training-service';
import { templateModel } from '../renderer/src/files/templates';

const workerEntry = process.argv[2];
if (!workerEntry) throw new Error('usage: tsx scripts/packaged-training.mts <bundled training worker>');
const service = new TrainingService({ workerEntry });
try {
  const { session } = await service.start(templateModel('mnist-mlp'), { epochs: 1, limit: 2000, threads: 1 });
  let accuracy = Number.NaN;
  session.onEvent((event) => {
    if (event.type === 'completed') accuracy = event.test_accuracy;
  });
  await session.whenFinished();
  const ok = session.currentState === 'completed' && accuracy > 0.7;
  console.log(
    `packaged worker: ${session.currentState}, test accuracy ${accuracy.toFixed(3)} after 2000 samples`,
  );
  process.exitCode = ok ? 0 : 1;
} catch (error) {
  console.log(`packaged worker: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await service.disposeAll();
}
