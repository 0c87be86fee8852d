// Worker thread of one training session: runs the loop, forwards its events, then keeps the trained
// model to answer predictions and weight requests until the session is disposed.
import { parentPort, workerData } from 'node:worker_threads';
import type { NativeModel } from '../../../worker-native/lib/native-model';
import { runTraining } from './training-loop';
import type { FromWorker, ToWorker, WorkerInput } from './worker-protocol';

const port = parentPort;
if (port === null) throw new Error('training-worker must run in a worker thread');
const send = (message: FromWorker) => port.postMessage(message);

let model: NativeModel | undefined;

port.on('message', (message: ToWorker) => {
  if (message.kind === 'dispose') {
    model?.dispose();
    port.close();
    return;
  }
  try {
    if (model === undefined) throw new Error('the model is still training or failed to start');
    const result = message.kind === 'predict' ? model.predict(message.image) : model.getWeights();
    send({ kind: 'reply', id: message.id, result });
  } catch (error) {
    send({ kind: 'reply', id: message.id, error: (error as Error).message });
  }
});

try {
  model = await runTraining(workerData as WorkerInput, { emit: (event) => send({ kind: 'event', event }) });
} catch (error) {
  send({
    kind: 'event',
    event: { type: 'failed', message: `training stopped on an internal error: ${(error as Error).message}` },
  });
}
send({ kind: 'finished' });
