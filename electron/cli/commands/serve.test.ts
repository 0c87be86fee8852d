// `layerwise serve` as a function: one printed line with the URL, a working server, clear user errors.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeBackend } from '../../transport/fake-backend';
import { UserError } from '../user-error';
import { serveCommand } from './serve';

const staticDir = mkdtempSync(join(tmpdir(), 'layerwise-serve-cmd-'));
writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Layerwise</title>');

describe('serveCommand', () => {
  it('prints exactly one line, the page URL with its token, and serves that page', async () => {
    const lines: string[] = [];
    const handle = await serveCommand({ backend: fakeBackend(), staticDir, print: (l) => lines.push(l) });
    expect(lines).toEqual([handle.url]);
    expect(lines[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
    const status = await new Promise((resolve) => get(handle.url, (res) => resolve(res.resume().statusCode)));
    expect(status).toBe(200);
    await handle.close();
  });

  it.each([-1, 65536, 1.5, Number.NaN])('refuses --port %s as a user error', async (port) => {
    await expect(
      serveCommand({ port, backend: fakeBackend(), staticDir, print: () => {} }),
    ).rejects.toBeInstanceOf(UserError);
  });

  it('reports a port in use as a user error and prints nothing', async () => {
    const first = await serveCommand({ backend: fakeBackend(), staticDir, print: () => {} });
    const lines: string[] = [];
    const error = await serveCommand({
      port: first.port,
      backend: fakeBackend(),
      staticDir,
      print: (l) => lines.push(l),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).lines).toEqual([
      `layerwise serve: port ${first.port} is in use: pick another with --port, or --port 0 for any`,
    ]);
    expect(lines).toEqual([]);
    await first.close();
  });
});
