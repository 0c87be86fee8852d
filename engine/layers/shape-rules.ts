// Shape helpers shared by the layer definitions: rank checks and the Keras output-size arithmetic.
import { LayerShapeError } from '../issues';
import { formatDims, type Shape } from '../shape';

export type Padding = 'valid' | 'same';

export function singleInput(inputs: readonly Shape[]): Shape {
  const [input] = inputs;
  if (input === undefined) throw new LayerShapeError('E_INPUT_COUNT', 'shape.needsInput');
  return input;
}

/** Conv and pooling layers work on images: (height, width, channels). */
export function imageInput(inputs: readonly Shape[], layer: string): readonly [number, number, number] {
  const input = singleInput(inputs);
  if (input.length !== 3) {
    throw new LayerShapeError('E_RANK', input.length === 1 ? 'shape.needsImageNotFlat' : 'shape.needsImage', {
      type: layer,
      shape: formatDims(input),
    });
  }
  return input as unknown as readonly [number, number, number];
}

/** Output length along one axis, as Keras/TensorFlow compute it. */
export function windowOutput(size: number, window: number, stride: number, padding: Padding): number {
  return padding === 'same' ? Math.ceil(size / stride) : Math.floor((size - window) / stride) + 1;
}

export function windowedImage(
  layer: string,
  [h, w]: readonly [number, number, number],
  window: readonly [number, number],
  strides: readonly [number, number],
  padding: Padding,
  windowField: string,
): [number, number] {
  const outH = windowOutput(h, window[0], strides[0], padding);
  const outW = windowOutput(w, window[1], strides[1], padding);
  if (outH < 1 || outW < 1) {
    throw new LayerShapeError(
      'E_NON_POSITIVE_SHAPE',
      'shape.windowTooLarge',
      { type: layer, field: windowField, window: `${window[0]}x${window[1]}`, size: `${h}x${w}` },
      windowField,
    );
  }
  return [outH, outW];
}
