// `npm start`: builds and launches the desktop app, or explains what is missing when Electron's binary
// was not downloaded (an install without access to GitHub).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    const pkg = dirname(require.resolve('electron/package.json'));
    const relative = readFileSync(join(pkg, 'path.txt'), 'utf8').trim();
    const binary = join(pkg, 'dist', relative);
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

if (electronBinary() === null) {
  console.error(
    "layerwise: Electron's binary is not installed (it is downloaded from GitHub during npm install).\n" +
      'Fix: run `node node_modules/electron/install.js` on a machine with internet access, then `npm start` again.\n' +
      'Meanwhile the CLI works without it: `npm run --silent layerwise -- --help`.',
  );
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  [join(dirname(require.resolve('electron-vite/package.json')), 'bin/electron-vite.js'), 'dev'],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
