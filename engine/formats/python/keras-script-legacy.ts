// The Keras script entries of the layers that have no home yet (transitional, like keras-layers-legacy).
import type { KerasScriptLayer } from './keras-script-layers';

export const LEGACY_KERAS_SCRIPT_LAYERS: Readonly<Record<string, KerasScriptLayer>> = {
  InputLayer: { className: 'Input' },
  Flatten: { className: 'Flatten' },
  Reshape: { className: 'Reshape', positional: ['target_shape'] },
  Conv2D: { className: 'Conv2D', positional: ['filters', 'kernel_size'], regularized: true },
  MaxPooling2D: { className: 'MaxPooling2D', positional: ['pool_size'] },
  AveragePooling2D: { className: 'AveragePooling2D', positional: ['pool_size'] },
  GlobalAveragePooling2D: { className: 'GlobalAveragePooling2D' },
  GlobalMaxPooling2D: { className: 'GlobalMaxPooling2D' },
  BatchNormalization: { className: 'BatchNormalization' },
  Dropout: { className: 'Dropout', positional: ['rate'] },
  Add: { className: 'Add' },
  Concatenate: { className: 'Concatenate' },
  Activation: { className: 'Activation', positional: ['activation'] },
};
