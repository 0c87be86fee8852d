// The time view on a node: a bar whose length is the layer's share of the training time (forward plus
// backward, per batch), with the milliseconds and the share in text.
import { useTranslation } from 'react-i18next';
import { useLookInside } from './LookInsideContext';
import { useNodeInsight } from './useNodeInsight';

export function TimeBar({ id, name }: { readonly id: string; readonly name: string }) {
  const { t } = useTranslation();
  const view = useLookInside((s) => s.view);
  const insight = useNodeInsight(id);
  if (view !== 'time' || insight === null) return null;
  const ms = insight.ms < 10 ? insight.ms.toFixed(2) : insight.ms.toFixed(1);
  const percent = `${(insight.share * 100).toFixed(insight.share < 0.1 ? 1 : 0)}%`;
  return (
    <div
      data-testid="node-time"
      className="inside-side inside-time"
      role="img"
      aria-label={t('editor.inside.time.label', { name, ms, percent })}
    >
      <div className="inside-time__track">
        <div className="inside-time__fill" style={{ width: `${Math.min(100, insight.share * 100)}%` }} />
      </div>
      <span className="inside-time__text">{t('editor.inside.time.bar', { ms, percent })}</span>
    </div>
  );
}
