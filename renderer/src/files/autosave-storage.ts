// Where the autosave lives: IndexedDB in the page (no size limit worth the name, and values are stored
// without blocking the page on a big localStorage string), with one record for the document and one per
// run's weights, so unchanged weights are never written twice. A memory version serves the tests.
import type { ModelWeights } from '../../../engine';

export interface AutosaveDocument {
  /** The document as a model file's text (graph, settings, runs, the chosen run's weights). */
  readonly model: string;
  readonly fileName: string | null;
  readonly dirty: boolean;
  readonly savedAt: number;
  /** The run on show, whose weights Save and Export use. */
  readonly activeRunId?: string | null;
}

export interface AutosaveStorage {
  readDocument(): Promise<AutosaveDocument | null>;
  readWeights(runIds: readonly string[]): Promise<Record<string, ModelWeights>>;
  /** Writes the document and the given weights, and forgets weights of runs not in `keepRuns`. */
  write(
    document: AutosaveDocument,
    weights: Readonly<Record<string, ModelWeights>>,
    keepRuns: readonly string[],
  ): Promise<void>;
}

const DB_NAME = 'layerwise';
const STORE = 'autosave';
const DOCUMENT_KEY = 'document';
const weightsKey = (runId: string) => `weights:${runId}`;

const done = (request: IDBRequest | IDBTransaction) =>
  new Promise<void>((resolve, reject) => {
    if (request instanceof IDBTransaction) {
      request.oncomplete = () => resolve();
      request.onabort = request.onerror = () => reject(request.error ?? new Error('IndexedDB aborted'));
    } else {
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error ?? new Error('IndexedDB failed'));
    }
  });

function openDatabase(factory: IDBFactory): Promise<IDBDatabase> {
  const request = factory.open(DB_NAME, 1);
  request.onupgradeneeded = () => request.result.createObjectStore(STORE);
  return done(request).then(() => request.result);
}

export function indexedDbAutosave(factory: IDBFactory = indexedDB): AutosaveStorage {
  let db: Promise<IDBDatabase> | null = null;
  const database = () => (db ??= openDatabase(factory));
  const get = async <T>(key: string): Promise<T | undefined> => {
    const request = (await database()).transaction(STORE).objectStore(STORE).get(key);
    await done(request);
    return request.result as T | undefined;
  };
  return {
    readDocument: async () => (await get<AutosaveDocument>(DOCUMENT_KEY)) ?? null,
    async readWeights(runIds) {
      const found = await Promise.all(
        runIds.map(async (id) => [id, await get<ModelWeights>(weightsKey(id))]),
      );
      return Object.fromEntries(found.filter(([, w]) => w !== undefined));
    },
    async write(document, weights, keepRuns) {
      const tx = (await database()).transaction(STORE, 'readwrite');
      const store = tx.objectStore(STORE);
      store.put(document, DOCUMENT_KEY);
      for (const [id, w] of Object.entries(weights)) store.put(w, weightsKey(id));
      const keep = new Set(keepRuns.map(weightsKey));
      const keys = store.getAllKeys();
      keys.onsuccess = () => {
        for (const key of keys.result)
          if (typeof key === 'string' && key.startsWith('weights:') && !keep.has(key)) store.delete(key);
      };
      await done(tx);
    },
  };
}

export function memoryAutosave(): AutosaveStorage & { readonly items: Map<string, unknown> } {
  const items = new Map<string, unknown>();
  return {
    items,
    readDocument: async () => (items.get(DOCUMENT_KEY) as AutosaveDocument | undefined) ?? null,
    readWeights: async (runIds) =>
      Object.fromEntries(
        runIds.flatMap((id) => {
          const w = items.get(weightsKey(id)) as ModelWeights | undefined;
          return w === undefined ? [] : [[id, w]];
        }),
      ),
    async write(document, weights, keepRuns) {
      items.set(DOCUMENT_KEY, structuredClone(document));
      for (const [id, w] of Object.entries(weights)) items.set(weightsKey(id), structuredClone(w));
      const keep = new Set(keepRuns.map(weightsKey));
      for (const key of [...items.keys()])
        if (key.startsWith('weights:') && !keep.has(key)) items.delete(key);
    },
  };
}
