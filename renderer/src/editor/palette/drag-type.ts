// The drag-and-drop data type a palette item carries: the layer type to add.
export const LAYER_DRAG_TYPE = 'application/layerwise-layer';
