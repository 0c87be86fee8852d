// InputLayer: where data enters the model; shape excludes the batch, e.g. (28, 28, 1) for MNIST.
import { defineLayer } from '../define-layer';
import { INPUT_NAME } from '../formats/onnx/onnx-context';
import { defined, field } from '../formats/tfjs/keras-config';
import { isImage, toChannelsFirst } from '../formats/python/torch-layers';
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
  formats: {
    keras: {
      className: 'InputLayer',
      // batch_input_shape is what tfjs reads; Keras 3 still takes it (as batch_shape).
      toKeras: (p) => ({ batch_input_shape: [null, ...p.shape], dtype: 'float32', sparse: false }),
      fromKeras: (c) => {
        const batched = field(c, 'batch_shape') ?? field(c, 'batch_input_shape');
        const shape = Array.isArray(batched)
          ? batched.slice(1)
          : (field(c, 'shape') ?? field(c, 'input_shape'));
        return defined({ shape });
      },
    },
    kerasScript: { className: 'Input' },
    onnx: (_ctx, node) => ({ name: INPUT_NAME, layout: 'channels_last', rank: node.outputShape.length + 1 }),
    torch: { forward: (node, [x = '']) => (isImage(node.outputShape) ? toChannelsFirst(x) : x) },
    native: () => ({}),
    memory: { view: true },
  },
});
