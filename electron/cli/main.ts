// The `layerwise` command line: the same services as the app, headless. User mistakes exit 2 with one
// line per problem and no stack; anything else is a bug and exits 1 with its stack.
import { parseArgs } from 'node:util';
import { summaryCommand } from './commands/summary';
import { UserError } from './user-error';

const USAGE = `Usage: layerwise <command> [options]

Commands:
  summary <model.json> [--json]   Keras-style summary: layers, output shapes, parameter counts

Options:
  -h, --help                      Show this help`;

export async function runCli(
  argv: readonly string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    return { code: 0, stdout: await dispatch(argv), stderr: '' };
  } catch (error) {
    if (error instanceof UserError) return { code: 2, stdout: '', stderr: error.lines.join('\n') };
    return {
      code: 1,
      stdout: '',
      stderr: `layerwise: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    };
  }
}

async function dispatch(argv: readonly string[]): Promise<string> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UserError([`layerwise: ${(error as Error).message}`, '', USAGE]);
  }
  const [command, ...args] = parsed.positionals;
  if (parsed.values.help || command === undefined || command === 'help') return USAGE;
  if (command === 'summary') {
    if (args.length !== 1)
      throw new UserError(['layerwise summary: expected one model file, e.g. layerwise summary model.json']);
    return summaryCommand(args[0] as string, { json: parsed.values.json });
  }
  throw new UserError([`layerwise: unknown command '${command}'`, '', USAGE]);
}
