// The few parameters a node shows on the canvas: the layer's first declared parameters (the ones Keras
// puts first are the ones people set: units, filters, kernel_size, rate...), skipping initialisers,
// plus the activation when it is not linear.
import type { AnyLayerDefinition, ResolvedParams } from '../../../engine';

const MAX_SHOWN = 2;

export function keyParams(
  definition: AnyLayerDefinition | undefined,
  params: ResolvedParams | undefined,
): [string, unknown][] {
  if (definition === undefined || params === undefined) return [];
  const keys = Object.keys(definition.params).filter(
    (k) => !k.endsWith('initializer') && k !== 'activation' && k !== 'use_bias',
  );
  const shown: [string, unknown][] = keys.slice(0, MAX_SHOWN).map((k) => [k, params[k]]);
  const activation = params.activation;
  if (typeof activation === 'string' && activation !== 'linear') shown.push(['activation', activation]);
  return shown.filter(([, v]) => v !== null && v !== undefined);
}
