// The recent documents behind File › Open Recent: newest first, no duplicates, at most ten, kept in a
// small JSON file in the user's data folder. A damaged file starts an empty list instead of failing.
import { readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';

export const MAX_RECENT = 10;

/** The list after opening or saving `path`. */
export function withRecent(list: readonly string[], path: string, max = MAX_RECENT): string[] {
  return [path, ...list.filter((p) => p !== path)].slice(0, max);
}

/** The saved list, keeping only what can be a path we wrote. */
export function parseRecent(saved: unknown): string[] {
  if (!Array.isArray(saved)) return [];
  const paths = saved.filter((p): p is string => typeof p === 'string' && isAbsolute(p));
  return [...new Set(paths)].slice(0, MAX_RECENT);
}

export class RecentDocuments {
  private paths: string[];

  constructor(
    private readonly file: string,
    private readonly onChange: (list: readonly string[]) => void = () => undefined,
  ) {
    let saved: unknown;
    try {
      saved = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      saved = []; // first start, or a damaged file
    }
    this.paths = parseRecent(saved);
  }

  get list(): readonly string[] {
    return this.paths;
  }

  add(path: string): void {
    this.replace(withRecent(this.paths, path));
  }

  remove(path: string): void {
    this.replace(this.paths.filter((p) => p !== path));
  }

  clear(): void {
    this.replace([]);
  }

  private replace(list: string[]): void {
    this.paths = list;
    try {
      writeFileSync(this.file, JSON.stringify(list));
    } catch {
      // Not remembering the list is no reason to fail the open or save that changed it.
    }
    this.onChange(list);
  }
}
