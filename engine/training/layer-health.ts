// Layer health: turns one layer's sampled training statistics (a LayerStatsEvent entry) into a verdict -
// good, warning or problem - with the findings behind it as plain numbers, so the canvas badge, the CLI
// or a report can word them in their own language. Pure: the thresholds are the named constants below,
// documented in docs/layer-statistics.md ("Layer health").
import type { DivergenceOrigin, LayerStatistics } from '../api/events';
import { getLayer, resolveParams } from '../registry';

export type HealthLevel = 'good' | 'warning' | 'problem';

/**
 * More than this share of a ReLU's outputs exactly zero: a warning; more than DEAD_RELU_PROBLEM: a problem.
 * About half is normal (half the inputs to a ReLU are negative): the seed CNN, at 92% test accuracy after
 * one epoch, measured 0.49-0.62 on its ReLU layers (docs/layer-statistics.md), so lower thresholds would
 * flag a healthy model.
 */
export const DEAD_RELU_WARNING = 0.7;
export const DEAD_RELU_PROBLEM = 0.9;
/** More than this share of a sigmoid/tanh/softmax layer's outputs at its bounds: a warning. */
export const SATURATION_WARNING = 0.5;
/** A gradient smaller than this fraction of the layer above's (or than the absolute floor) has vanished. */
export const VANISHING_GRADIENT_RATIO = 1e-6;
export const VANISHING_GRADIENT_FLOOR = 1e-9;
/** One step changes a weight by more than this share of its norm: a warning; more than the second: a problem. */
export const UPDATE_RATIO_WARNING = 0.01;
export const UPDATE_RATIO_PROBLEM = 0.1;

/** The activations the rules tell apart ('relu', 'sigmoid', ...); null for none or another. */
export type ActivationKind = string | null;

export type HealthFinding =
  | { readonly kind: 'non_finite'; readonly level: 'problem'; readonly field: string }
  | {
      readonly kind: 'diverged';
      readonly level: 'problem';
      readonly where: DivergenceOrigin['where'];
      readonly cause: DivergenceOrigin['cause'];
      readonly epoch: number;
      readonly step: number;
    }
  | { readonly kind: 'dead_relu'; readonly level: HealthLevel; readonly zeroFraction: number }
  | {
      readonly kind: 'saturated';
      readonly level: HealthLevel;
      readonly activation: string;
      readonly saturatedFraction: number;
    }
  | {
      readonly kind: 'vanishing_gradient';
      readonly level: HealthLevel;
      readonly gradientNorm: number;
      /** The layer above's gradient norm; null when the absolute floor decided. */
      readonly aboveGradientNorm: number | null;
    }
  | {
      readonly kind: 'high_update_ratio';
      readonly level: HealthLevel;
      readonly weight: string;
      readonly updateRatio: number;
    };

export interface LayerHealth {
  readonly level: HealthLevel;
  readonly findings: readonly HealthFinding[];
}

export interface LayerHealthContext {
  /** The next layer towards the output (its gradient flows into this one); null/absent for the output. */
  readonly above?: LayerStatistics | null;
  /** The layer's activation (from its type or its `activation` param, see activationOf). */
  readonly activation?: ActivationKind;
}

const RANK: Record<HealthLevel, number> = { good: 0, warning: 1, problem: 2 };
const SATURATING = new Set(['sigmoid', 'tanh', 'softmax', 'hard_sigmoid']);

/** Which activation a layer applies: the layer itself (ReLU, Softmax: its home says so) or its
 *  `activation` param (Dense(activation='relu')). Params are resolved with defaults first. */
export function activationOf(type: string, params: Readonly<Record<string, unknown>> = {}): ActivationKind {
  const definition = getLayer(type);
  const resolved = definition ? (resolveParams(definition, params, type).params ?? params) : params;
  const activation = definition?.appliedActivation?.(resolved) ?? resolved.activation;
  return typeof activation === 'string' && activation !== 'linear' ? activation : null;
}

/** A bias weight ("bias", or "<layer>/bias" as the core names them). */
export function isBias(weight: string): boolean {
  return weight === 'bias' || weight.endsWith('/bias');
}

function nonFiniteField(stats: LayerStatistics): string | null {
  const numbers: [string, number | null][] = [
    ['output.mean', stats.output.mean],
    ['output.std', stats.output.std],
    ['output.zero_fraction', stats.output.zero_fraction],
    ['output.saturated_fraction', stats.output.saturated_fraction],
    ['gradient_norm', stats.gradient_norm],
    ...stats.weights.flatMap((w): [string, number | null][] => [
      [`${w.name}.norm`, w.norm],
      [`${w.name}.gradient_norm`, w.gradient_norm],
      [`${w.name}.update_ratio`, w.update_ratio],
    ]),
  ];
  return numbers.find(([, value]) => value !== null && !Number.isFinite(value))?.[0] ?? null;
}

/** The health of one layer from its sampled statistics. */
export function layerHealth(stats: LayerStatistics, context: LayerHealthContext = {}): LayerHealth {
  const findings: HealthFinding[] = [];
  const field = nonFiniteField(stats);
  if (field !== null) findings.push({ kind: 'non_finite', level: 'problem', field });
  const activation = context.activation ?? null;
  const isOutput = context.above == null;

  const zeros = stats.output.zero_fraction;
  if (activation === 'relu' && zeros > DEAD_RELU_WARNING)
    findings.push({
      kind: 'dead_relu',
      level: zeros > DEAD_RELU_PROBLEM ? 'problem' : 'warning',
      zeroFraction: zeros,
    });

  // A confident softmax on the model's output is what training aims for, not saturation.
  const saturated = stats.output.saturated_fraction;
  if (
    activation !== null &&
    SATURATING.has(activation) &&
    !(activation === 'softmax' && isOutput) &&
    saturated > SATURATION_WARNING
  )
    findings.push({ kind: 'saturated', level: 'warning', activation, saturatedFraction: saturated });

  const gradient = stats.gradient_norm;
  if (gradient !== null && Number.isFinite(gradient)) {
    const above = context.above?.gradient_norm ?? null;
    if (gradient < VANISHING_GRADIENT_FLOOR)
      findings.push({
        kind: 'vanishing_gradient',
        level: 'warning',
        gradientNorm: gradient,
        aboveGradientNorm: null,
      });
    else if (above !== null && Number.isFinite(above) && gradient < VANISHING_GRADIENT_RATIO * above)
      findings.push({
        kind: 'vanishing_gradient',
        level: 'warning',
        gradientNorm: gradient,
        aboveGradientNorm: above,
      });
  }

  // The weight that moves most speaks for the layer. Biases are left out: they start at zero, so while
  // they are small their relative change is large whatever the learning rate (0.7-2% on the seed CNN).
  const fastest = stats.weights
    .filter((w) => !isBias(w.name) && w.update_ratio !== null && Number.isFinite(w.update_ratio))
    .reduce<(typeof stats.weights)[number] | null>(
      (best, w) => (best === null || (w.update_ratio ?? 0) > (best.update_ratio ?? 0) ? w : best),
      null,
    );
  const ratio = fastest?.update_ratio ?? 0;
  if (fastest !== null && ratio > UPDATE_RATIO_WARNING)
    findings.push({
      kind: 'high_update_ratio',
      level: ratio > UPDATE_RATIO_PROBLEM ? 'problem' : 'warning',
      weight: fastest.name,
      updateRatio: ratio,
    });

  const level = findings.reduce<HealthLevel>(
    (worst, f) => (RANK[f.level] > RANK[worst] ? f.level : worst),
    'good',
  );
  return { level, findings };
}

/** A layer's health once its run failed there (the failed event's origin): a problem, saying so first. */
export function withDivergence(health: LayerHealth, origin: DivergenceOrigin): LayerHealth {
  const { where, cause, epoch, step } = origin;
  return {
    level: 'problem',
    findings: [{ kind: 'diverged', level: 'problem', where, cause, epoch, step }, ...health.findings],
  };
}

/**
 * The health of every layer of one statistics event, by layer name. `above` is the next layer in the
 * event's order (the core lists layers from input to output), unless `next` names it (graph edges).
 */
export function graphHealth(
  layers: readonly LayerStatistics[],
  activations: (layer: LayerStatistics) => ActivationKind = (l) => activationOf(l.type),
  next?: (name: string) => string | undefined,
): Map<string, LayerHealth> {
  const byName = new Map(layers.map((l) => [l.name, l]));
  const result = new Map<string, LayerHealth>();
  layers.forEach((layer, i) => {
    const aboveName = next ? next(layer.name) : layers[i + 1]?.name;
    const above = aboveName === undefined ? null : (byName.get(aboveName) ?? null);
    result.set(layer.name, layerHealth(layer, { above, activation: activations(layer) }));
  });
  return result;
}
