// The right-hand panel: Inspector and Summary tabs and the button that hides the panel. Choosing a
// layer in the summary can switch to the Inspector (Enter or double-click on its row).
import { useReactFlow } from '@xyflow/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { READABLE_ZOOM } from '../editor/canvas/initial-viewport';
import { Inspector } from '../editor/inspector/Inspector';
import { SummaryPanel } from '../editor/summary/SummaryPanel';

type SideTab = 'inspector' | 'summary';
const TABS = ['inspector', 'summary'] as const;

export function SidePanel({ onCollapse }: { onCollapse: () => void }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<SideTab>('inspector');
  const flow = useReactFlow();
  const reveal = (id: string) => {
    const node = flow.getInternalNode(id);
    if (node === undefined) return;
    const { x, y } = node.internals.positionAbsolute;
    const { width = 0, height = 0 } = node.measured;
    void flow.setCenter(x + width / 2, y + height / 2, {
      zoom: Math.max(flow.getZoom(), READABLE_ZOOM), // keep the user's zoom unless it is unreadable
      duration: 200,
    });
  };
  return (
    <aside className="side">
      <div className="tabs" role="tablist" aria-label={t('common.panels')}>
        {TABS.map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`tab-${id}`}
            aria-selected={tab === id}
            aria-controls={`tabpanel-${id}`}
            onClick={() => setTab(id)}
          >
            {t(`common.tabs.${id}`)}
          </button>
        ))}
        <button
          type="button"
          className="panel-toggle"
          aria-label={t('common.layout.hideSide')}
          title={t('common.layout.hideSide')}
          onClick={onCollapse}
        >
          <span aria-hidden="true">»</span>
        </button>
      </div>
      <div className="side-scroll" role="tabpanel" id={`tabpanel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'inspector' ? (
          <Inspector />
        ) : (
          <SummaryPanel onReveal={reveal} onOpen={() => setTab('inspector')} />
        )}
      </div>
    </aside>
  );
}
