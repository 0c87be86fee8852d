// The dataset layer of the training runtime (main-process side): IDX, CSV and built-in datasets held as
// uint8 in SharedArrayBuffers, Keras-style validation split, seeded epoch order and batch filling.
export { DatasetError, type DatasetErrorCode, type DatasetErrorPlace } from './errors';
export { encodeIdx, parseIdx, parseIdxHeader, type IdxArray, type IdxHeader } from './idx';
export { readIdxFile } from './idx-file';
export {
  countClasses,
  imageSize,
  makeImageDataset,
  numberedClassNames,
  type DatasetPair,
  type ImageDataset,
  type ImageShape,
} from './dataset';
export {
  BUILTIN_DATASETS,
  clearDatasetCache,
  loadBuiltinDataset,
  type BuiltinDataset,
  type BuiltinDatasetId,
} from './builtin';
export {
  findIdxFiles,
  loadIdxFiles,
  loadIdxFolder,
  type IdxFolderFiles,
  type IdxFolderOptions,
} from './idx-folder';
export { loadCsvDataset, type CsvImportOptions } from './csv';
export { sliceDataset, splitDataset, validationSplit, type IndexRange, type SplitRanges } from './split';
export { epochOrder, epochSeed, mulberry32 } from '../../../engine/training/shuffle';
export { batchCount, fillBatch, imageAsFloats, type FillOptions } from './batches';
