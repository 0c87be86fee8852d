// Opens a URL in the user's default browser: the command each platform provides for it.
import { spawn } from 'node:child_process';

/** The command and arguments that open `url` on `platform` (as in process.platform). */
export function openCommand(platform, url) {
  if (platform === 'darwin') return ['open', [url]];
  // `start` is a cmd built-in; the empty string is the window title it would otherwise take from the URL.
  if (platform === 'win32') return ['cmd', ['/c', 'start', '', url]];
  return ['xdg-open', [url]];
}

/** Opens the URL; returns false (without throwing) when no opener could be started. */
export function openBrowser(url, platform = process.platform) {
  const [command, args] = openCommand(platform, url);
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => resolve(false));
    child.on('spawn', () => {
      child.unref();
      resolve(true);
    });
  });
}
