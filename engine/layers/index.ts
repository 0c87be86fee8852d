// Every layer type, in palette order.
import type { AnyLayerDefinition } from '../define-layer';
import { Activation } from './activation';
import { BatchNormalization } from './batch-normalization';
import { Conv2D } from './conv2d';
import { Conv2DTranspose } from './conv2d-transpose';
import { Dense } from './dense';
import { DepthwiseConv2D } from './depthwise-conv2d';
import { Dropout } from './dropout';
import { Flatten } from './flatten';
import { GlobalAveragePooling2D, GlobalMaxPooling2D } from './global-pooling2d';
import { InputLayer } from './input-layer';
import { Add, Concatenate } from './merge';
import { AveragePooling2D, MaxPooling2D } from './pooling2d';
import { Reshape } from './reshape';
import { SeparableConv2D } from './separable-conv2d';

export const LAYER_DEFINITIONS = [
  InputLayer,
  Dense,
  Flatten,
  Reshape,
  Conv2D,
  DepthwiseConv2D,
  SeparableConv2D,
  Conv2DTranspose,
  MaxPooling2D,
  AveragePooling2D,
  GlobalAveragePooling2D,
  GlobalMaxPooling2D,
  BatchNormalization,
  Dropout,
  Add,
  Concatenate,
  Activation,
] as const satisfies readonly AnyLayerDefinition[];

/** Every layer type's Keras class name. */
export type LayerType = (typeof LAYER_DEFINITIONS)[number]['type'];
