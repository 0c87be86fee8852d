// training.start refuses a model whose estimated training memory is above the budget, before anything is
// allocated, naming the estimate, the biggest layers and how to change the budget (memory_budget_mb).
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../../engine/api/contract';
import { chain } from '../../../engine/testing/graphs';
import { TrainingService } from './training-service';

const GiB = 2 ** 30;
const model = (graph: ReturnType<typeof chain>) => ({
  format: 'layerwise-model',
  version: 2,
  name: 'budget',
  graph,
});
const huge = model(
  chain(
    [28, 28, 1],
    ['Flatten'],
    ['Dense', { units: 65536 }],
    ['Dense', { units: 65536 }],
    ['Dense', { units: 10, activation: 'softmax' }],
  ),
);
const mlp = JSON.parse(
  readFileSync(new URL('../../../assets/templates/mnist-mlp.json', import.meta.url), 'utf8'),
);

// A 16 GiB machine: the default budget is 60% of it.
const service = new TrainingService({ totalMemory: 16 * GiB });
afterAll(() => service.disposeAll());

async function refusal(modelValue: unknown, run: Record<string, unknown> = {}): Promise<ApiError> {
  const error = await service.start(modelValue, run).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

describe('the memory budget', () => {
  it('refuses a 65,536x65,536 Dense layer with the estimate, the layers and the default budget', async () => {
    const error = await refusal(huge);
    expect(error.data.code).toBe('E_INVALID_MODEL');
    expect(error.message).toBe(
      'training needs about 81.3 GiB (dense_1: 80 GiB of weights, gradients and optimizer state and 128 MiB of activations); ' +
        "the memory budget is 9.6 GiB (60% of this machine's 16 GiB): make dense_1 smaller or raise the budget with the training setting Memory budget (memory_budget_mb)",
    );
    expect(service.list()).toHaveLength(0);
  });

  it('takes memory_budget_mb from the run, and names it when refusing', async () => {
    const error = await refusal(mlp, { memory_budget_mb: 16 });
    expect(error.message).toMatch(
      /^training needs about 35 MiB \(dense: .*\); the memory budget is 16 MiB \(set by the training setting Memory budget \(memory_budget_mb\)\): make dense smaller/,
    );
    const { session } = await service.start(mlp, {
      memory_budget_mb: 64,
      epochs: 1,
      limit: 200,
      validation_split: 0,
      threads: 1,
    });
    await session.whenFinished();
    expect(session.currentState).toBe('completed');
  });

  it('advises a smaller batch when activations are what is big', async () => {
    const wide = model(
      chain(
        [28, 28, 1],
        ['Conv2D', { filters: 512, padding: 'same' }],
        ['Flatten'],
        ['Dense', { units: 10, activation: 'softmax' }],
      ),
    );
    const error = await refusal(wide, { batch_size: 4096 });
    expect(error.message).toMatch(/: lower the batch size or make conv2d smaller or raise the budget/);
  });

  it('rejects a budget that is not a positive size', async () => {
    const error = await refusal(mlp, { memory_budget_mb: 0 });
    expect(error.data.code).toBe('E_BAD_REQUEST');
    expect(error.message).toBe(
      'training settings: memory_budget_mb: memory_budget_mb must be from 1 to 16777216 (16 TiB)',
    );
  });
});
