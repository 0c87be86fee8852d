// Reads model files from disk for the CLI and the app: every failure is a user-facing Issue.
import { readFile } from 'node:fs/promises';
import { issue, parseModelFile, type ModelFileResult } from '../../engine';

export async function readModelFile(path: string): Promise<ModelFileResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a folder, not a file'
          : `cannot read it (${code ?? 'unknown error'})`;
    return { ok: false, issues: [issue('E_FORMAT', reason)] };
  }
  return parseModelFile(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
}
