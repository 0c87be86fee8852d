// The payload schema of each desktop file method (engine/api/desktop-files.ts): main checks every
// request against it before a dialog opens or a byte is written.
import { z } from 'zod';
import type { DesktopFileMethod } from '../../engine/api/desktop-files';

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
} as const satisfies Record<DesktopFileMethod, z.ZodType>;
