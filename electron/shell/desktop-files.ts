// The native Open, Save, Export and Import dialogs, and the reading and writing behind them. Main keeps
// every path: the page names a document by the id it was given, so it can only write where the user
// chose in a dialog (or where a file it opened came from), and the names of an export's extra files
// (weights beside a model.json or a script) are main's, derived from the file the user picked (see
// exportTargets). Writes are all or nothing, so a failed save never leaves half a model file in place of
// the old one.
import { randomUUID } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { ApiError } from '../../engine/api/contract';
import { fileBase } from '../../engine/formats/file-names';
import {
  type DesktopFileMethod,
  type DesktopFileResults,
  type OpenedDocument,
  type PickedFile,
} from '../../engine/api/desktop-files';
import { isPlainFileName, writeModelSet } from '../services/format-files';
import { DESKTOP_FILE_REQUESTS } from './desktop-file-requests';

/** Model files with inline weights run to tens of MB; anything far beyond is not one of ours. */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;

const MODEL_FILTER = { name: 'Layerwise model', extensions: ['json'] };
const IMPORT_FILTER = {
  name: 'Model files (.layerwise.json, TF.js .tfjs.json or model.json, .bin)',
  extensions: ['json', 'bin'],
};
const ANY_FILTER = { name: 'All files', extensions: ['*'] };

/** The part of Electron's `dialog` used here, with the asking window already bound. */
export interface Dialogs {
  showOpenDialog(options: {
    title: string;
    defaultPath?: string;
    filters: { name: string; extensions: string[] }[];
    properties: ('openFile' | 'multiSelections')[];
  }): Promise<{ canceled: boolean; filePaths: string[] }>;
  showSaveDialog(options: {
    title: string;
    defaultPath: string;
    filters: { name: string; extensions: string[] }[];
  }): Promise<{ canceled: boolean; filePath?: string }>;
}

export interface DesktopFilesOptions {
  /** Where dialogs start before the user has picked a folder (the Documents folder). */
  readonly defaultFolder: string;
  /** Called with every path opened or saved (the recent documents list). */
  readonly onRecent?: (path: string) => void;
}

const fileError = (path: string, error: unknown) => {
  const code = (error as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOENT'
      ? 'does not exist'
      : code === 'EACCES' || code === 'EPERM'
        ? 'is not accessible (permission denied)'
        : code === 'EISDIR'
          ? 'is a folder'
          : `could not be used (${code ?? (error as Error).message})`;
  return new ApiError({ code: 'E_FILE', message: `${path} ${why}` });
};

async function writeAll(files: readonly { path: string; data: string | Uint8Array }[]): Promise<void> {
  try {
    await writeModelSet(files);
  } catch (error) {
    throw fileError((error as { path?: string }).path ?? '', error);
  }
}

async function readLimited(path: string): Promise<Buffer> {
  try {
    const size = (await stat(path)).size;
    if (size > MAX_FILE_BYTES)
      throw new ApiError({
        code: 'E_FILE',
        message: `${path} is ${Math.round(size / 2 ** 20)} MB, more than a model file can be (${MAX_FILE_BYTES / 2 ** 20} MB)`,
      });
    return await readFile(path);
  } catch (error) {
    throw error instanceof ApiError ? error : fileError(path, error);
  }
}

/** "digits.tfjs.json" → "digits": a file name up to its first dot ("" for a dotfile). */
const stem = (name: string): string => {
  const dot = name.indexOf('.');
  return dot < 0 ? name : name.slice(0, dot);
};

/** The tail an extra file keeps (".tfjs.weights.bin"): a dot, then letters, digits, "_", "-" and dots. */
const SAFE_SUFFIX = /^\.[A-Za-z0-9][\w.-]*$/;

const badExport = (message: string) =>
  new ApiError({ code: 'E_BAD_REQUEST', message: `files.export: ${message}` });

/**
 * Where each file of an export goes once the user picked `chosen` for the first one. The page proposes
 * the extra files as "<first file's stem><suffix>" (My_net.tfjs.json → My_net.tfjs.weights.bin); main
 * keeps only the suffix and puts the stem of the picked file in front (digits.json → digits.tfjs.weights.bin),
 * so an extra file is always beside the chosen one, never a dotfile and never a name the page made up
 * (".bashrc", "authorized_keys"). The first file refers to its extras by name (a TF.js weightsManifest, a
 * script's weights path): those names are rewritten in its text to match.
 */
export function exportTargets(
  chosen: string,
  files: readonly { name: string; data: string | Uint8Array }[],
): { path: string; data: string | Uint8Array }[] {
  const [first, ...rest] = files;
  if (first === undefined) return [];
  const pageStem = stem(first.name);
  const folder = dirname(chosen);
  const chosenStem = fileBase(stem(basename(chosen)));
  let data = first.data;
  const extras = rest.map((file) => {
    const suffix = file.name.slice(pageStem.length);
    if (!file.name.startsWith(pageStem) || !SAFE_SUFFIX.test(suffix))
      throw badExport(`'${file.name}' is not named after '${first.name}' (expected '${pageStem}.<suffix>')`);
    const name = `${chosenStem}${suffix}`;
    if (typeof data === 'string' && name !== file.name) data = data.split(file.name).join(name);
    return { path: join(folder, name), data: file.data };
  });
  const targets = [{ path: chosen, data }, ...extras];
  const paths = targets.map((t) => t.path);
  const twice = paths.find((p, i) => paths.indexOf(p) !== i);
  if (twice !== undefined)
    throw badExport(`${twice} would be written twice: pick another name for '${first.name}'`);
  return targets;
}

/** "model" or "model.json" → "model.layerwise.json": what Save writes unless the user typed a .json name. */
export function withModelExtension(path: string): string {
  return extname(path).toLowerCase() === '.json' ? path : `${path}.layerwise.json`;
}

export class DesktopFiles {
  private readonly paths = new Map<string, string>();
  private lastFolder: string;

  constructor(private readonly options: DesktopFilesOptions) {
    this.lastFolder = options.defaultFolder;
  }

  /** The id the page uses for this path (the same id each time). */
  documentId(path: string): string {
    for (const [id, known] of this.paths) if (known === path) return id;
    const id = randomUUID();
    this.paths.set(id, path);
    return id;
  }

  /** Reads a model file for the page: from the Open dialog, the OS or the recent list. */
  async openPath(path: string): Promise<OpenedDocument> {
    const text = (await readLimited(path)).toString('utf8');
    this.remember(path);
    return { documentId: this.documentId(path), name: basename(path), text };
  }

  /** Validates the request and runs it; user mistakes and file problems throw ApiError. */
  async handle<M extends DesktopFileMethod>(
    method: M,
    params: unknown,
    dialogs: Dialogs,
  ): Promise<DesktopFileResults[M]> {
    const parsed = DESKTOP_FILE_REQUESTS[method].safeParse(params ?? {});
    if (!parsed.success) {
      const problem = parsed.error.issues[0];
      const where = problem?.path.length ? `${problem.path.join('.')}: ` : '';
      throw new ApiError({ code: 'E_BAD_REQUEST', message: `${method}: ${where}${problem?.message}` });
    }
    const request = parsed.data as never;
    const run: { [K in DesktopFileMethod]: (r: never) => Promise<DesktopFileResults[K]> } = {
      'files.open': () => this.openWithDialog(dialogs),
      'files.save': (r) => this.save(r, dialogs),
      'files.export': (r) => this.export(r, dialogs),
      'files.pickImport': () => this.pickImport(dialogs),
      'files.ready': async () => null,
    };
    return run[method](request);
  }

  private async openWithDialog(dialogs: Dialogs): Promise<OpenedDocument | null> {
    const chosen = await dialogs.showOpenDialog({
      title: 'Open model',
      defaultPath: this.lastFolder,
      filters: [MODEL_FILTER, ANY_FILTER],
      properties: ['openFile'],
    });
    const path = chosen.filePaths[0];
    return chosen.canceled || path === undefined ? null : this.openPath(path);
  }

  private async save(
    request: { text: string; suggestedName: string; documentId: string | null; saveAs: boolean },
    dialogs: Dialogs,
  ) {
    const known = request.documentId === null ? undefined : this.paths.get(request.documentId);
    if (request.documentId !== null && known === undefined)
      throw new ApiError({ code: 'E_BAD_REQUEST', message: 'files.save: unknown documentId' });
    let path = request.saveAs ? undefined : known;
    if (path === undefined) {
      const chosen = await dialogs.showSaveDialog({
        title: 'Save model',
        defaultPath: join(known ? dirname(known) : this.lastFolder, basename(request.suggestedName)),
        filters: [MODEL_FILTER],
      });
      if (chosen.canceled || !chosen.filePath) return null;
      path = withModelExtension(chosen.filePath);
    }
    await writeAll([{ path, data: request.text }]);
    this.remember(path);
    return { documentId: this.documentId(path), name: basename(path) };
  }

  private async export(request: { files: { name: string; data: string | Uint8Array }[] }, dialogs: Dialogs) {
    const [first] = request.files;
    if (first === undefined) return null;
    for (const file of request.files)
      if (!isPlainFileName(file.name) || file.name.startsWith('.'))
        throw badExport(`'${file.name}' must be a plain file name, not a dotfile`);
    // Checked before the dialog too, with the page's own names: a malformed request never asks the user.
    exportTargets(join(this.lastFolder, first.name), request.files);
    const extension = extname(first.name).slice(1) || '*';
    const chosen = await dialogs.showSaveDialog({
      title: 'Export model',
      defaultPath: join(this.lastFolder, first.name),
      filters: [{ name: `${extension.toUpperCase()} file`, extensions: [extension] }],
    });
    if (chosen.canceled || !chosen.filePath) return null;
    const folder = dirname(chosen.filePath);
    // The model's own file takes the chosen name; the files it refers to are named after it, beside it.
    const targets = exportTargets(chosen.filePath, request.files);
    await writeAll(targets);
    this.lastFolder = folder;
    return targets.map((t) => t.path);
  }

  private async pickImport(dialogs: Dialogs): Promise<PickedFile[] | null> {
    const chosen = await dialogs.showOpenDialog({
      title: 'Import model',
      defaultPath: this.lastFolder,
      filters: [IMPORT_FILTER, ANY_FILTER],
      properties: ['openFile', 'multiSelections'],
    });
    if (chosen.canceled || chosen.filePaths.length === 0) return null;
    const files = await Promise.all(
      chosen.filePaths.map(async (path) => ({
        name: basename(path),
        bytes: new Uint8Array(await readLimited(path)),
      })),
    );
    this.lastFolder = dirname(chosen.filePaths[0] as string);
    return files;
  }

  private remember(path: string): void {
    this.lastFolder = dirname(path);
    this.options.onRecent?.(path);
  }
}
