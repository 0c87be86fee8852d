// The one error type of the dataset layer: a problem the user can fix (missing, truncated or malformed
// file), with a code, the file it is about and, for CSV, the line and column. Anything else is a bug.

export type DatasetErrorCode =
  | 'E_DATASET_MISSING' // a file or folder is not there
  | 'E_DATASET_READ' // it is there but cannot be read
  | 'E_DATASET_FORMAT' // its bytes or text are not what the format says
  | 'E_DATASET_CONTENT' // well formed, but the values do not fit (label out of range, counts differ)
  | 'E_DATASET_ARGUMENT'; // a bad option from the caller (split fraction, shape)

export interface DatasetErrorPlace {
  file?: string;
  line?: number;
  column?: string;
}

export class DatasetError extends Error {
  override readonly name = 'DatasetError';

  constructor(
    readonly code: DatasetErrorCode,
    message: string,
    readonly where: DatasetErrorPlace = {},
  ) {
    super(message);
  }

  /** Plain data, to cross a worker or IPC boundary. */
  toJSON(): { code: DatasetErrorCode; message: string; where: DatasetErrorPlace } {
    return { code: this.code, message: this.message, where: this.where };
  }
}

/** 47040016 -> "47,040,016": byte counts in messages are read by people. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** Turns a Node file-system error into a DatasetError that says what happened to which file. */
export function fileError(error: unknown, file: string, label = file): DatasetError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return new DatasetError('E_DATASET_MISSING', `${label}: no such file`, { file });
  if (code === 'EISDIR') {
    return new DatasetError('E_DATASET_READ', `${label}: is a folder, not a file`, { file });
  }
  return new DatasetError('E_DATASET_READ', `${label}: cannot read it (${code ?? String(error)})`, { file });
}
