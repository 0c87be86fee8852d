// Ending sessions while their workers are inside the native core (closing the app or the server
// mid-training) must not take the process down: the worker is terminated mid-batch, and the addon must
// not turn the failed N-API calls of a terminating environment into a fatal C++ exception.
import { readFileSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { TrainingService } from './training-service';

const cnn = JSON.parse(
  readFileSync(new URL('../../../assets/templates/mnist-cnn.json', import.meta.url), 'utf8'),
);

describe('disposing running sessions', () => {
  it('terminates workers mid-batch, repeatedly, and the process lives on', async () => {
    for (let round = 0; round < 6; round++) {
      const service = new TrainingService();
      const { session } = await service.start(cnn, { epochs: 1, batch_size: 256, threads: 2 });
      await new Promise<void>((resolve) => {
        const off = session.onEvent((event) => {
          if (event.type === 'batch') {
            off();
            resolve();
          }
        });
      });
      // Terminate at varying points inside a batch, without asking the worker to stop first: what
      // dispose() falls back to when a worker does not end in time.
      await new Promise((resolve) => setTimeout(resolve, round * 7));
      await (session as unknown as { worker: Worker }).worker.terminate();
      await service.disposeAll();
    }
    expect(process.exitCode ?? 0).toBe(0);
  }, 120_000);
});
