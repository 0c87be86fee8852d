// Imports a folder of IDX files named like MNIST's (train-images*, train-labels*, t10k-images* or
// test-images*, t10k-labels* or test-labels*; raw or .gz) as a train/test pair. Used for the user's
// own folders and for the built-in datasets alike.
import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import {
  countClasses,
  makeImageDataset,
  numberedClassNames,
  type DatasetPair,
  type ImageShape,
} from './dataset';
import { DatasetError, fileError, formatCount } from './errors';
import type { IdxArray } from './idx';
import { readIdxFile } from './idx-file';

export interface IdxFolderFiles {
  trainImages: string;
  trainLabels: string;
  testImages: string;
  testLabels: string;
}

export interface IdxFolderOptions {
  /** Shown in the UI and in errors; the folder path by default. */
  name?: string;
  /** One name per class; "0", "1", ... up to the largest label by default. */
  classNames?: string[];
}

const ROLES: { key: keyof IdxFolderFiles; prefixes: string[]; what: string }[] = [
  { key: 'trainImages', prefixes: ['train-images'], what: 'training images (train-images-idx3-ubyte)' },
  { key: 'trainLabels', prefixes: ['train-labels'], what: 'training labels (train-labels-idx1-ubyte)' },
  {
    key: 'testImages',
    prefixes: ['t10k-images', 'test-images'],
    what: 'test images (t10k-images-idx3-ubyte)',
  },
  {
    key: 'testLabels',
    prefixes: ['t10k-labels', 'test-labels'],
    what: 'test labels (t10k-labels-idx1-ubyte)',
  },
];

/** Finds the four files; a raw file wins over its .gz twin, any other choice is an error. */
export async function findIdxFiles(folder: string): Promise<IdxFolderFiles> {
  let names: string[];
  try {
    names = (await readdir(folder, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new DatasetError('E_DATASET_MISSING', `${folder}: no such folder`, { file: folder });
    throw fileError(error, folder);
  }
  const found: Partial<IdxFolderFiles> = {};
  const missing: string[] = [];
  for (const role of ROLES) {
    let matches = names.filter((n) => role.prefixes.some((p) => n.toLowerCase().startsWith(p))).sort();
    matches = matches.filter((n) => !(n.endsWith('.gz') && matches.includes(n.slice(0, -3))));
    if (matches.length === 0) missing.push(role.what);
    else if (matches.length > 1) {
      throw new DatasetError(
        'E_DATASET_CONTENT',
        `${folder}: more than one file for the ${role.what}: ${matches.join(', ')}; keep one`,
        { file: folder },
      );
    } else found[role.key] = join(folder, matches[0] as string);
  }
  if (missing.length > 0) {
    throw new DatasetError(
      'E_DATASET_MISSING',
      `${folder}: no file for the ${missing.join(', ')}; IDX files named like MNIST's are expected (raw or .gz)`,
      { file: folder },
    );
  }
  return found as IdxFolderFiles;
}

/** Loads the four IDX files of a folder and checks they make one dataset. */
export async function loadIdxFolder(folder: string, options: IdxFolderOptions = {}): Promise<DatasetPair> {
  return loadIdxFiles(await findIdxFiles(folder), options.name ?? folder, options.classNames);
}

export async function loadIdxFiles(
  files: IdxFolderFiles,
  name: string,
  classNames?: string[],
): Promise<DatasetPair> {
  const [trainImages, trainLabels, testImages, testLabels] = (await Promise.all(
    [files.trainImages, files.trainLabels, files.testImages, files.testLabels].map((f) => readIdxFile(f)),
  )) as [IdxArray, IdxArray, IdxArray, IdxArray];
  const trainShape = imageShape(trainImages, files.trainImages);
  const testShape = imageShape(testImages, files.testImages);
  if (trainShape.join() !== testShape.join()) {
    throw new DatasetError(
      'E_DATASET_CONTENT',
      `${name}: training images are (${trainShape.join(', ')}) but test images are (${testShape.join(', ')})`,
    );
  }
  const names = classNames ?? numberedClassNames(countClasses(trainLabels.data, testLabels.data));
  const part = (images: IdxArray, labels: IdxArray, imageFile: string, labelFile: string, which: string) => {
    if (labels.dims.length !== 1) {
      throw new DatasetError(
        'E_DATASET_FORMAT',
        `${labelFile}: labels must have 1 dimension, found ${labels.dims.length} (${labels.dims.join(' x ')})`,
        { file: labelFile },
      );
    }
    if (labels.dims[0] !== images.dims[0]) {
      throw new DatasetError(
        'E_DATASET_CONTENT',
        `${name}: ${basename(imageFile)} holds ${formatCount(images.dims[0] ?? 0)} images but ` +
          `${basename(labelFile)} holds ${formatCount(labels.dims[0] ?? 0)} labels: they must come in pairs`,
        { file: labelFile },
      );
    }
    return makeImageDataset({
      name: `${name} (${which})`,
      images: images.data,
      labels: labels.data,
      shape: trainShape,
      classes: names.length,
      classNames: names,
    });
  };
  return {
    train: part(trainImages, trainLabels, files.trainImages, files.trainLabels, 'train'),
    test: part(testImages, testLabels, files.testImages, files.testLabels, 'test'),
  };
}

function imageShape(images: IdxArray, file: string): ImageShape {
  const [, h, w, c = 1, ...rest] = images.dims;
  if (h === undefined || w === undefined || rest.length > 0) {
    throw new DatasetError(
      'E_DATASET_FORMAT',
      `${file}: images must have 3 or 4 dimensions (count, height, width[, channels]), found ${images.dims.join(' x ')}`,
      { file },
    );
  }
  return [h, w, c];
}
