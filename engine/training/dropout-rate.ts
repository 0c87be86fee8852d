// Which layers a paused run's adjustment may give a new dropout rate (issue 17): those whose definition
// has a `rate` param (Dropout, SpatialDropout2D), so a new Dropout-family layer needs no list updated here.
import { getLayer } from '../registry';
import type { ResolvedParams } from '../define-layer';

/** The node's dropout rate, or undefined when its layer type has none. */
export function dropoutRateOf(node: {
  readonly type: string;
  readonly params: ResolvedParams;
}): number | undefined {
  const definition = getLayer(node.type);
  if (definition === undefined || !('rate' in definition.params)) return undefined;
  const rate = node.params.rate;
  return typeof rate === 'number' ? rate : undefined;
}
