// Runs `layerwise serve` until Ctrl-C: the real services behind the serve server.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createApiBackend } from '../../services/api-backend';
import { TrainingService } from '../../services/training/training-service';
import type { CliIO } from '../io';
import { UserError } from '../user-error';
import { serveCommand } from './serve';

export async function serveMain(portText: string | undefined, io: CliIO): Promise<number> {
  const port = portText === undefined ? 0 : Number(portText);
  const staticDir = fileURLToPath(new URL('../../../out/renderer/', import.meta.url));
  if (!existsSync(`${staticDir}index.html`))
    throw new UserError(['layerwise serve: the renderer is not built yet: run `npm run build` first']);
  const training = new TrainingService();
  const server = await serveCommand({
    port,
    backend: createApiBackend(training),
    staticDir,
    print: (line) => io.out(line),
    log: (line) => io.err(line),
  });
  await new Promise<void>((resolve) => {
    const remove = io.onInterrupt(() => {
      remove();
      resolve();
    });
  });
  await server.close();
  await training.disposeAll();
  return 0;
}
