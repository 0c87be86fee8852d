// Lint rules, including the folder boundaries: code may only import from where it can run.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'crypto', 'url'];

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
    // engine/ is plain TypeScript shared by every process: it imports only itself and pure libraries.
    files: ['engine/**/*.ts'],
    ignores: ['engine/**/*.test.ts', 'engine/**/*.bench.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'engine/ runs in the renderer too: no Node APIs.' },
            {
              group: ['electron', '**/electron/**', '**/renderer/**', '**/worker-native/**'],
              message: 'engine/ imports only itself.',
            },
          ],
        },
      ],
    },
  },
  {
    // The renderer runs sandboxed in Electron and in a plain browser.
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...nodeBuiltins, 'electron'],
              message: 'The renderer has no Node or Electron APIs: use the API contract.',
            },
            {
              group: ['**/electron/**', '**/worker-native/**'],
              message: 'The renderer reaches the main side only through the API.',
            },
          ],
        },
      ],
    },
  },
  {
    // Main-side services are transport-neutral: only the Electron shell and the preload import electron.
    files: ['electron/**/*.ts'],
    ignores: ['electron/shell/**', 'electron/preload/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron'],
              message: 'Services do not depend on Electron; only electron/shell and electron/preload do.',
            },
          ],
        },
      ],
    },
  },
);
