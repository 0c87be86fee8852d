// The desktop app itself, through Playwright's Electron driver: it starts from the built out/ with a
// model file on its command line (as the OS does on a double-click), opens that file, keeps Node out of
// the page, and trains a small model for a few batches. Where Electron's binary is not installed (no
// GitHub access at install time) the test is skipped and its name says so.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { serializeModelFile } from '../engine';
import { electronBinary } from '../scripts/electron-binary.mjs';
import { templateModel } from '../renderer/src/files/templates';
import { AppPage } from './support/app-page';
import { poll } from './support/poll';

const binary = electronBinary();
const title = binary
  ? 'desktop app (Electron)'
  : 'desktop app (Electron) — SKIPPED: the Electron binary is not installed; ' +
    'run `node node_modules/electron/install.js` with internet access to enable this test';
if (!binary) console.warn(`e2e: ${title}`);

let app: ElectronApplication | undefined;
afterAll(async () => {
  // Exit without the unsaved-changes prompt (the run's settings may have marked the document dirty).
  await app?.evaluate(({ app: electronApp }) => electronApp.exit(0)).catch(() => undefined);
  await app?.close().catch(() => undefined);
});

describe.skipIf(binary === null)(title, () => {
  it('opens a model file from its command line, keeps Node out of the page and trains a few batches', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'layerwise-electron-'));
    const modelPath = join(folder, 'from-the-os.layerwise.json');
    await writeFile(modelPath, serializeModelFile({ ...templateModel('mnist-mlp'), name: 'opened_by_os' }));
    app = await _electron.launch({
      executablePath: binary as string,
      // Chromium refuses its sandbox to root (CI containers); the app's own settings stay as shipped.
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), '.', modelPath],
      // Its own profile: no window state, recent files or autosave from a real session.
      env: { ...process.env, LAYERWISE_USER_DATA: join(folder, 'profile'), ELECTRON_ENABLE_LOGGING: '1' },
    });
    const page = await app.firstWindow();
    const ui = new AppPage(page, page.url());

    await poll(
      async () => (await page.getByTestId('document-title').textContent()) ?? '',
      (title) => title.includes('opened_by_os'),
      'the model file given on the command line to be open',
    );
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(
      await page.evaluate(() => Object.keys((globalThis as { layerwise?: object }).layerwise ?? {}).sort()),
    ).toEqual(['call', 'files', 'onEvent', 'onMenuCommand', 'onOpenDocument']);

    await ui.waitForConnected();
    await ui.setTraining({ epochs: 1, limit: 1000 });
    await ui.train();
    await ui.waitForChartPoints('chart-batch-loss', 2);
  });
});
