// A training worker stuck in one long synchronous call that never looks at the stop flag, as a worker
// allocating or evaluating a huge model in the native core is. It tells the session it started first.
import { parentPort } from 'node:worker_threads';

parentPort?.postMessage({ kind: 'event', event: { type: 'state', state: 'running' } });
const end = Date.now() + 120_000;
while (Date.now() < end) {
  // busy: the event loop never turns, so no message and no stop request is seen
}
