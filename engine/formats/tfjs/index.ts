// TensorFlow.js Layers format (model.json + .bin): export, import, and the Keras layer table they share.
export { exportTfjs } from './tfjs-export';
export { importTfjs } from './tfjs-import';
export { KERAS_LAYERS } from '../layer-tables';
export { kerasLayerConfig, type KerasLayerMapping } from './keras-layers';
