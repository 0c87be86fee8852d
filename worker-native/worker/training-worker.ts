// Worker thread of one training session: runs the loop and forwards its events, answering predictions
// and weight requests between batches. When training ends it sends the final weights once, frees the
// native model and exits, so an ended session holds no thread and no native memory.
import { parentPort, workerData } from 'node:worker_threads';
import type { NativeModel } from '../lib/native-model';
import { AdjustmentError } from './adjust-run';
import { runTraining, type LoopControls } from './training-loop';
import type { FromWorker, ToWorker, WorkerInput } from './worker-protocol';

const port = parentPort;
if (port === null) throw new Error('training-worker must run in a worker thread');
const send = (message: FromWorker) => port.postMessage(message);

let model: NativeModel | undefined;
let controls: LoopControls | undefined;

port.on('message', (message: ToWorker) => {
  if (message.kind === 'dispose') {
    model?.dispose();
    model = undefined;
    port.close();
    return;
  }
  try {
    if (model === undefined || controls === undefined)
      throw new Error('the model is not built yet or has been freed');
    const result =
      message.kind === 'predict'
        ? model.predict(message.image)
        : message.kind === 'adjust'
          ? controls.adjust(message.changes)
          : model.getWeights();
    send({ kind: 'reply', id: message.id, result });
  } catch (error) {
    const invalid = error instanceof AdjustmentError;
    send({ kind: 'reply', id: message.id, error: (error as Error).message, ...(invalid ? { invalid } : {}) });
  }
});

try {
  await runTraining(workerData as WorkerInput, {
    emit: (event) => send({ kind: 'event', event }),
    ready: (built, loop) => {
      model = built;
      controls = loop;
    },
  });
} catch (error) {
  send({
    kind: 'event',
    event: { type: 'failed', message: `training stopped on an internal error: ${(error as Error).message}` },
  });
}
let weights: Record<string, Float32Array> | undefined;
try {
  weights = model?.getWeights();
} catch {
  weights = undefined; // a model that failed mid-build has no weights to keep
}
send({ kind: 'finished', weights });
model?.dispose();
model = undefined;
port.close();
