// Dense: a fully connected layer on the last axis, output = activation(x · kernel + bias).
import { defineLayer } from '../define-layer';
import { activation, bool, initializer, int } from '../params';
import { singleInput } from './shape-rules';

export const Dense = defineLayer({
  type: 'Dense',
  category: 'Core',
  doc: 'Fully connected layer: every output unit sees every input feature.',
  params: {
    units: int(64, 'Number of output units.'),
    activation: activation('linear'),
    use_bias: bool(true, 'Add a learned bias to each unit.'),
    kernel_initializer: initializer('glorot_uniform', 'How the kernel is initialised.'),
    bias_initializer: initializer('zeros', 'How the bias is initialised.'),
  },
  inputs: { min: 1, max: 1 },
  // Like Keras, Dense acts on the last axis: (..., d) -> (..., units).
  outputShape: (inputs, p) => [...singleInput(inputs).slice(0, -1), p.units],
  weights: (inputs, p) => {
    const fanIn = singleInput(inputs).at(-1) ?? 0;
    return [
      { name: 'kernel', shape: [fanIn, p.units], trainable: true, initializer: p.kernel_initializer },
      ...(p.use_bias
        ? [{ name: 'bias', shape: [p.units], trainable: true, initializer: p.bias_initializer }]
        : []),
    ];
  },
});
