// Where Electron's binary is, or null when it was never downloaded (an install without GitHub access):
// `npm start` then falls back to the browser, and the desktop e2e test says why it is skipped.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

export function electronBinary() {
  try {
    const pkg = dirname(require.resolve('electron/package.json'));
    const relative = readFileSync(join(pkg, 'path.txt'), 'utf8').trim();
    const binary = join(pkg, 'dist', relative);
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}
