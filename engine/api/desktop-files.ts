// Desktop only: the native file dialogs and the documents the OS hands the app (a double-clicked model
// file, a command-line argument, Open Recent). The main process owns every path: the page sees a
// document by an opaque id it got from main, so even a compromised page can only write where the user
// chose in a dialog. Shared by main, the preload and the renderer; zod-free, so the preload stays small.
/** A model file main read for the page (from a dialog, the OS or the recent list). */
export interface OpenedDocument {
  readonly documentId: string;
  readonly name: string;
  readonly text: string;
}

export interface SavedDocument {
  readonly documentId: string;
  readonly name: string;
}

export interface PickedFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** The file methods; their payload schemas are main's (electron/shell/desktop-file-requests.ts). */
export const DESKTOP_FILE_METHODS = [
  'files.open',
  'files.save',
  'files.export',
  'files.pickImport',
  'files.ready',
] as const;

export type DesktopFileMethod = (typeof DESKTOP_FILE_METHODS)[number];

export interface DesktopFileResults {
  'files.open': OpenedDocument | null;
  'files.save': SavedDocument | null;
  'files.export': readonly string[] | null;
  'files.pickImport': readonly PickedFile[] | null;
  'files.ready': null;
}

export const isDesktopFileMethod = (value: unknown): value is DesktopFileMethod =>
  typeof value === 'string' && (DESKTOP_FILE_METHODS as readonly string[]).includes(value);

/** What main sends when the OS or Open Recent opens a file: the document, or why it could not be read. */
export type OpenDocumentMessage = { readonly document: OpenedDocument } | { readonly error: string };
