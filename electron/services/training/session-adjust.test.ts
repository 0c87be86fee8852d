// training.adjust through the API backend, a real worker and MNIST (issue 17): refused unless paused
// (naming the state), applied at once while paused and answered with the adjusted event, which the
// session keeps in its events; a change to the same value or to a layer without a rate is a bad request.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { AdjustedEvent, TrainingEvent } from '../../../engine/api/events';
import { createApiBackend } from '../api-backend';
import { errorOf } from '../test-support';
import { TrainingService } from './training-service';

const template = JSON.parse(
  readFileSync(new URL('../../../assets/templates/mnist-mlp.json', import.meta.url), 'utf8'),
);
const training = new TrainingService();
const backend = createApiBackend(training);
afterAll(() => training.disposeAll());

describe('training.adjust', () => {
  it('adjusts a paused run, records it, and refuses what cannot apply', async () => {
    const { sessionId } = (await backend.handle('training.start', {
      model: template,
      run: { epochs: 2, limit: 2000, threads: 1 },
    })) as { sessionId: string };
    const session = training.get(sessionId);
    const paused = new Promise<void>((resolve) =>
      session.onEvent(
        (event: TrainingEvent) => event.type === 'state' && event.state === 'paused' && resolve(),
      ),
    );
    const adjust = (changes: object) => backend.handle('training.adjust', { sessionId, changes });

    const running = await errorOf(adjust({ learning_rate: 0.0005 }));
    expect(running.data).toEqual({
      code: 'E_STATE',
      message: `training session ${sessionId} is running: only a paused run can be adjusted`,
    });

    await backend.handle('training.pause', { sessionId });
    await paused;
    const { adjusted } = (await adjust({ learning_rate: 0.0005, batch_size: 64 })) as {
      adjusted: AdjustedEvent;
    };
    expect(adjusted).toMatchObject({
      type: 'adjusted',
      changes: [
        { setting: 'learning_rate', from: 0.001, to: 0.0005 },
        { setting: 'batch_size', from: 32, to: 64 },
      ],
      optimizer_reset: false,
    });
    expect(adjusted.label).toMatch(/^lr 0\.001 → 0\.0005, batch 32 → 64 \(from epoch [12]\)$/);

    const same = await errorOf(adjust({ learning_rate: 0.0005 }));
    expect(same.data.code).toBe('E_BAD_REQUEST');
    expect(same.message).toContain('learning_rate: the run already uses 0.0005');
    const noRate = await errorOf(adjust({ dropout: { dense: 0.2 } }));
    expect(noRate.data.code).toBe('E_BAD_REQUEST');
    expect(noRate.message).toContain("dropout.dense: layer 'dense' (Dense) has no dropout rate");
    const malformed = await errorOf(adjust({ learning_rate: -1 }));
    expect(malformed.message).toContain(
      'training.adjust: changes.learning_rate: learning_rate must be greater than 0',
    );

    await backend.handle('training.resume', { sessionId });
    await session.whenFinished();
    expect(session.currentState).toBe('completed');
    const kept = session.snapshot().events.filter((e) => e.type === 'adjusted');
    expect(kept).toEqual([adjusted]);
    // Epoch 2 ran at the new batch size: 1800 samples in 29 batches of 64 (from 57 of 32).
    const status = (await backend.handle('training.status', { sessionId })) as {
      events: TrainingEvent[];
      lastBatch: TrainingEvent;
    };
    expect(status.events.filter((e) => e.type === 'adjusted')).toEqual([adjusted]);
    expect(status.lastBatch).toMatchObject({ type: 'batch', epoch: 2, step: 29 });

    const ended = await errorOf(adjust({ learning_rate: 0.01 }));
    expect(ended.data.code).toBe('E_STATE');
    expect(ended.message).toContain('is completed: only a paused run can be adjusted');
  }, 120_000);
});
