// A layer's health on its node: a small badge whose colour and icon give the level, and a tip (on hover,
// or when the badge or the node has the keyboard focus) with one plain sentence and remedy per finding.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { HealthLevel } from '../../../engine/training/layer-health';
import { healthText } from './health-text';
import { useLookInside } from './LookInsideContext';
import { useNodeInsight } from './useNodeInsight';

const ICON: Record<HealthLevel, string> = { good: '✓', warning: '▲', problem: '✕' };

export function HealthBadge({ id, name }: { readonly id: string; readonly name: string }) {
  const { t } = useTranslation();
  const tipId = useId();
  const view = useLookInside((s) => s.view);
  const insight = useNodeInsight(id);
  if (view !== 'health' || insight === null) return null;
  const { level } = insight.health;
  const levelText = t(`editor.inside.health.${level}`);
  const lines = healthText(t, name, insight.health);
  const { epoch, step } = insight;
  return (
    <span
      data-testid="node-health"
      data-level={level}
      className={`health-badge is-${level}`}
      tabIndex={0}
      aria-describedby={tipId}
    >
      <span aria-hidden="true">{ICON[level]}</span>
      <span className="visually-hidden">{t('editor.inside.health.badge', { name, level: levelText })}</span>
      <span role="tooltip" id={tipId} className="health-tip">
        <strong>{levelText}</strong>
        {lines.map((line) => (
          <span key={line} className="health-tip__line">
            {line}
          </span>
        ))}
        <small>{t('editor.inside.health.at', { epoch, step })}</small>
      </span>
    </span>
  );
}
