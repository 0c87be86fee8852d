// engine/: the layer registry, graph validation, shape inference, compilation and the model file.
// Plain TypeScript shared by the renderer, the main-side services and the CLI.
export * from './analyze';
export * from './bypass';
export * from './compile';
export * from './define-layer';
export * from './graph';
export * from './issues';
export * from './layer-names';
export * from './model-file';
export * from './model-runs';
export * from './params';
export * from './registry';
export * from './shape';
export * from './summary';
export { LAYER_DEFINITIONS, type LayerType } from './layers';
export * from './messages';
