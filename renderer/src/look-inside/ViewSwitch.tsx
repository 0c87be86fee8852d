// The canvas view switch: health badges, time bars or activation thumbnails on the nodes. A small
// segmented control (a group of toggle buttons, one pressed).
import { useTranslation } from 'react-i18next';
import { INSIDE_VIEWS } from './look-inside-store';
import { useLookInside } from './LookInsideContext';

export function ViewSwitch() {
  const { t } = useTranslation();
  const view = useLookInside((s) => s.view);
  const setView = useLookInside((s) => s.setView);
  return (
    <div className="inside-switch" role="group" aria-label={t('editor.inside.view.label')}>
      {INSIDE_VIEWS.map((v) => (
        <button
          key={v}
          type="button"
          data-testid={`inside-view-${v}`}
          aria-pressed={view === v}
          className={view === v ? 'is-active' : undefined}
          onClick={() => setView(v)}
        >
          {t(`editor.inside.view.${v}`)}
        </button>
      ))}
    </div>
  );
}
