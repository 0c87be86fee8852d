// Imports a CSV of images, one per row: a header row, a label column ("label" unless told otherwise) and
// one column per pixel holding an integer 0-255. The image shape is given, or inferred as a square of
// one channel. Streams the file, so a 100 MB CSV is never held as text; errors name file, line and column.
import { open, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import { countClasses, imageSize, makeImageDataset, numberedClassNames } from './dataset';
import type { ImageDataset, ImageShape } from './dataset';
import { DatasetError, fileError } from './errors';
import { sharedBytes } from './idx';
import { checkedSize } from './limits';

export interface CsvImportOptions {
  /** The header of the label column; "label" by default. */
  labelColumn?: string;
  /** (height, width, channels) with channels last; a square of one channel by default. */
  shape?: ImageShape;
  /** One name per class; "0", "1", ... up to the largest label by default. */
  classNames?: string[];
  /** Shown in the UI; the file name by default. */
  name?: string;
}

interface Row {
  record: string[];
  info: { lines: number };
}

export async function loadCsvDataset(path: string, options: CsvImportOptions = {}): Promise<ImageDataset> {
  const file = basename(path);
  const labelColumn = options.labelColumn ?? 'label';
  const fail = (what: string, line?: number, column?: string) =>
    new DatasetError(
      'E_DATASET_CONTENT',
      `${file}: ${line === undefined ? '' : `line ${line}${column === undefined ? '' : `, column "${column}"`}: `}${what}`,
      { file: path, line, column },
    );
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw fileError(error, path, file);
  }
  try {
    await checkedSize(handle, file, path);
  } catch (error) {
    await handle.close();
    throw error instanceof DatasetError ? error : fileError(error, path, file);
  }
  // Row lengths are checked below, where the header is known: csv-parse reads ahead of this loop, so
  // its own check would fire before the header row reached us.
  const parser = parse({
    info: true,
    bom: true,
    trim: true,
    skip_empty_lines: true,
    relax_column_count: true,
  });
  const piping = pipeline(handle.createReadStream(), parser);
  piping.catch(() => undefined); // its error also ends the loop below, which reports it

  let header: string[] | undefined;
  let labelAt = -1;
  let size = 0;
  let shape: ImageShape = [0, 0, 0];
  let images: Uint8Array = new Uint8Array(0);
  let labels: Uint8Array = new Uint8Array(0);
  let count = 0;
  const classes = options.classNames?.length ?? 256;
  try {
    for await (const { record, info } of parser as AsyncIterable<Row>) {
      if (header === undefined) {
        header = record;
        labelAt = header.indexOf(labelColumn);
        if (labelAt < 0) {
          const some = header.slice(0, 5).join(', ') + (header.length > 5 ? ', ...' : '');
          throw fail(
            `no column named "${labelColumn}" (the columns are ${some}): name the label column`,
            info.lines,
          );
        }
        shape = options.shape ?? inferShape(header.length - 1, (what) => fail(what, info.lines));
        size = imageSize(shape);
        if (size !== header.length - 1) {
          throw fail(
            `${header.length - 1} pixel columns do not make images of (${shape.join(', ')})`,
            info.lines,
          );
        }
        images = new Uint8Array(size * 1024);
        labels = new Uint8Array(1024);
        continue;
      }
      if (count === labels.length) {
        images = grow(images, images.length * 2);
        labels = grow(labels, labels.length * 2);
      }
      if (record.length !== header.length) {
        throw fail(
          `${record.length} fields, but the header row has ${header.length} ` +
            `("${labelColumn}" and ${header.length - 1} pixel columns)`,
          info.lines,
        );
      }
      let pixel = count * size;
      for (let c = 0; c < record.length; c++) {
        const value = parseByte(record[c] as string);
        if (value < 0) {
          const what = c === labelAt ? 'a label' : 'a pixel value';
          throw fail(
            `"${record[c]}" is not ${what}: integers from 0 to 255 are expected`,
            info.lines,
            header[c],
          );
        }
        if (c === labelAt && value >= classes) {
          throw fail(`label ${value} is not below the ${classes} class names given`, info.lines, header[c]);
        }
        if (c === labelAt) labels[count] = value;
        else images[pixel++] = value;
      }
      count++;
    }
    await piping;
  } catch (error) {
    if (error instanceof DatasetError) throw error;
    if (error instanceof CsvError) {
      const { lines: line } = error as CsvError & { lines?: number };
      throw new DatasetError('E_DATASET_FORMAT', `${file}: line ${line}: ${error.message}`, {
        file: path,
        line,
      });
    }
    throw fileError(error, path, file);
  }
  if (header === undefined || count === 0) throw fail('no image rows after the header row');

  const classNames = options.classNames ?? numberedClassNames(countClasses(labels.subarray(0, count)));
  const shared = sharedBytes(count * size);
  shared.set(images.subarray(0, count * size));
  const sharedLabels = sharedBytes(count);
  sharedLabels.set(labels.subarray(0, count));
  return makeImageDataset({
    name: options.name ?? file,
    images: shared,
    labels: sharedLabels,
    shape,
    classes: classNames.length,
    classNames,
  });
}

function inferShape(pixels: number, fail: (what: string) => Error): ImageShape {
  const side = Math.round(Math.sqrt(pixels));
  if (pixels === 0 || side * side !== pixels) {
    throw fail(`cannot infer the image shape from ${pixels} pixel columns (not a square): give the shape`);
  }
  return [side, side, 1];
}

/** "0".."255" to its value, anything else to -1; by hand because it runs once per pixel. */
function parseByte(text: string): number {
  if (text.length === 0 || text.length > 3) return -1;
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value <= 255 ? value : -1;
}

function grow(bytes: Uint8Array, length: number): Uint8Array {
  const bigger = new Uint8Array(length);
  bigger.set(bytes);
  return bigger;
}
