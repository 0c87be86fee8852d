// Lint rules, including the folder boundaries: code may only import from where it runs.
//   engine/         every process (main, worker thread, renderer): imports only itself and pure libraries
//   worker-native/  the training worker thread and its addon: Node and engine/, never electron/ or renderer/
//   electron/       the main process (services, CLI, shell, preload): never renderer/
//   renderer/       the page, sandboxed or in a plain browser: engine/ and the API contract only
// scripts/lint-boundaries.test.ts lints a violation of each rule, so a rule cannot silently stop matching.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

const SOURCE = '{ts,tsx,mts,mjs,js}';
const NODE_MESSAGE = 'runs in the renderer too: no Node APIs.';

/** The `no-restricted-imports` options for a folder: Node built-ins (exact names, so '../api/events'
 *  is not mistaken for 'events') when `node` is set, and the folders it may not reach. */
function boundary({ node, folders = [], electron }) {
  return {
    'no-restricted-imports': [
      'error',
      {
        paths: [
          ...(node ? builtinModules.map((name) => ({ name, message: node })) : []),
          ...(electron ? [{ name: 'electron', message: electron }] : []),
        ],
        patterns: [
          ...(node ? [{ group: ['node:*'], message: node }] : []),
          ...folders.map(([folder, message]) => ({ group: [`**/${folder}/**`, `${folder}/**`], message })),
        ],
      },
    ],
  };
}

const ONLY_ITSELF = 'engine/ imports only itself: it runs in every process.';
const RENDERER_API = 'The renderer reaches the main side only through the API contract.';
const NOT_RENDERER = 'renderer/ is the page: main-side and worker code never import it.';
const NOT_MAIN = 'The worker thread does not import main-process code: share it through engine/.';
const SERVICES_NO_ELECTRON =
  'Services do not depend on Electron; only electron/shell and electron/preload do.';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'worker-native/build/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: globals.node },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // engine/ is plain TypeScript shared by every process. Its tests run in Node and may use it.
    files: [`engine/**/*.${SOURCE}`],
    ignores: ['engine/**/*.test.ts', 'engine/**/*.bench.ts'],
    rules: {
      ...boundary({
        node: `engine/ ${NODE_MESSAGE}`,
        electron: ONLY_ITSELF,
        folders: [
          ['electron', ONLY_ITSELF],
          ['renderer', ONLY_ITSELF],
          ['worker-native', ONLY_ITSELF],
        ],
      }),
      'no-restricted-globals': [
        'error',
        ...['process', 'Buffer', 'require', '__dirname', '__filename', 'global', 'setImmediate'].map(
          (name) => ({ name, message: `engine/ ${NODE_MESSAGE}` }),
        ),
      ],
    },
  },
  {
    // The renderer runs sandboxed in Electron and in a plain browser.
    files: [`renderer/**/*.${SOURCE}`],
    rules: boundary({
      node: 'The renderer has no Node APIs: use the API contract.',
      electron: 'The renderer has no Electron APIs: use the API contract.',
      folders: [
        ['electron', RENDERER_API],
        ['worker-native', RENDERER_API],
      ],
    }),
  },
  {
    // The worker thread and the addon's wrapper: Node and engine/, never the main process or the page.
    files: [`worker-native/**/*.${SOURCE}`],
    rules: boundary({
      electron: NOT_MAIN,
      folders: [
        ['electron', NOT_MAIN],
        ['renderer', NOT_RENDERER],
      ],
    }),
  },
  {
    // Main-side services are transport-neutral: only the Electron shell and the preload import electron.
    files: [`electron/**/*.${SOURCE}`],
    rules: boundary({ electron: SERVICES_NO_ELECTRON, folders: [['renderer', NOT_RENDERER]] }),
  },
  {
    files: [`electron/shell/**/*.${SOURCE}`, `electron/preload/**/*.${SOURCE}`],
    rules: boundary({ folders: [['renderer', NOT_RENDERER]] }),
  },
  {
    // The one test that runs the renderer's WebSocket client against the real serve server.
    files: ['electron/transport/api-client.test.ts'],
    rules: boundary({ electron: SERVICES_NO_ELECTRON }),
  },
);
