// Runs one benchmark in its own process (so its peak RSS and its threads are its own) and reads the JSON
// object it prints on its last line; a failure is reported and gives undefined, so one broken framework
// does not end `npm run bench`.
import { spawnSync } from 'node:child_process';

const root = new URL('../../', import.meta.url).pathname;

export type Row = Partial<Record<string, number>> & { train_samples_per_s: number; test_accuracy: number };

export function child<T = Row>(command: string, args: string[], env: NodeJS.ProcessEnv = {}): T | undefined {
  const result = spawnSync(command, args, {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 30 * 60_000,
  });
  const line = result.stdout?.trim().split('\n').at(-1);
  try {
    return JSON.parse(line ?? '') as T;
  } catch {
    console.error(`${command} ${args.join(' ')} failed:\n${result.stderr}`);
    return undefined;
  }
}
