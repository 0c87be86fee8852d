// MaxPooling2D and AveragePooling2D: the same window arithmetic, a different reduction.
import { defineLayer } from '../define-layer';
import { choice, optionalPair, pair } from '../params';
import { imageInput, windowedImage } from './shape-rules';

function definePooling2D(type: 'MaxPooling2D' | 'AveragePooling2D', doc: string) {
  return defineLayer({
    type,
    category: 'Pooling',
    doc,
    params: {
      pool_size: pair([2, 2], 'Height and width of the pooling window.'),
      strides: optionalPair('Step of the window; empty (null) means the pool size.'),
      padding: choice(
        ['valid', 'same'],
        'valid',
        "'valid': no padding; 'same': pad so output = ceil(input / stride).",
      ),
    },
    inputs: { min: 1, max: 1 },
    outputShape: (inputs, p) => {
      const input = imageInput(inputs, type);
      const size = windowedImage(type, input, p.pool_size, p.strides ?? p.pool_size, p.padding, 'pool_size');
      return [...size, input[2]];
    },
  });
}

export const MaxPooling2D = definePooling2D(
  'MaxPooling2D',
  'Keeps the largest value in each window, shrinking the image.',
);
export const AveragePooling2D = definePooling2D(
  'AveragePooling2D',
  'Averages each window, shrinking the image.',
);
