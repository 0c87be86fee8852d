// Every layer type, in palette order.
import type { AnyLayerDefinition } from '../define-layer';
import { Activation } from './activation';
import { BatchNormalization } from './batch-normalization';
import { Conv2D } from './conv2d';
import { Dense } from './dense';
import { Dropout } from './dropout';
import { Flatten } from './flatten';
import { GlobalAveragePooling2D, GlobalMaxPooling2D } from './global-pooling2d';
import { InputLayer } from './input-layer';
import { Add, Concatenate } from './merge';
import { AveragePooling2D, MaxPooling2D } from './pooling2d';
import { RandomContrast } from './random-contrast';
import { RandomFlip } from './random-flip';
import { RandomRotation } from './random-rotation';
import { RandomTranslation } from './random-translation';
import { RandomZoom } from './random-zoom';
import { Reshape } from './reshape';

export const LAYER_DEFINITIONS = [
  InputLayer,
  Dense,
  Flatten,
  Reshape,
  Conv2D,
  MaxPooling2D,
  AveragePooling2D,
  GlobalAveragePooling2D,
  GlobalMaxPooling2D,
  BatchNormalization,
  Dropout,
  Add,
  Concatenate,
  Activation,
  RandomFlip,
  RandomTranslation,
  RandomRotation,
  RandomZoom,
  RandomContrast,
] as const satisfies readonly AnyLayerDefinition[];

/** Every layer type's Keras class name. */
export type LayerType = (typeof LAYER_DEFINITIONS)[number]['type'];
