// How shapes and counts read in the editor: Keras style, batch first ("(None, 28, 28, 1)"),
// thousands separated ("100,480 params").
import type { Shape } from '../../../engine';

export const formatShape = (shape: Shape | undefined): string =>
  shape === undefined ? '?' : `(None, ${shape.join(', ')})`;

export const formatCount = (n: number): string => n.toLocaleString('en-US');

/** A parameter value as a node shows it: pairs as 3×3, lists as (28, 28, 1), pairs of pairs (an
 *  image's sides) as ((1, 1), (2, 2)). */
export function formatParamValue(value: unknown): string {
  if (Array.isArray(value) && value.length > 0 && value.every(Array.isArray))
    return `(${value.map((v: unknown[]) => `(${v.join(', ')})`).join(', ')})`;
  if (Array.isArray(value))
    return value.length === 2 && value.every((v) => typeof v === 'number')
      ? value.join('×')
      : `(${value.join(', ')})`;
  if (typeof value === 'number')
    return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
  return String(value);
}
