// `npm start`: builds and launches the desktop app. When Electron's binary was not downloaded (an install
// without access to GitHub) it says so, how to fix it, and starts serve mode in the default browser.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { electronBinary } from './electron-binary.mjs';
import { openBrowser } from './open-browser.mjs';

const require = createRequire(import.meta.url);

/** Builds the renderer, runs `layerwise serve`, opens the URL it prints; resolves with its exit code. */
async function serveInBrowser() {
  const build = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) return build.status ?? 1;
  const server = spawn(process.execPath, ['bin/layerwise.mjs', 'serve'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  server.stdout.setEncoding('utf8');
  let opened = false;
  server.stdout.on('data', async (chunk) => {
    process.stdout.write(chunk);
    const url = /http:\/\/127\.0\.0\.1:\d+\/\S*/.exec(chunk)?.[0];
    if (url === undefined || opened) return;
    opened = true;
    if (!(await openBrowser(url)))
      console.error('layerwise: could not open a browser: open the URL above yourself.');
    console.error('layerwise: serving the app; press Ctrl-C to stop.');
  });
  process.on('SIGINT', () => server.kill('SIGINT'));
  return new Promise((resolve) => server.on('exit', (code) => resolve(code ?? 0)));
}

if (electronBinary() === null) {
  console.error(
    "layerwise: Electron's binary is not installed (npm install downloads it from GitHub, which was not reachable).\n" +
      'To get the desktop app: `node node_modules/electron/install.js` on a machine with internet access, then `npm start`.\n' +
      'Starting the same app in your browser instead (serve mode, on 127.0.0.1 only)…',
  );
  process.exit(await serveInBrowser());
}
const result = spawnSync(
  process.execPath,
  [join(dirname(require.resolve('electron-vite/package.json')), 'bin/electron-vite.js'), 'dev'],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
