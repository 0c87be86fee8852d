// Builds the three Electron targets from this repository's folders (not electron-vite's src/ default).
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    build: { outDir: 'out/main', rolldownOptions: { input: { index: resolve('electron/shell/main.ts') } } },
  },
  preload: {
    // Sandboxed preloads must be one self-contained CommonJS file.
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rolldownOptions: { input: { index: resolve('electron/preload/index.ts') }, output: { format: 'cjs' } },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      // ES2021 lowers class private fields (a dependency's #fields) that electronegativity's checker
      // cannot walk: it would otherwise skip the whole renderer bundle (scripts/security-check.mjs).
      target: 'es2021',
      rolldownOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
