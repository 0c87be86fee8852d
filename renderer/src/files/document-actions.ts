// New, Open, Save, Save As, Import and Export as plain functions over the editor store and a FileHost,
// shared by the toolbar, the keyboard shortcuts and (later) the native menu. A problem with a file is
// reported with its place and never touches the document that is open.
import { parseModelFile, serializeModelFile, type Issue, type ModelFile } from '../../../engine';
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
        const shown = parsed.issues.slice(0, 3).map((i) => describeIssue(file.name, i));
        const more = parsed.issues.length > 3 ? ` (+${parsed.issues.length - 3} more)` : '';
        editor.getState().notify({ kind: 'error', text: shown.join('\n') + more });
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
    /** Exports our JSON: architecture only, or with the latest trained weights. */
    async exportJson(withWeights: boolean): Promise<void> {
      deps.beforeSave?.();
      const model = editor.getState().toModelFile();
      const weights = withWeights ? await deps.trainedWeights() : null;
      if (withWeights && weights === null) {
        editor
          .getState()
          .notify({ kind: 'error', text: 'Train this model first: there are no weights to export.' });
        return;
      }
      const base = modelFileName(model.name).replace(/\.layerwise\.json$/, '');
      const suffix = withWeights ? '.weights' : '.architecture';
      await host.save(
        `${base}${suffix}.layerwise.json`,
        serializeModelFile(weights ? { ...model, weights } : model),
      );
    },
    isDirty,
  };
}

export type DocumentActions = ReturnType<typeof createDocumentActions>;
