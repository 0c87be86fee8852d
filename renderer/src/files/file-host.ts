// Where files come from and go to. In a browser (serve mode) saving downloads the file and opening
// reads one the user picked in an <input type=file>; the desktop app uses native dialogs
// (desktop-file-host.ts). The document actions only see this interface.
import type { OpenedDocument, PickedFile } from '../../../engine/api/desktop-files';
import { exportFileNames } from '../../../engine/formats/file-names';
import type { ExportedFile } from '../../../engine/formats/types';

export interface SaveRequest {
  readonly text: string;
  readonly suggestedName: string;
  /** The file the document came from or was last saved to (desktop), or null. */
  readonly documentId: string | null;
  /** Ask where to save even when the document has a file. */
  readonly saveAs: boolean;
}

export interface FileHost {
  /** True when the host asks where to save in its own dialog; the page then asks for no name. */
  readonly nativeDialogs: boolean;
  /** Saves a model file; returns its name and id, or null when the user cancelled. */
  saveDocument(request: SaveRequest): Promise<{ name: string; documentId: string | null } | null>;
  /** Writes exported files (the model first, the files it refers to beside it); false when cancelled. */
  exportFiles(files: readonly ExportedFile[]): Promise<boolean>;
  /** Native hosts only: the Open and Import dialogs (a browser uses <input type=file> instead). */
  pickDocument?(): Promise<OpenedDocument | null>;
  pickImportFiles?(): Promise<readonly PickedFile[] | null>;
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  json: 'application/json',
  py: 'text/x-python',
  csv: 'text/csv',
  png: 'image/png',
};
const mimeType = (name: string) => MIME_TYPES[name.split('.').pop() ?? ''] ?? 'application/octet-stream';

function download(name: string, data: string | Uint8Array): void {
  const url = URL.createObjectURL(new Blob([data as BlobPart], { type: mimeType(name) }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke after the browser has started the download.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const browserFileHost: FileHost = {
  nativeDialogs: false,
  async saveDocument({ text, suggestedName }) {
    download(suggestedName, text);
    return { name: suggestedName, documentId: null };
  },
  async exportFiles(files) {
    for (const file of files) download(file.name, file.data);
    return true;
  },
};

/** "My model" → "My_model.layerwise.json": the name our JSON export gives the same model. */
export function modelFileName(modelName: string): string {
  return exportFileNames(modelName.replace(/\.layerwise\.json$/, '')).layerwiseJson;
}
