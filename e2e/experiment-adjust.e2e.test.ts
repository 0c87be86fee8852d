// Issue 17, part 1 as a user meets it: pause a run, change its learning rate, Apply, Resume — the batch
// chart marks the change ("lr 0.001 → 0.0005") where it was made, the run goes on, and the marker is
// still there after Save and Open of the document.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { poll } from './support/poll';
import { useApp } from './support/setup';

const ctx = useApp();
const LABEL = 'lr 0.001 → 0.0005';

describe('adjusting a paused run', () => {
  it('pause → change lr → Apply → Resume shows the marker, and Save/Open keeps it', async () => {
    const { app } = ctx;
    await app.open();
    await app.waitForConnected();
    await app.newModel('MNIST MLP');
    await app.setTraining({ epochs: 20, limit: 60000 });
    await app.train();
    await app.waitForChartPoints('chart-batch-loss', 2);

    await app.click(app.button('Pause'), 'the Pause button');
    await app.visible(app.pausedForm(), 'the paused run\'s form "Change while paused"');
    await app.setPausedField('Learning rate', '0.0005');
    await app.applyAdjustment();
    await app.waitForChartMarker('chart-batch-loss', LABEL);

    await app.click(app.button('Resume'), 'the Resume button');
    const points = await app.chartPoints('chart-batch-loss');
    await app.waitForChartPoints('chart-batch-loss', points + 1);
    expect(await app.chartMarkerLabels('chart-batch-loss')).toEqual([LABEL]);
    await app.click(app.button('Stop'), 'the Stop button');
    await poll(() => app.trainButton().isEnabled(), Boolean, 'Train to be enabled again after Stop');

    const saved = await app.save();
    expect(JSON.parse(saved.text).runs[0].adjustments[0].label).toBe(LABEL);
    await app.newModel('MNIST MLP');
    await app.openModelFile(writeTemp(saved.filename, saved.text));
    expect(await app.waitForChartMarker('chart-batch-loss', LABEL)).toEqual([LABEL]);
  });
});

/** A downloaded file's text written where the file input can pick it. */
function writeTemp(name: string, text: string): string {
  const path = `${mkdtempSync(`${tmpdir()}/layerwise-e2e-`)}/${name}`;
  writeFileSync(path, text);
  return path;
}
