// Where the workbench keeps its panel sizes between reloads: a guarded view of localStorage for
// react-resizable-panels' useDefaultLayout. The library parses what it reads without a try, so a
// corrupt or foreign value here would break the whole window; this hands it only well-formed layouts
// (panel id → percentage, adding up to 100) and never throws when storage is unavailable or full.
import type { LayoutStorage } from 'react-resizable-panels';

/** Ids of the two panel groups; each saves its own layout under the library's key for that id. */
export const WORKSPACE_GROUP = 'layerwise-workspace';
export const MAIN_GROUP = 'layerwise-main';

/** The status bar's height: the training dock's collapsed size, fixed whatever the run state. */
export const STATUS_BAR_PX = 36;

const SUM_TOLERANCE = 1;

/** A stored layout the library can use: a non-empty object of finite percentages adding up to 100. */
export function isStoredLayout(text: string): boolean {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return false;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const sizes = Object.values(value as Record<string, unknown>);
  if (sizes.length === 0) return false;
  if (!sizes.every((s) => typeof s === 'number' && Number.isFinite(s) && s >= 0 && s <= 100)) return false;
  const sum = (sizes as number[]).reduce((a, b) => a + b, 0);
  return Math.abs(sum - 100) <= SUM_TOLERANCE;
}

/** Storage for useDefaultLayout that drops malformed layouts and survives a missing or full store. */
export function layoutStorage(backing: Pick<Storage, 'getItem' | 'setItem'> | null): LayoutStorage {
  return {
    getItem(key) {
      try {
        const text = backing?.getItem(key) ?? null;
        return text !== null && isStoredLayout(text) ? text : null;
      } catch {
        return null; // storage disabled (privacy mode, sandboxed file://): start from the defaults
      }
    },
    setItem(key, value) {
      try {
        backing?.setItem(key, value);
      } catch {
        // full or disabled: the layout is simply not remembered
      }
    },
  };
}

/** The page's localStorage, or null where touching it throws. */
export function pageStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}
