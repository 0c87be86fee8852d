// Every layer type, in palette order.
import type { AnyLayerDefinition } from '../define-layer';
import { Activation } from './activation';
import { ActivityRegularization } from './activity-regularization';
import { BatchNormalization } from './batch-normalization';
import { Conv2D } from './conv2d';
import { Dense } from './dense';
import { Dropout } from './dropout';
import { Average, Maximum, Minimum, Multiply, Subtract } from './elementwise-merge';
import { Flatten } from './flatten';
import { GaussianNoise } from './gaussian-noise';
import { GlobalAveragePooling2D, GlobalMaxPooling2D } from './global-pooling2d';
import { InputLayer } from './input-layer';
import { Add, Concatenate } from './merge';
import { AveragePooling2D, MaxPooling2D } from './pooling2d';
import { Reshape } from './reshape';
import { SpatialDropout2D } from './spatial-dropout2d';

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
  SpatialDropout2D,
  GaussianNoise,
  ActivityRegularization,
  Add,
  Concatenate,
  Multiply,
  Subtract,
  Average,
  Maximum,
  Minimum,
  Activation,
] as const satisfies readonly AnyLayerDefinition[];

/** Every layer type's Keras class name. */
export type LayerType = (typeof LAYER_DEFINITIONS)[number]['type'];
