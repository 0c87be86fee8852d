// Fetches Electron's binary for users who can reach its download host. package.json keeps electron's
// own postinstall off (allowScripts) so that offline machines and CI still install; here a failed
// download is one warning, never a failed `npm install`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function electronInstallScript() {
  try {
    return require.resolve('electron/install.js');
  } catch {
    return null;
  }
}

const script = electronInstallScript();
if (script === null || process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) process.exit(0);
if (existsSync(new URL('../node_modules/electron/path.txt', import.meta.url))) process.exit(0);

const result = spawnSync(process.execPath, [script], {
  stdio: ['ignore', 'ignore', 'pipe'],
  timeout: 120_000,
});
if (result.status !== 0) {
  console.warn(
    'layerwise: Electron could not be downloaded (offline?). Everything else is installed; ' +
      'the CLI works without it, and `node node_modules/electron/install.js` retries the download.',
  );
}
