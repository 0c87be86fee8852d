// What every exporter and importer exchanges: files as names and contents (the CLI writes them to disk,
// the UI downloads them), and user-facing failures as issues that name the layer at fault.
import type { Issue } from '../issues';

export interface ExportedFile {
  /** A plain file name (no folders): the caller chooses where it goes. */
  readonly name: string;
  readonly data: string | Uint8Array;
}

export type FormatResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: readonly Issue[] };
