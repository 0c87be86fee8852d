// The `layerwise` command line: the same services as the app, headless. User mistakes exit 2 with one
// line per problem and no stack; anything else is a bug and exits 1 with its stack.
import { parseArgs } from 'node:util';
import { evalCommand } from './commands/evaluate';
import { exportCommand } from './commands/export';
import { importCommand } from './commands/import';
import { inspectCommand } from './commands/inspect';
import { predictCommand } from './commands/predict';
import { serveMain } from './commands/serve-main';
import { summaryCommand } from './commands/summary';
import { trainCommand } from './commands/train';
import { bufferedIO, type CliIO } from './io';
import { UserError } from './user-error';

const USAGE = `Usage: layerwise <command> [options]

Commands:
  summary <model.json> [--json]        Keras-style summary: layers, output shapes, parameter counts
  train <model.json> [options]         Train; options:
      --dataset mnist|fashion-mnist|<folder or .csv>   --epochs N   --batch-size B
      --optimizer sgd|adam|adamw|rmsprop   --lr X   --validation-split F   --limit N
      --seed S   --threads T   --out trained.json   --json (one JSON event per line)
      --memory-budget 4GiB|512MiB|<bytes>   (default: 60% of this machine's memory)
      --continue (start from the file's saved weights where they fit; initialise the rest)
      --adjust "epoch=2,step=100,lr=0.0003"   (repeatable) change the run before batch step+1 of
               the epoch; keys: lr, optimizer, batch, patience=N|off, dropout:<layer>=RATE
  eval <trained.json> [--dataset D] [--json]      Test-set loss, accuracy and confusion matrix
  predict <trained.json> [--dataset D] [--split test|train] [--limit N] --json
                                       One JSON line per image: index, label, predicted, probabilities
  inspect <trained.json> --index N --out <folder> [--dataset D] [--split test|train]
                                       Every layer's output for one image: a PNG per layer and
                                       stats.json (shape, mean, std, zero fraction, min, max)
  serve [--port N]                     The app in a browser: prints http://127.0.0.1:PORT/?token=...
  export <model.json> --format F --out <path> [--weights inline|sidecar|none]
                                       Write the model for another tool; F: json|tfjs|onnx|pytorch|keras
  import <model.json> --out <layerwise.json>
                                       Read a TensorFlow.js Layers model.json (weight files beside it)
                                       or a Layerwise file, and write a Layerwise model file

Options:
  -h, --help                           Show this help`;

const OPTIONS = {
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  dataset: { type: 'string' },
  epochs: { type: 'string' },
  'batch-size': { type: 'string' },
  optimizer: { type: 'string' },
  lr: { type: 'string' },
  'validation-split': { type: 'string' },
  limit: { type: 'string' },
  seed: { type: 'string' },
  threads: { type: 'string' },
  'memory-budget': { type: 'string' },
  continue: { type: 'boolean', default: false },
  adjust: { type: 'string', multiple: true },
  out: { type: 'string' },
  split: { type: 'string' },
  port: { type: 'string' },
  format: { type: 'string' },
  weights: { type: 'string' },
  index: { type: 'string' },
} as const;

/** Runs one command; returns its exit code and, with the default buffered IO, what it printed. */
export async function runCli(
  argv: readonly string[],
  io: CliIO = bufferedIO(),
): Promise<{ code: number; stdout: string; stderr: string }> {
  let code: number;
  try {
    code = await dispatch(argv, io);
  } catch (error) {
    if (error instanceof UserError) {
      for (const line of error.lines) io.err(line);
      code = 2;
    } else {
      io.err(
        `layerwise: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      code = 1;
    }
  }
  const buffered = io as Partial<ReturnType<typeof bufferedIO>>;
  return { code, stdout: buffered.stdout?.join('\n') ?? '', stderr: buffered.stderr?.join('\n') ?? '' };
}

function oneFile(command: string, args: string[], example: string): string {
  if (args.length !== 1)
    throw new UserError([
      `layerwise ${command}: expected one model file, e.g. layerwise ${command} ${example}`,
    ]);
  return args[0] as string;
}

async function dispatch(argv: readonly string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: OPTIONS });
  } catch (error) {
    throw new UserError([`layerwise: ${(error as Error).message}`, '', USAGE]);
  }
  const { values } = parsed;
  const [command, ...args] = parsed.positionals;
  if (values.help || command === undefined || command === 'help') {
    io.out(USAGE);
    return 0;
  }
  switch (command) {
    case 'summary':
      io.out(await summaryCommand(oneFile('summary', args, 'model.json'), { json: values.json }));
      return 0;
    case 'train':
      return trainCommand(oneFile('train', args, 'model.json'), values, io);
    case 'eval':
      return evalCommand(oneFile('eval', args, 'trained.json'), values, io);
    case 'predict':
      return predictCommand(
        oneFile('predict', args, 'trained.json --dataset mnist --split test --json'),
        values,
        io,
      );
    case 'inspect':
      return inspectCommand(
        oneFile('inspect', args, 'trained.json --dataset mnist --index 0 --out inspect/'),
        values,
        io,
      );
    case 'serve':
      return serveMain(values.port, io);
    case 'export':
      return exportCommand(
        oneFile('export', args, 'trained.json --format onnx --out model.onnx'),
        values,
        io,
      );
    case 'import':
      return importCommand(oneFile('import', args, 'model.json --out model.layerwise.json'), values, io);
    default:
      throw new UserError([`layerwise: unknown command '${command}'`, '', USAGE]);
  }
}
