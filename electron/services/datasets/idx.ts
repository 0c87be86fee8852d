// The IDX format of MNIST and its kin: magic 0x00 0x00 <type> <ndims>, ndims big-endian uint32 sizes,
// then the values. Checks every part of the header and that the length matches to the byte, and hands
// the values back in a SharedArrayBuffer so a worker thread can read them without a copy.
import { gunzipSync } from 'node:zlib';
import { DatasetError, formatCount } from './errors';

export interface IdxArray {
  dims: number[];
  /** The values, row-major, backed by a SharedArrayBuffer. */
  data: Uint8Array;
}

export interface IdxHeader {
  dims: number[];
  headerBytes: number;
  /** Header plus data: what the file's length must be. */
  totalBytes: number;
}

const TYPE_NAMES: Record<number, string> = {
  0x08: 'uint8',
  0x09: 'int8',
  0x0b: 'int16',
  0x0c: 'int32',
  0x0d: 'float32',
  0x0e: 'float64',
};
const MAX_DATA_BYTES = 2 ** 32;

const hex = (b: number | undefined): string => `0x${(b ?? 0).toString(16).padStart(2, '0')}`;

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** A Uint8Array over a fresh SharedArrayBuffer of exactly `length` bytes. */
export function sharedBytes(length: number): Uint8Array {
  let buffer: SharedArrayBuffer;
  try {
    buffer = new SharedArrayBuffer(length);
  } catch {
    throw new DatasetError('E_DATASET_CONTENT', `not enough memory for ${formatCount(length)} bytes of data`);
  }
  return new Uint8Array(buffer, 0, length);
}

/** Reads and checks the header; `bytes` may hold just the header or the whole file. */
export function parseIdxHeader(bytes: Uint8Array, label: string): IdxHeader {
  const fail = (what: string) => new DatasetError('E_DATASET_FORMAT', `${label}: ${what}`);
  if (bytes.length < 4) {
    throw fail(`truncated: an IDX header needs at least 4 bytes, found ${formatCount(bytes.length)}`);
  }
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    throw fail(`not an IDX file: it starts with ${hex(bytes[0])} ${hex(bytes[1])}, not 0x00 0x00`);
  }
  const type = bytes[2] ?? 0;
  if (type !== 0x08) {
    const name = TYPE_NAMES[type];
    throw fail(
      name === undefined
        ? `not an IDX file: unknown data type ${hex(type)}`
        : `data type ${name} (${hex(type)}) is not supported: only uint8 (0x08) images and labels are`,
    );
  }
  const ndims = bytes[3] ?? 0;
  if (ndims === 0) throw fail('has 0 dimensions: an IDX file needs at least one');
  const headerBytes = 4 + 4 * ndims;
  if (bytes.length < headerBytes) {
    throw fail(
      `truncated: the header of ${ndims} dimensions needs ${headerBytes} bytes, found ${bytes.length}`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, headerBytes);
  const dims: number[] = [];
  let size = 1;
  for (let i = 0; i < ndims; i++) {
    const dim = view.getUint32(4 + 4 * i, false);
    if (dim === 0) throw fail(`dimension ${i + 1} of ${ndims} is 0: every size must be at least 1`);
    dims.push(dim);
    size *= dim;
    if (size > MAX_DATA_BYTES) throw fail(`too large: sizes ${dims.join(' x ')}... exceed 4 GiB`);
  }
  return { dims, headerBytes, totalBytes: headerBytes + size };
}

/** The error for a file whose length does not match its header. */
export function lengthError(label: string, expected: number, found: number): DatasetError {
  const what =
    found < expected
      ? 'truncated'
      : `${formatCount(found - expected)} unexpected bytes after the data (wrong or corrupt file)`;
  return new DatasetError(
    'E_DATASET_FORMAT',
    `${label}: ${what}: expected ${formatCount(expected)} bytes, found ${formatCount(found)}`,
  );
}

/** Parses a whole IDX file held in memory, raw or gzip-compressed; `label` names it in errors. */
export function parseIdx(bytes: Uint8Array, label: string): IdxArray {
  const raw = isGzip(bytes) ? gunzip(bytes, label) : bytes;
  const header = parseIdxHeader(raw, label);
  if (raw.length !== header.totalBytes) throw lengthError(label, header.totalBytes, raw.length);
  const data = sharedBytes(header.totalBytes - header.headerBytes);
  data.set(raw.subarray(header.headerBytes));
  return { dims: header.dims, data };
}

export function gunzip(bytes: Uint8Array, label: string): Uint8Array {
  try {
    return gunzipSync(bytes);
  } catch (error) {
    throw gzipError(error, label);
  }
}

export function gzipError(error: unknown, label: string): DatasetError {
  const reason = error instanceof Error ? error.message : String(error);
  return new DatasetError('E_DATASET_FORMAT', `${label}: corrupt gzip data (${reason})`);
}

/** The bytes of an IDX file of uint8 values: for tests and for exporting. */
export function encodeIdx(dims: readonly number[], data: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + data.length);
  const view = new DataView(out.buffer, out.byteOffset, out.length);
  out.set([0, 0, 0x08, dims.length]);
  dims.forEach((dim, i) => view.setUint32(4 + 4 * i, dim, false));
  out.set(data, 4 + 4 * dims.length);
  return out;
}
