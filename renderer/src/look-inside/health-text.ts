// Words for a layer's health: one plain sentence per finding, naming the layer, with a remedy. The
// numbers come from the engine's findings; the renderer only chooses the words.
import type { TFunction } from 'i18next';
import type { HealthFinding, LayerHealth } from '../../../engine/training/layer-health';

const percent = (fraction: number) => `${Math.round(fraction * 100)}%`;
const small = (value: number) => value.toExponential(1);

export function findingText(t: TFunction, name: string, finding: HealthFinding): string {
  switch (finding.kind) {
    case 'non_finite':
      return t('editor.inside.health.non_finite', { name, field: finding.field });
    case 'diverged':
      return t(`editor.inside.health.diverged_${finding.cause}`, {
        name,
        where: t(`editor.inside.health.where_${finding.where}`),
        epoch: finding.epoch,
        step: finding.step,
      });
    case 'dead_relu':
      return t('editor.inside.health.dead_relu', { name, percent: percent(finding.zeroFraction) });
    case 'saturated':
      return t('editor.inside.health.saturated', {
        name,
        activation: finding.activation,
        percent: percent(finding.saturatedFraction),
      });
    case 'vanishing_gradient':
      return finding.aboveGradientNorm === null
        ? t('editor.inside.health.vanishing_floor', { name, value: small(finding.gradientNorm) })
        : t('editor.inside.health.vanishing_ratio', {
            name,
            value: small(finding.gradientNorm),
            above: small(finding.aboveGradientNorm),
          });
    case 'high_update_ratio':
      return t('editor.inside.health.high_update_ratio', {
        name,
        weight: finding.weight.split('/').at(-1),
        percent:
          finding.updateRatio >= 0.1
            ? percent(finding.updateRatio)
            : `${(finding.updateRatio * 100).toFixed(1)}%`,
      });
  }
}

/** Every finding's sentence, or the all-clear, one per line. */
export function healthText(t: TFunction, name: string, health: LayerHealth): string[] {
  if (health.findings.length === 0) return [t('editor.inside.health.good_detail', { name })];
  return health.findings.map((f) => findingText(t, name, f));
}
