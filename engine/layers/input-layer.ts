// InputLayer: where data enters the model; shape excludes the batch, e.g. (28, 28, 1) for MNIST.
import { defineLayer } from '../define-layer';
import { dims } from '../params';

export const InputLayer = defineLayer({
  type: 'InputLayer',
  category: 'Core',
  doc: 'Where data enters the model; the shape of one sample, without the batch.',
  params: {
    shape: dims([28, 28, 1], 'Shape of one sample, e.g. [28, 28, 1] for an MNIST image.', 3),
  },
  inputs: { min: 0, max: 0 },
  outputShape: (_inputs, p) => p.shape,
});
