// Remembers, across page reloads, which model each training session belongs to and its label ("Run 3"),
// since the backend's session list knows only the model's name.
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface RunTag {
  readonly modelKey: string;
  readonly label: string;
}

const KEY = 'layerwise.training.runs';
/** Most sessions remembered; the oldest are forgotten first. */
const MAX_TAGS = 200;

export class RunRegistry {
  private tags: Record<string, RunTag>;

  constructor(private readonly storage: StorageLike | null) {
    this.tags = {};
    try {
      const saved: unknown = JSON.parse(storage?.getItem(KEY) ?? '{}');
      if (typeof saved === 'object' && saved !== null) this.tags = saved as Record<string, RunTag>;
    } catch {
      // a corrupt entry only loses the labels
    }
  }

  get(sessionId: string): RunTag | undefined {
    const tag = this.tags[sessionId];
    return typeof tag?.modelKey === 'string' && typeof tag.label === 'string' ? tag : undefined;
  }

  set(sessionId: string, tag: RunTag): void {
    this.tags[sessionId] = tag;
    const ids = Object.keys(this.tags);
    for (const id of ids.slice(0, Math.max(0, ids.length - MAX_TAGS))) delete this.tags[id];
    try {
      this.storage?.setItem(KEY, JSON.stringify(this.tags));
    } catch {
      // storage full or denied: labels last for this page only
    }
  }
}

export function defaultStorage(): StorageLike | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}
