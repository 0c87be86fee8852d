// Every layer type, in palette order.
import type { AnyLayerDefinition } from '../define-layer';
import { Activation } from './activation';
import { BatchNormalization } from './batch-normalization';
import { Conv1D } from './conv1d';
import { Conv2D } from './conv2d';
import { Dense } from './dense';
import { Dropout } from './dropout';
import { Flatten } from './flatten';
import { GlobalAveragePooling1D, GlobalMaxPooling1D } from './global-pooling1d';
import { GlobalAveragePooling2D, GlobalMaxPooling2D } from './global-pooling2d';
import { InputLayer } from './input-layer';
import { Add, Concatenate } from './merge';
import { AveragePooling1D, MaxPooling1D } from './pooling1d';
import { AveragePooling2D, MaxPooling2D } from './pooling2d';
import { Reshape } from './reshape';

export const LAYER_DEFINITIONS = [
  InputLayer,
  Dense,
  Flatten,
  Reshape,
  Conv2D,
  Conv1D,
  MaxPooling2D,
  AveragePooling2D,
  GlobalAveragePooling2D,
  GlobalMaxPooling2D,
  MaxPooling1D,
  AveragePooling1D,
  GlobalAveragePooling1D,
  GlobalMaxPooling1D,
  BatchNormalization,
  Dropout,
  Add,
  Concatenate,
  Activation,
] as const satisfies readonly AnyLayerDefinition[];

/** Every layer type's Keras class name. */
export type LayerType = (typeof LAYER_DEFINITIONS)[number]['type'];
