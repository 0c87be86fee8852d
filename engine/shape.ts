// Shapes exclude the batch dimension, channels-last like Keras: (H, W, C), (features), ...

export type Shape = readonly number[];

export function shapeSize(shape: Shape): number {
  let size = 1;
  for (const d of shape) size *= d;
  return size;
}

/** Keras notation with the batch dimension: (None, 26, 26, 32). */
export function formatShape(shape: Shape): string {
  return `(None, ${shape.join(', ')})`;
}

/** Without the batch dimension, as in messages: (28, 28, 1), or (10,) for one dimension. */
export function formatDims(shape: Shape): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

export function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}
