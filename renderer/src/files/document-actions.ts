// New, Open, Save, Save As, Import and Export as plain functions over the editor store and a FileHost,
// shared by the toolbar, the keyboard shortcuts and (later) the native menu. A problem with a file is
// reported with its place and never touches the document that is open.
import { parseModelFile, serializeModelFile, type Issue, type ModelFile } from '../../../engine';
import { detectImport, exportModel, importModel, type ExportFormatId } from '../../../engine/formats';
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
  /** The trained weights of this model's latest run, when there is one. */
  readonly trainedWeights: () => Promise<ModelFile['weights'] | null>;
  /** Optional: called after a document is loaded or saved (training settings, for example). */
  readonly onLoaded?: (model: ModelFile) => void;
  readonly beforeSave?: () => void;
}

const mimeType = (name: string) =>
  name.endsWith('.json')
    ? 'application/json'
    : name.endsWith('.py')
      ? 'text/x-python'
      : 'application/octet-stream';

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

  const saveAs = async (name: string) => {
    deps.beforeSave?.();
    const text = serializeModelFile(editor.getState().toModelFile());
    const saved = await host.save(name, text);
    if (saved !== null) editor.getState().markSaved(saved);
  };

  return {
    async newFromTemplate(id: TemplateId): Promise<void> {
      if (!(await mayDiscard())) return;
      const model = templateModel(id);
      editor.getState().loadModel(model);
      deps.onLoaded?.(model);
    },
    /** Opens a model file; returns false (and says why) when it cannot be read. */
    async open(file: File): Promise<boolean> {
      if (!(await mayDiscard())) return false;
      let text: string;
      try {
        text = (await host.read(file)).text;
      } catch (error) {
        editor.getState().notify({ kind: 'error', text: `${file.name}: ${(error as Error).message}` });
        return false;
      }
      const parsed = parseModelFile(text);
      if (!parsed.ok) {
        editor.getState().notify({ kind: 'error', text: describeIssues(file.name, parsed.issues) });
        return false;
      }
      editor.getState().loadModel(parsed.model, { fileName: file.name });
      deps.onLoaded?.(parsed.model);
      return true;
    },
    async save(): Promise<void> {
      const { fileName, modelName } = editor.getState();
      await saveAs(fileName ?? modelFileName(modelName));
    },
    async saveAs(): Promise<void> {
      const { fileName, modelName } = editor.getState();
      const name = await deps.askName(fileName ?? modelFileName(modelName));
      if (name !== null && name.trim() !== '')
        await saveAs(modelFileName(name.replace(/\.layerwise\.json$/, '')));
    },
    /** Exports the model in a format; `withWeights` uses the weights of its latest trained run. */
    async exportAs(format: ExportFormatId, withWeights: boolean): Promise<void> {
      deps.beforeSave?.();
      const model = editor.getState().toModelFile();
      const weights = withWeights ? await deps.trainedWeights() : null;
      if (withWeights && weights === null) {
        editor
          .getState()
          .notify({ kind: 'error', text: 'Train this model first: there are no weights to export.' });
        return;
      }
      const result = exportModel(format, weights ? { ...model, weights } : model, {
        weights: withWeights ? 'inline' : 'none',
      });
      if (!result.ok) {
        editor.getState().notify({ kind: 'error', text: describeIssues(model.name, result.issues) });
        return;
      }
      for (const file of result.value) await host.save(file.name, file.data, mimeType(file.name));
    },
    /** Imports a model another tool wrote (with its weight files, picked together) or one of ours. */
    async importFiles(files: readonly File[]): Promise<boolean> {
      if (!(await mayDiscard())) return false;
      const read = await Promise.all(
        files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })),
      );
      const main = read.find((f) => f.name.endsWith('.json'));
      const json = main ? parseJsonText(new TextDecoder().decode(main.bytes)) : null;
      if (main === undefined || json === null || !json.ok || detectImport(json.value) === null) {
        const why =
          json !== null && !json.ok
            ? `line ${json.line}, column ${json.column}: ${json.message}`
            : 'pick a model.json (with its .bin weight files) or a .layerwise.json';
        editor.getState().notify({ kind: 'error', text: `Import: ${why}` });
        return false;
      }
      const weightFiles = Object.fromEntries(read.filter((f) => f !== main).map((f) => [f.name, f.bytes]));
      const imported = importModel(json.value, weightFiles);
      if (!imported.ok) {
        editor.getState().notify({ kind: 'error', text: describeIssues(main.name, imported.issues) });
        return false;
      }
      editor.getState().loadModel(imported.value, { dirty: true });
      deps.onLoaded?.(imported.value);
      return true;
    },
    isDirty,
  };
}

export type DocumentActions = ReturnType<typeof createDocumentActions>;
