// `layerwise serve [--port N]`: the app in a browser. Starts the API and the built renderer on
// 127.0.0.1 and prints exactly one line, the URL to open (it carries this run's token).
import type { ApiBackend } from '../../services/backend';
import { startServeServer, type ServeServer } from '../../transport/serve-server';
import { UserError } from '../user-error';

export interface ServeCommandOptions {
  /** 0 or undefined picks a free port. */
  readonly port?: number;
  readonly backend: ApiBackend;
  /** The built renderer, e.g. out/renderer. */
  readonly staticDir: string;
  readonly print: (line: string) => void;
  readonly log?: (line: string) => void;
}

export async function serveCommand(options: ServeCommandOptions): Promise<ServeServer> {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UserError([`layerwise serve: --port must be a whole number from 0 to 65535, got ${port}`]);
  let server: ServeServer;
  try {
    server = await startServeServer({
      backend: options.backend,
      port,
      staticDir: options.staticDir,
      ...(options.log ? { log: options.log } : {}),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      throw new UserError([
        `layerwise serve: port ${port} is in use: pick another with --port, or --port 0 for any`,
      ]);
    if (code === 'EACCES')
      throw new UserError([`layerwise serve: no permission to listen on port ${port}: pick one above 1023`]);
    throw error;
  }
  options.print(server.url);
  return server;
}
