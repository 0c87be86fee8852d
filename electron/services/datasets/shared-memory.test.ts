import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { sharedBytes } from './idx';

// Plain JavaScript, so the worker needs no TypeScript loader.
const WORKER = `
const { parentPort } = require('node:worker_threads');
parentPort.once('message', (images) => {
  const before = images[5];
  images[5] = 200;
  parentPort.postMessage({ before, length: images.length, shared: images.buffer instanceof SharedArrayBuffer });
});
`;

describe('images in a SharedArrayBuffer', () => {
  it('are read and written by a worker thread without a copy', async () => {
    const images = sharedBytes(47_040_000).subarray(784, 2 * 784); // a view at an offset, like a split
    images[5] = 42;
    const worker = new Worker(WORKER, { eval: true });
    try {
      const reply = await new Promise<{ before: number; length: number; shared: boolean }>(
        (resolve, reject) => {
          worker.once('message', resolve);
          worker.once('error', reject);
          worker.postMessage(images);
        },
      );
      expect(reply).toEqual({ before: 42, length: 784, shared: true });
      expect(images[5]).toBe(200); // the worker's write is visible here: same memory
    } finally {
      await worker.terminate();
    }
  });
});
