// Every layer type, in palette order.
import type { AnyLayerDefinition } from '../define-layer';
import { Activation } from './activation';
import { ActivityRegularization } from './activity-regularization';
import { BatchNormalization } from './batch-normalization';
import { Conv1D } from './conv1d';
import { Conv2D } from './conv2d';
import { Cropping2D } from './cropping2d';
import { Conv2DTranspose } from './conv2d-transpose';
import { Dense } from './dense';
import { DepthwiseConv2D } from './depthwise-conv2d';
import { Dropout } from './dropout';
import { Average, Maximum, Minimum, Multiply, Subtract } from './elementwise-merge';
import { Flatten } from './flatten';
import { GaussianNoise } from './gaussian-noise';
import { GlobalAveragePooling1D, GlobalMaxPooling1D } from './global-pooling1d';
import { GlobalAveragePooling2D, GlobalMaxPooling2D } from './global-pooling2d';
import { InputLayer } from './input-layer';
import { LayerNormalization } from './layer-normalization';
import { ELU, LeakyReLU } from './leaky-relu-elu';
import { Add, Concatenate } from './merge';
import { AveragePooling1D, MaxPooling1D } from './pooling1d';
import { AveragePooling2D, MaxPooling2D } from './pooling2d';
import { PReLU } from './prelu';
import { ReLU } from './relu';
import { RandomContrast } from './random-contrast';
import { RandomFlip } from './random-flip';
import { RandomRotation } from './random-rotation';
import { RandomTranslation } from './random-translation';
import { RandomZoom } from './random-zoom';
import { Reshape } from './reshape';
import { UpSampling2D } from './up-sampling2d';
import { ZeroPadding2D } from './zero-padding2d';
import { Softmax } from './softmax';
import { SpatialDropout2D } from './spatial-dropout2d';
import { SeparableConv2D } from './separable-conv2d';

export const LAYER_DEFINITIONS = [
  InputLayer,
  Dense,
  Flatten,
  Reshape,
  Conv2D,
  ZeroPadding2D,
  UpSampling2D,
  Cropping2D,
  Conv1D,
  DepthwiseConv2D,
  SeparableConv2D,
  Conv2DTranspose,
  MaxPooling2D,
  AveragePooling2D,
  GlobalAveragePooling2D,
  GlobalMaxPooling2D,
  MaxPooling1D,
  AveragePooling1D,
  GlobalAveragePooling1D,
  GlobalMaxPooling1D,
  BatchNormalization,
  LayerNormalization,
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
  ReLU,
  LeakyReLU,
  ELU,
  Softmax,
  PReLU,
  RandomFlip,
  RandomTranslation,
  RandomRotation,
  RandomZoom,
  RandomContrast,
] as const satisfies readonly AnyLayerDefinition[];

/** Every layer type's Keras class name. */
export type LayerType = (typeof LAYER_DEFINITIONS)[number]['type'];
