// Where files come from and go to. In a browser (serve mode, and Electron until it has native dialogs)
// saving downloads the file and opening reads one the user picked; the UI only sees this interface.
export interface PickedFile {
  readonly name: string;
  readonly text: string;
}

export interface FileHost {
  /** Hands the text to the user under `suggestedName`; returns the name it was saved as. */
  save(suggestedName: string, data: string | Uint8Array, mime?: string): Promise<string | null>;
  /** Reads a file the user chose through the given <input type=file>'s change event. */
  read(file: File): Promise<PickedFile>;
}

export const browserFileHost: FileHost = {
  async save(suggestedName, data, mime = 'application/json') {
    const url = URL.createObjectURL(new Blob([data as BlobPart], { type: mime }));
    const link = document.createElement('a');
    link.href = url;
    link.download = suggestedName;
    link.rel = 'noopener';
    document.body.append(link);
    link.click();
    link.remove();
    // Revoke after the browser has started the download.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return suggestedName;
  },
  async read(file) {
    return { name: file.name, text: await file.text() };
  },
};

/** "My model" → "My_model.layerwise.json": a safe file name for a model name. */
export function modelFileName(modelName: string): string {
  const base =
    modelName
      .trim()
      .replace(/[^\w.-]+/g, '_')
      .replace(/^_+|_+$/g, '') || 'model';
  return base.endsWith('.layerwise.json') ? base : `${base}.layerwise.json`;
}
