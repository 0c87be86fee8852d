// GlobalAveragePooling2D and GlobalMaxPooling2D: (height, width, channels) -> (channels).
import { defineLayer } from '../define-layer';
import { imageInput } from './shape-rules';

function defineGlobalPooling2D(type: 'GlobalAveragePooling2D' | 'GlobalMaxPooling2D', doc: string) {
  return defineLayer({
    type,
    category: 'Pooling',
    doc,
    params: {},
    inputs: { min: 1, max: 1 },
    outputShape: (inputs) => [imageInput(inputs, type)[2]],
  });
}

export const GlobalAveragePooling2D = defineGlobalPooling2D(
  'GlobalAveragePooling2D',
  'Averages each channel over the whole image: one value per channel.',
);
export const GlobalMaxPooling2D = defineGlobalPooling2D(
  'GlobalMaxPooling2D',
  'Takes the maximum of each channel over the whole image: one value per channel.',
);
