// Conv2D: 2D convolution over (height, width, channels); kernel in HWIO layout like Keras.
import { defineLayer } from '../define-layer';
import { activation, bool, choice, initializer, int, pair } from '../params';
import { imageInput, windowedImage } from './shape-rules';

export const Conv2D = defineLayer({
  type: 'Conv2D',
  category: 'Convolution',
  doc: 'Slides learned filters over an image to detect local patterns.',
  params: {
    filters: int(32, 'Number of output channels (filters).'),
    kernel_size: pair([3, 3], 'Height and width of each filter.'),
    strides: pair([1, 1], 'Step of the filter along height and width.'),
    padding: choice(
      ['valid', 'same'],
      'valid',
      "'valid': no padding; 'same': pad so output = ceil(input / stride).",
    ),
    activation: activation('linear'),
    use_bias: bool(true, 'Add a learned bias to each filter.'),
    kernel_initializer: initializer('glorot_uniform', 'How the kernel is initialised.'),
    bias_initializer: initializer('zeros', 'How the bias is initialised.'),
  },
  inputs: { min: 1, max: 1 },
  outputShape: (inputs, p) => {
    const input = imageInput(inputs, 'Conv2D');
    return [...windowedImage('Conv2D', input, p.kernel_size, p.strides, p.padding, 'kernel_size'), p.filters];
  },
  weights: (inputs, p) => {
    const channels = imageInput(inputs, 'Conv2D')[2];
    return [
      {
        name: 'kernel',
        shape: [p.kernel_size[0], p.kernel_size[1], channels, p.filters],
        trainable: true,
        initializer: p.kernel_initializer,
      },
      ...(p.use_bias
        ? [{ name: 'bias', shape: [p.filters], trainable: true, initializer: p.bias_initializer }]
        : []),
    ];
  },
});
