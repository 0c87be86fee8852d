// New, Open, Save, Save As, Import and Export as plain functions over the editor store and a FileHost,
// shared by the toolbar, the keyboard shortcuts, the native menu and files the OS opens. A problem with
// a file is reported with its place and never touches the document that is open.
import { parseModelFile, serializeModelFile, type Issue, type ModelFile } from '../../../engine';
import { detectImport, exportModel, importModel, type ExportFormatId } from '../../../engine/formats';
import type { OpenDocumentMessage, PickedFile } from '../../../engine/api/desktop-files';
import { parseJsonText } from '../../../engine/json-text';
import type { EditorStoreApi } from '../editor/editor-store';
import { modelFileName, type FileHost } from './file-host';
import { templateModel, type TemplateId } from './templates';

export interface DocumentActionsDeps {
  readonly editor: EditorStoreApi;
  readonly host: FileHost;
  /** Asks the user to confirm discarding unsaved changes. */
  readonly confirmDiscard: () => Promise<boolean>;
  /** Asks for a new name for Save As (null: cancelled). */
  readonly askName: (current: string) => Promise<string | null>;
  /** The trained weights of the chosen run of this document, when there are some. */
  readonly trainedWeights: () => Promise<ModelFile['weights'] | null>;
  /** The whole document to save: graph, training settings, runs and weights (default: the graph). */
  readonly documentFile?: () => ModelFile;
  /** Called after a document is loaded, with the file's name: its settings, runs and weights go to training. */
  readonly onLoaded?: (model: ModelFile, fileName: string | null) => void;
}

const readAll = (files: readonly File[]): Promise<PickedFile[]> =>
  Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));

/** The first few problems, each with its place, for the notice bar. */
function describeIssues(fileName: string, issues: readonly Issue[]): string {
  const shown = issues.slice(0, 3).map((i) => describeIssue(fileName, i));
  return shown.join('\n') + (issues.length > 3 ? ` (+${issues.length - 3} more)` : '');
}

export function describeIssue(fileName: string, issue: Issue): string {
  const { line, column, nodeId, field } = issue.where;
  const place = [
    line !== undefined ? `line ${line}${column !== undefined ? `, column ${column}` : ''}` : null,
    nodeId !== undefined ? `node '${nodeId}'` : null,
    field !== undefined ? `field '${field}'` : null,
  ]
    .filter((p) => p !== null)
    .join(', ');
  return `${fileName}${place ? ` (${place})` : ''}: ${issue.message}`;
}

export function createDocumentActions(deps: DocumentActionsDeps) {
  const { editor, host } = deps;
  const isDirty = () => editor.getState().revision !== editor.getState().savedRevision;
  const mayDiscard = async () => !isDirty() || (await deps.confirmDiscard());

  const notifyError = (text: string) => editor.getState().notify({ kind: 'error', text });
  /** Runs a host step; a file problem (main names the file) becomes a notice instead of a rejection. */
  const attempt = async <T>(step: () => Promise<T>): Promise<T | null> => {
    try {
      return await step();
    } catch (error) {
      notifyError((error as Error).message);
      return null;
    }
  };

  const documentFile = () => deps.documentFile?.() ?? editor.getState().toModelFile();

  const save = async (suggestedName: string, saveAs: boolean) => {
    const { documentId } = editor.getState();
    const text = serializeModelFile(documentFile());
    const saved = await attempt(() => host.saveDocument({ text, suggestedName, documentId, saveAs }));
    if (saved !== null) editor.getState().markSaved(saved.name, saved.documentId);
  };

  /** Loads a model file's text as the document, asking first when that would discard changes. */
  const openText = async (name: string, text: string, documentId: string | null = null) => {
    if (!(await mayDiscard())) return false;
    const parsed = parseModelFile(text);
    if (!parsed.ok) {
      notifyError(describeIssues(name, parsed.issues));
      return false;
    }
    editor.getState().loadModel(parsed.model, { fileName: name, documentId });
    deps.onLoaded?.(parsed.model, name);
    return true;
  };

  const importPicked = async (read: readonly PickedFile[]) => {
    if (!(await mayDiscard())) return false;
    const main = read.find((f) => f.name.endsWith('.json'));
    const json = main ? parseJsonText(new TextDecoder().decode(main.bytes)) : null;
    if (main === undefined || json === null || !json.ok || detectImport(json.value) === null) {
      const why =
        json !== null && !json.ok
          ? `line ${json.line}, column ${json.column}: ${json.message}`
          : 'pick a model.json (with its .bin weight files) or a .layerwise.json';
      notifyError(`Import: ${why}`);
      return false;
    }
    const weightFiles = Object.fromEntries(read.filter((f) => f !== main).map((f) => [f.name, f.bytes]));
    const imported = importModel(json.value, weightFiles);
    if (!imported.ok) {
      notifyError(describeIssues(main.name, imported.issues));
      return false;
    }
    editor.getState().loadModel(imported.value, { dirty: true });
    deps.onLoaded?.(imported.value, main.name);
    return true;
  };

  return {
    async newFromTemplate(id: TemplateId): Promise<void> {
      if (!(await mayDiscard())) return;
      const model = templateModel(id);
      editor.getState().loadModel(model);
      deps.onLoaded?.(model, null);
    },
    /** Opens a model file the user picked in the page; false (and says why) when it cannot be read. */
    async open(file: File): Promise<boolean> {
      let text: string;
      try {
        text = await file.text();
      } catch (error) {
        notifyError(`${file.name}: ${(error as Error).message}`);
        return false;
      }
      return openText(file.name, text);
    },
    /** Open with the host's own dialog (desktop); false when cancelled or not opened. */
    async openWithDialog(): Promise<boolean> {
      const picked = await attempt(async () => (await host.pickDocument?.()) ?? null);
      return picked !== null && openText(picked.name, picked.text, picked.documentId);
    },
    /** A file the OS or Open Recent opened (desktop), or why main could not read it. */
    async openFromHost(message: OpenDocumentMessage): Promise<boolean> {
      if ('error' in message) {
        notifyError(message.error);
        return false;
      }
      const { name, text, documentId } = message.document;
      return openText(name, text, documentId);
    },
    async save(): Promise<void> {
      const { fileName, modelName } = editor.getState();
      await save(fileName ?? modelFileName(modelName), false);
    },
    async saveAs(): Promise<void> {
      const { fileName, modelName } = editor.getState();
      const current = fileName ?? modelFileName(modelName);
      if (host.nativeDialogs) return save(current, true);
      const name = await deps.askName(current);
      if (name !== null && name.trim() !== '')
        await save(modelFileName(name.replace(/\.layerwise\.json$/, '')), true);
    },
    /** Exports the model in a format; `withWeights` uses the weights of its latest trained run. */
    async exportAs(format: ExportFormatId, withWeights: boolean): Promise<void> {
      const { runs: _runs, weights: _weights, ...model } = documentFile();
      const weights = withWeights ? await deps.trainedWeights() : null;
      if (withWeights && weights === null) {
        notifyError('Train this model first: there are no weights to export.');
        return;
      }
      const result = exportModel(format, weights ? { ...model, weights } : model, {
        weights: withWeights ? 'inline' : 'none',
      });
      if (!result.ok) {
        notifyError(describeIssues(model.name, result.issues));
        return;
      }
      await attempt(() => host.exportFiles(result.value));
    },
    /** Imports a model another tool wrote (with its weight files, picked together) or one of ours. */
    async importFiles(files: readonly File[]): Promise<boolean> {
      return importPicked(await readAll(files));
    },
    /** Files dropped on the window: one model file of ours opens like Open; anything else is imported. */
    async dropFiles(files: readonly File[]): Promise<boolean> {
      const [only] = files;
      if (files.length === 1 && only !== undefined && only.name.endsWith('.json')) {
        const text = await only.text();
        const json = parseJsonText(text);
        if (json.ok && detectImport(json.value) === 'layerwise') return openText(only.name, text);
      }
      return importPicked(await readAll(files));
    },
    /** Import with the host's own dialog (desktop); false when cancelled or not imported. */
    async importWithDialog(): Promise<boolean> {
      const picked = await attempt(async () => (await host.pickImportFiles?.()) ?? null);
      return picked !== null && importPicked(picked);
    },
    isDirty,
  };
}

export type DocumentActions = ReturnType<typeof createDocumentActions>;
