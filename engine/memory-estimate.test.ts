// The training memory estimate: the templates and a huge Dense layer, term by term as the native core
// allocates them, and the message parts that name the biggest layers.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileGraph, type ExecutionPlan } from './compile';
import type { Graph } from './graph';
import { describeBiggestLayers, estimateTrainingMemory, formatBytes, GiB, MiB } from './memory-estimate';
import { parseModelFile } from './model-file';
import { chain } from './testing/graphs';

function plan(graph: Graph): ExecutionPlan {
  const result = compileGraph(graph);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.plan;
}

function template(name: string): ExecutionPlan {
  const text = readFileSync(new URL(`../assets/templates/${name}.json`, import.meta.url), 'utf8');
  const loaded = parseModelFile(text);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  return plan(loaded.model.graph);
}

const huge = () =>
  plan(chain([65536], ['Dense', { units: 65536 }], ['Dense', { units: 10, activation: 'softmax' }]));

// Per trainable float: value, gradient, 2 optimizer slots, 1 copy taken after training = 20 bytes.
// Activations at max(batch, 256) samples: output + gradient (+ pre-activation at a softmax output).
const worker = 32 * MiB;
const mlp =
  (784 * 128 + 128) * 20 +
  128 * 256 * 2 * 4 + // dense (relu)
  (128 * 10 + 10) * 20 +
  10 * 256 * 3 * 4 + // dense_1 (softmax, fused with the loss)
  784 * 256 * 4 + // the input's converted pixels
  32 * (784 + 1 + 10 * 4) + // batch images, labels and one-hot targets
  worker;
const dense65536 =
  (65536 * 65536 + 65536) * 20 +
  65536 * 256 * 2 * 4 +
  (65536 * 10 + 10) * 20 +
  10 * 256 * 3 * 4 +
  65536 * 256 * 4 +
  32 * (65536 + 1 + 10 * 4) +
  worker;

describe('estimateTrainingMemory', () => {
  it.each([
    ['mnist-mlp', () => template('mnist-mlp'), mlp, 'dense', '35 MiB'],
    ['mnist-cnn', () => template('mnist-cnn'), 112_105_960, 'conv2d', '107 MiB'],
    ['lenet5', () => template('lenet5'), 52_204_520, 'conv2d', '49.8 MiB'],
    ['Dense 65,536x65,536', huge, dense65536, 'dense', '80.2 GiB'],
  ])('%s at batch 32', (_, build, bytes, biggest, text) => {
    const estimate = estimateTrainingMemory(build(), { batch_size: 32 });
    expect(estimate.totalBytes).toBe(bytes);
    expect(estimate.layers[0]?.name).toBe(biggest);
    expect(formatBytes(estimate.totalBytes)).toBe(text);
  });

  it('puts the weights, gradients and optimizer state of a 65,536x65,536 Dense first', () => {
    const estimate = estimateTrainingMemory(huge(), { batch_size: 32 });
    expect(estimate.layers[0]?.weightBytes).toBe((65536 * 65536 + 65536) * 20);
    expect(describeBiggestLayers(estimate)).toBe(
      'dense: 80 GiB of weights, gradients and optimizer state and 128 MiB of activations',
    );
  });

  it('grows the activations with batches above the evaluation batch of 256', () => {
    const small = estimateTrainingMemory(template('mnist-mlp'), { batch_size: 256 });
    const large = estimateTrainingMemory(template('mnist-mlp'), { batch_size: 512 });
    const dense = (e: typeof small) => e.layers.find((l) => l.name === 'dense');
    expect(dense(large)?.activationBytes).toBe(2 * (dense(small)?.activationBytes ?? 0));
    expect(dense(large)?.weightBytes).toBe(dense(small)?.weightBytes);
  });

  it('counts the best-epoch copy that early stopping keeps', () => {
    const plain = estimateTrainingMemory(template('mnist-mlp'), { batch_size: 32 });
    const early = estimateTrainingMemory(template('mnist-mlp'), {
      batch_size: 32,
      early_stopping: { patience: 3, min_delta: 0 },
    });
    expect(early.totalBytes - plain.totalBytes).toBe(101_770 * 4);
  });

  it('names the layers that matter, biggest first, and leaves out the small ones', () => {
    const text = describeBiggestLayers(estimateTrainingMemory(template('mnist-cnn'), { batch_size: 32 }));
    expect(text.split('; ').map((part) => part.split(':')[0])).toEqual([
      'conv2d',
      'conv2d_1',
      'max_pooling2d',
    ]);
  });
});

describe('formatBytes', () => {
  it.each([
    [12, '12 bytes'],
    [1536, '1.5 KiB'],
    [512 * MiB, '512 MiB'],
    [48.1 * GiB, '48.1 GiB'],
    [32 * GiB, '32 GiB'],
    [150 * GiB, '150 GiB'],
  ])('%d bytes reads %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});
