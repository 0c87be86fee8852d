// Reads one IDX file from disk, raw or gzip, straight into a SharedArrayBuffer: the header is checked
// first, then the values land in their final place, so loading MNIST holds 47 MB once, not two or three
// times over. Every failure names the file.
import { open, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { DatasetError, fileError } from './errors';
import { checkedSize, maxDatasetBytes, tooLargeError } from './limits';
import { gzipError, isGzip, lengthError, parseIdxHeader, sharedBytes, type IdxArray } from './idx';

/** Bigger than the 16 KiB default: fewer chunks make inflating MNIST-sized files faster. */
const CHUNK = 1 << 20;

export async function readIdxFile(path: string, label = basename(path)): Promise<IdxArray> {
  let file: FileHandle;
  try {
    file = await open(path, 'r');
  } catch (error) {
    throw fileError(error, path, label);
  }
  try {
    const size = await checkedSize(file, label, path);
    const start = await readAt(file, 0, Math.min(size, 4));
    if (isGzip(start)) return await readGzip(file, label, path);
    const ndims = start.length === 4 ? (start[3] ?? 0) : 0;
    const header = parseIdxHeader(await readAt(file, 0, Math.min(size, 4 + 4 * ndims)), label);
    if (header.totalBytes > maxDatasetBytes()) throw tooLargeError(label, header.totalBytes, path);
    if (size !== header.totalBytes) throw lengthError(label, header.totalBytes, size);
    const data = sharedBytes(header.totalBytes - header.headerBytes);
    let done = 0;
    while (done < data.length) {
      const { bytesRead } = await file.read(data, done, data.length - done, header.headerBytes + done);
      if (bytesRead === 0) throw lengthError(label, header.totalBytes, header.headerBytes + done);
      done += bytesRead;
    }
    return { dims: header.dims, data };
  } catch (error) {
    if (error instanceof DatasetError) throw new DatasetError(error.code, error.message, { file: path });
    const code = (error as NodeJS.ErrnoException).code;
    throw code?.startsWith('Z_') ? gzipError(error, label) : fileError(error, path, label);
  } finally {
    await file.close();
  }
}

/** Inflates chunk by chunk: the header from the first bytes, then the values into their final buffer. */
async function readGzip(file: FileHandle, label: string, path: string): Promise<IdxArray> {
  const gunzip = createGunzip({ chunkSize: CHUNK });
  const piping = pipeline(
    file.createReadStream({ start: 0, autoClose: false, highWaterMark: CHUNK }),
    gunzip,
  );
  piping.catch(() => undefined); // the same error ends the loop below, which reports it
  let head: Uint8Array = new Uint8Array(0);
  let header: ReturnType<typeof parseIdxHeader> | undefined;
  let data: Uint8Array = new Uint8Array(0);
  let found = 0; // inflated bytes so far, header included
  for await (const chunk of gunzip as AsyncIterable<Buffer>) {
    found += chunk.length;
    if (header === undefined) {
      head = concat(head, chunk);
      if (head.length < 4 || head.length < 4 + 4 * (head[3] ?? 0)) continue;
      header = parseIdxHeader(head, label);
      // The inflated size is what gets allocated: the limit applies to it, not to the gzip file.
      if (header.totalBytes > maxDatasetBytes()) throw tooLargeError(label, header.totalBytes, path);
      data = sharedBytes(header.totalBytes - header.headerBytes);
      const rest = head.subarray(header.headerBytes, header.headerBytes + data.length);
      data.set(rest);
    } else {
      const at = found - chunk.length - header.headerBytes;
      if (at < data.length) data.set(chunk.subarray(0, data.length - at), at);
    }
  }
  await piping;
  if (header === undefined) header = parseIdxHeader(head, label); // throws: too short for its header
  if (found !== header.totalBytes) throw lengthError(label, header.totalBytes, found);
  return { dims: header.dims, data };
}

async function readAt(file: FileHandle, position: number, length: number): Promise<Uint8Array> {
  const bytes = new Uint8Array(length);
  const { bytesRead } = await file.read(bytes, 0, length, position);
  return bytes.subarray(0, bytesRead);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
