// Autosave: the current document (and whether it had unsaved changes) goes to app storage every few
// seconds when it changed, so a crash or a reload never loses a graph; startup restores it.
import { readModel, serializeModelFile, type ModelFile } from '../../../engine';
import type { EditorStoreApi } from '../editor/editor-store';

export const AUTOSAVE_KEY = 'layerwise.autosave.v1';
export const AUTOSAVE_INTERVAL_MS = 2000;

interface AutosaveRecord {
  readonly model: string;
  readonly fileName: string | null;
  readonly dirty: boolean;
  readonly savedAt: number;
}

export interface RestoredDocument {
  readonly model: ModelFile;
  readonly fileName: string | null;
  readonly dirty: boolean;
}

export function readAutosave(storage: Storage = localStorage): RestoredDocument | null {
  try {
    const raw = storage.getItem(AUTOSAVE_KEY);
    if (raw === null) return null;
    const record = JSON.parse(raw) as AutosaveRecord;
    const parsed = readModel(JSON.parse(record.model));
    return parsed.ok
      ? { model: parsed.model, fileName: record.fileName ?? null, dirty: record.dirty === true }
      : null;
  } catch {
    return null; // a damaged record must not stop the app from starting
  }
}

export function writeAutosave(store: EditorStoreApi, storage: Storage = localStorage): void {
  const state = store.getState();
  const record: AutosaveRecord = {
    model: serializeModelFile(state.toModelFile()),
    fileName: state.fileName,
    dirty: state.revision !== state.savedRevision,
    savedAt: Date.now(),
  };
  storage.setItem(AUTOSAVE_KEY, JSON.stringify(record));
}

/** Starts autosaving; returns a function that writes once more and stops. */
export function startAutosave(store: EditorStoreApi, storage: Storage = localStorage): () => void {
  let written = -1;
  const tick = () => {
    const { revision, savedRevision } = store.getState();
    const key = revision * 2 + (revision === savedRevision ? 1 : 0);
    if (key === written) return;
    try {
      writeAutosave(store, storage);
      written = key;
    } catch {
      // Storage full or unavailable: keep editing; the next tick tries again.
    }
  };
  const timer = setInterval(tick, AUTOSAVE_INTERVAL_MS);
  const onHide = () => tick();
  addEventListener('pagehide', onHide);
  return () => {
    tick();
    clearInterval(timer);
    removeEventListener('pagehide', onHide);
  };
}
