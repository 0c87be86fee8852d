// Desktop only: the native file dialogs and the documents the OS hands the app (a double-clicked model
// file, a command-line argument, Open Recent). The main process owns every path: the page sees a
// document by an opaque id it got from main, so even a compromised page can only write where the user
// chose in a dialog. Shared by main (which validates with these schemas), the preload and the renderer.
import { z } from 'zod';

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

const name = z.string().min(1).max(255);
const data = z.union([z.string(), z.instanceof(Uint8Array)]);

export const DESKTOP_FILE_REQUESTS = {
  /** Open dialog → the chosen model file, or null when cancelled. */
  'files.open': z.object({}).strict(),
  /** Saves to the document's own path; without a documentId (or with saveAs) asks where first. */
  'files.save': z
    .object({
      text: z.string(),
      suggestedName: name,
      documentId: z.string().max(64).nullable(),
      saveAs: z.boolean(),
    })
    .strict(),
  /** Save dialog for the first file; the others (a TF.js model's .bin) are written beside it. */
  'files.export': z.object({ files: z.array(z.object({ name, data }).strict()).min(1).max(16) }).strict(),
  /** Multi-select Open dialog for Import (a model.json with its .bin files, or our file). */
  'files.pickImport': z.object({}).strict(),
  /** The page is listening: main sends the documents the OS asked it to open before then. */
  'files.ready': z.object({}).strict(),
} as const;

export type DesktopFileMethod = keyof typeof DESKTOP_FILE_REQUESTS;

export interface DesktopFileResults {
  'files.open': OpenedDocument | null;
  'files.save': SavedDocument | null;
  'files.export': readonly string[] | null;
  'files.pickImport': readonly PickedFile[] | null;
  'files.ready': null;
}

export const isDesktopFileMethod = (value: unknown): value is DesktopFileMethod =>
  typeof value === 'string' && Object.hasOwn(DESKTOP_FILE_REQUESTS, value);

/** What main sends when the OS or Open Recent opens a file: the document, or why it could not be read. */
export type OpenDocumentMessage = { readonly document: OpenedDocument } | { readonly error: string };
