// The tests' Python with PyTorch (LAYERWISE_PYTHON, or python3; undefined when none imports torch), and a
// runner for the exported scripts: one thread, no GPU, stdout back, a clear error with stderr otherwise.
import { spawnSync } from 'node:child_process';

export const python = [process.env.LAYERWISE_PYTHON, 'python3', '/usr/bin/python3'].find(
  (candidate) => candidate !== undefined && spawnSync(candidate, ['-c', 'import torch']).status === 0,
);

export function run(args: string[], cwd: string): string {
  const result = spawnSync(python as string, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, OMP_NUM_THREADS: '1', CUDA_VISIBLE_DEVICES: '' },
    maxBuffer: 64 << 20,
  });
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed:\n${result.stderr}`);
  return result.stdout;
}
