// The folder boundaries of eslint.config.js, proved on in-memory files: each forbidden import is
// reported with its folder's message, and the imports each folder relies on stay allowed, so a rule
// that stops matching (a renamed folder, a changed glob) fails here instead of passing silently.
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root, overrideConfigFile: `${root}eslint.config.js` });
});

/** The boundary messages ESLint gives for `source` written in `file` (relative to the repository). */
async function boundaryErrors(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: `${root}${file}` });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals')
    .map((m) => m.message);
}

const importOf = (from: string) => `import * as m from '${from}';\nexport const n = Object.keys(m).length;\n`;

// [file, import, a fragment of the expected message]
const forbidden: [string, string, string][] = [
  ['engine/training/shuffle.ts', 'node:fs', 'engine/ runs in the renderer too'],
  ['engine/training/shuffle.ts', 'fs/promises', 'engine/ runs in the renderer too'],
  ['engine/training/shuffle.ts', 'worker_threads', 'engine/ runs in the renderer too'],
  ['engine/training/shuffle.ts', 'electron', 'engine/ imports only itself'],
  ['engine/training/shuffle.ts', '../../electron/services/datasets/split', 'engine/ imports only itself'],
  ['engine/training/shuffle.ts', '../../renderer/src/api', 'engine/ imports only itself'],
  ['engine/training/shuffle.ts', '../../worker-native/lib/native-model', 'engine/ imports only itself'],
  ['engine/formats/tfjs/export.ts', '../../../worker-native/worker/entry', 'engine/ imports only itself'],
  ['renderer/src/App.tsx', 'node:path', 'The renderer has no Node APIs'],
  ['renderer/src/App.tsx', 'electron', 'The renderer has no Electron APIs'],
  ['renderer/src/App.tsx', '../../electron/services/backend', 'only through the API contract'],
  ['renderer/src/App.tsx', '../../worker-native/lib/native-model', 'only through the API contract'],
  [
    'worker-native/worker/training-loop.ts',
    '../../electron/services/datasets/split',
    'does not import main-process',
  ],
  ['worker-native/worker/training-loop.ts', 'electron', 'does not import main-process'],
  ['worker-native/lib/native-model.ts', '../../renderer/src/api', 'renderer/ is the page'],
  ['electron/services/training/session.ts', '../../../renderer/src/api', 'renderer/ is the page'],
  ['electron/services/training/session.ts', 'electron', 'Services do not depend on Electron'],
  ['electron/cli/commands/train.ts', 'electron', 'Services do not depend on Electron'],
  ['electron/shell/main.ts', '../../renderer/src/api', 'renderer/ is the page'],
];

// Imports the code relies on, which must stay allowed.
const allowed: [string, string][] = [
  ['engine/training/evaluation.ts', '../api/events'],
  ['engine/training/evaluation.ts', 'zod'],
  ['engine/training/shuffle.test.ts', 'node:fs'],
  ['renderer/src/App.tsx', '../../engine/api/contract'],
  ['worker-native/worker/training-loop.ts', '../../engine/training/shuffle'],
  ['worker-native/worker/training-worker.ts', 'node:worker_threads'],
  ['electron/services/training/session.ts', '../../../worker-native/worker/worker-protocol'],
  ['electron/services/training/session.ts', 'node:worker_threads'],
  ['electron/shell/main.ts', 'electron'],
  ['electron/preload/index.ts', 'electron'],
];

describe('folder boundaries (eslint.config.js)', () => {
  it.each(forbidden)('%s may not import %s', async (file, from, message) => {
    const errors = await boundaryErrors(file, importOf(from));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(message);
  });

  it.each(allowed)('%s may import %s', async (file, from) => {
    expect(await boundaryErrors(file, importOf(from))).toEqual([]);
  });

  it('engine/ may not reach Node through its globals either', async () => {
    const errors = await boundaryErrors(
      'engine/training/shuffle.ts',
      'export const home = process.env.HOME;\n',
    );
    expect(errors).toEqual([expect.stringContaining("'process'")]);
  });
});
