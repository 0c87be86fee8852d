// The memory budget from the app: the training settings' "Memory budget (MiB)" reaches training.start,
// and a budget below the estimate shows the refusal (estimate, biggest layer, the setting) on the page
// with no session started; clearing the field trains under the default budget again.
import { describe, expect, it } from 'vitest';
import { poll } from './support/poll';
import { useApp } from './support/setup';

const ctx = useApp();

describe('memory budget', () => {
  it('refuses a run above the budget set in the training settings, then trains without it', async () => {
    const { app } = ctx;
    await app.open();
    await app.waitForConnected();
    await app.newModel('MNIST MLP');
    await app.setTraining({ epochs: 1, limit: 500 });
    const budget = app.page.getByLabel('Memory budget (MiB)', { exact: true });
    await app.fill(budget, '1', 'training field "Memory budget (MiB)"');
    const before = ctx.served.training.list().length;
    await app.train();
    const refusal = app.page.getByText(/training needs about \d/).first();
    const text = await poll(
      async () => ((await refusal.isVisible()) ? ((await refusal.textContent()) ?? '') : ''),
      (t) => t !== '',
      'the memory budget refusal on the page',
    );
    expect(text).toMatch(
      /training needs about 35 MiB \(dense: .*\); the memory budget is 1 MiB \(set by the training setting Memory budget \(memory_budget_mb\)\): make dense smaller/,
    );
    expect(ctx.served.training.list()).toHaveLength(before);

    await app.fill(budget, '', 'training field "Memory budget (MiB)"');
    await app.train();
    await app.waitForTestAccuracy();
    expect(ctx.served.training.list().at(-1)?.snapshot().state).toBe('completed');
  });
});
