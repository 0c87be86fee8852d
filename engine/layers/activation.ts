// Activation: applies an activation function on its own, e.g. after a BatchNormalization.
import { defineLayer } from '../define-layer';
import { ONNX_ACTIVATIONS } from '../formats/onnx/onnx-activations';
import { first } from '../formats/python/torch-layers';
import { activationFromKeras, defined, field } from '../formats/tfjs/keras-config';
import { activation } from '../params';
import { singleInput } from './shape-rules';

export const Activation = defineLayer({
  type: 'Activation',
  category: 'Activation',
  doc: 'Applies an activation function to every value.',
  params: {
    activation: activation('relu', 'The activation function.'),
  },
  inputs: { min: 1, max: 1 },
  outputShape: (inputs) => singleInput(inputs),
  formats: {
    keras: {
      className: 'Activation',
      toKeras: (p) => ({ activation: p.activation }),
      fromKeras: (c) => defined({ activation: activationFromKeras(field(c, 'activation')) }),
    },
    kerasScript: { className: 'Activation', positional: ['activation'] },
    onnx: (ctx, node) => {
      const x = ctx.input(node);
      const { activation } = node.params;
      const name =
        activation === 'linear'
          ? ctx.op('Identity', [x.name], node.name)
          : ONNX_ACTIVATIONS[activation](ctx, x, node.name);
      return { ...x, name };
    },
    // The module applies the activation after every layer's forward expression.
    torch: { forward: (_node, inputs) => first(inputs) },
    native: ({ params: p }) => ({ activation: p.activation }),
  },
});
