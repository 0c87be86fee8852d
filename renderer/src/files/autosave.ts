// Autosave: the whole document (graph, training settings, runs with their curves and results, every
// run's weights) goes to the page's IndexedDB a moment after it changes, so a crash or a reload never
// loses a graph or a trained model; startup restores it. Weights are written once per run.
import { parseModelFile, serializeModelFile, type ModelFile, type ModelWeights } from '../../../engine';
import { documentFile, documentRuns, documentWeights } from '../app/document-training';
import type { EditorStoreApi } from '../editor/editor-store';
import type { TrainingStoreApi } from '../training';
import type { AutosaveStorage } from './autosave-storage';

export const AUTOSAVE_INTERVAL_MS = 2000;
/** Where versions before the IndexedDB autosave kept the document; read once, then removed. */
export const LEGACY_AUTOSAVE_KEY = 'layerwise.autosave.v1';

export interface RestoredDocument {
  readonly model: ModelFile;
  readonly fileName: string | null;
  readonly dirty: boolean;
  /** Every run's weights, by run id. */
  readonly weights: Record<string, ModelWeights>;
  readonly activeRunId: string | null;
}

export async function readAutosave(
  storage: AutosaveStorage,
  legacy: Pick<Storage, 'getItem' | 'removeItem'> | null = globalThis.localStorage ?? null,
): Promise<RestoredDocument | null> {
  try {
    const record = (await storage.readDocument()) ?? readLegacy(legacy);
    if (record === null) return null;
    const parsed = parseModelFile(record.model);
    if (!parsed.ok) return null;
    const runIds = (parsed.model.runs ?? []).map((r) => r.id);
    return {
      model: parsed.model,
      fileName: record.fileName ?? null,
      dirty: record.dirty === true,
      weights: await storage.readWeights(runIds),
      activeRunId: typeof record.activeRunId === 'string' ? record.activeRunId : null,
    };
  } catch {
    return null; // a damaged record or a refused database must not stop the app from starting
  }
}

function readLegacy(legacy: Pick<Storage, 'getItem' | 'removeItem'> | null) {
  const raw = legacy?.getItem(LEGACY_AUTOSAVE_KEY);
  if (raw === null || raw === undefined) return null;
  legacy?.removeItem(LEGACY_AUTOSAVE_KEY);
  return JSON.parse(raw) as { model: string; fileName: string | null; dirty: boolean; activeRunId?: null };
}

/** Writes the document now; `written` lists run ids whose weights are already stored. */
export async function writeAutosave(
  editor: EditorStoreApi,
  training: TrainingStoreApi,
  storage: AutosaveStorage,
  written: Set<string> = new Set(),
): Promise<void> {
  const state = editor.getState();
  const all = documentWeights(editor, training);
  const fresh = Object.fromEntries(Object.entries(all).filter(([id]) => !written.has(id)));
  // The weights are stored per run beside the document, not inside its text.
  const { weights: _chosen, ...document } = documentFile(editor, training);
  await storage.write(
    {
      model: serializeModelFile(document),
      fileName: state.fileName,
      dirty: state.revision !== state.savedRevision,
      savedAt: Date.now(),
      activeRunId: training.getState().activeRunId,
    },
    fresh,
    documentRuns(editor, training).map((r) => r.sessionId),
  );
  for (const id of Object.keys(fresh)) written.add(id);
}

/** Starts autosaving; returns a function that writes once more and stops. */
export function startAutosave(
  editor: EditorStoreApi,
  training: TrainingStoreApi,
  storage: AutosaveStorage,
): () => void {
  // Anything that changes the document bumps `changes`; a tick writes when it moved since the last write.
  let changes = 0;
  let writtenAt = 0;
  let writing = false;
  const written = new Set<string>();
  const bump = () => void changes++;
  const offEditor = editor.subscribe((s, p) => {
    if (s.revision !== p.revision || s.savedRevision !== p.savedRevision || s.docId !== p.docId) bump();
  });
  const offTraining = training.subscribe((s, p) => {
    if (
      s.runs !== p.runs ||
      s.settings !== p.settings ||
      s.weights !== p.weights ||
      s.activeRunId !== p.activeRunId
    )
      bump();
  });
  const tick = () => {
    if (writing || changes === writtenAt) return;
    const at = changes;
    writing = true;
    writeAutosave(editor, training, storage, written).then(
      () => {
        writtenAt = at;
        writing = false;
      },
      () => {
        writing = false; // storage full or unavailable: keep editing; the next tick tries again
      },
    );
  };
  bump(); // the first tick records the document as it starts
  const timer = setInterval(tick, AUTOSAVE_INTERVAL_MS);
  addEventListener('pagehide', tick);
  return () => {
    tick();
    clearInterval(timer);
    removeEventListener('pagehide', tick);
    offEditor();
    offTraining();
  };
}
