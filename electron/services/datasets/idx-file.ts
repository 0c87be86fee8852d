// Reads one IDX file from disk. A raw file is checked from its header and size first, then read straight
// into a SharedArrayBuffer (no second copy of 47 MB); a gzip file is inflated off the main thread and
// parsed in memory. Every failure names the file.
import { open, readFile, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { promisify } from 'node:util';
import { gunzip as gunzipCallback } from 'node:zlib';
import { DatasetError, fileError } from './errors';
import { gzipError, isGzip, lengthError, parseIdx, parseIdxHeader, sharedBytes, type IdxArray } from './idx';

const gunzipAsync = promisify(gunzipCallback);

export async function readIdxFile(path: string, label = basename(path)): Promise<IdxArray> {
  let file: FileHandle;
  try {
    file = await open(path, 'r');
  } catch (error) {
    throw fileError(error, path, label);
  }
  try {
    const size = (await file.stat()).size;
    const start = await readAt(file, 0, Math.min(size, 4));
    if (isGzip(start)) return await readGzip(path, label);
    const ndims = start.length === 4 ? (start[3] ?? 0) : 0;
    const header = parseIdxHeader(await readAt(file, 0, Math.min(size, 4 + 4 * ndims)), label);
    if (size !== header.totalBytes) throw lengthError(label, header.totalBytes, size);
    const data = sharedBytes(header.totalBytes - header.headerBytes);
    await readInto(file, data, header.headerBytes, label);
    return { dims: header.dims, data };
  } catch (error) {
    throw error instanceof DatasetError ? error : fileError(error, path, label);
  } finally {
    await file.close();
  }
}

async function readGzip(path: string, label: string): Promise<IdxArray> {
  const packed = await readFile(path);
  let raw: Uint8Array;
  try {
    raw = await gunzipAsync(packed);
  } catch (error) {
    throw gzipError(error, label);
  }
  return parseIdx(raw, label);
}

async function readAt(file: FileHandle, position: number, length: number): Promise<Uint8Array> {
  const bytes = new Uint8Array(length);
  const { bytesRead } = await file.read(bytes, 0, length, position);
  return bytes.subarray(0, bytesRead);
}

/** Fills `target` from `position` on; the file may shrink while we read, which is a truncation too. */
async function readInto(file: FileHandle, target: Uint8Array, position: number, label: string) {
  let done = 0;
  while (done < target.length) {
    const { bytesRead } = await file.read(target, done, target.length - done, position + done);
    if (bytesRead === 0) throw lengthError(label, position + target.length, position + done);
    done += bytesRead;
  }
}
