// Starts Layerwise in serve mode inside this process: the real services and WebSocket API plus the
// built renderer, on 127.0.0.1 with a fresh token. Wired exactly as `layerwise serve` wires them.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createApiBackend } from '../../electron/services/api-backend';
import { TrainingService } from '../../electron/services/training/training-service';
import { startServeServer } from '../../electron/transport/serve-server';

export const RENDERER_DIR = fileURLToPath(new URL('../../out/renderer/', import.meta.url));

export interface ServedApp {
  /** The page to open, token included. */
  readonly url: string;
  readonly training: TrainingService;
  /** Stops the server, then ends every training session. */
  close(): Promise<void>;
}

export async function serveApp(options: { log?: (line: string) => void } = {}): Promise<ServedApp> {
  if (!existsSync(`${RENDERER_DIR}index.html`))
    throw new Error(
      `e2e: the renderer is not built (${RENDERER_DIR}index.html is missing): run npm run build first`,
    );
  const training = new TrainingService();
  const server = await startServeServer({
    backend: createApiBackend(training),
    port: 0,
    staticDir: RENDERER_DIR,
    log: options.log ?? ((line) => console.error(`[serve] ${line}`)),
  });
  let closing: Promise<void> | null = null;
  return {
    url: server.url,
    training,
    close: () =>
      (closing ??= (async () => {
        await server.close();
        await training.disposeAll();
      })()),
  };
}
