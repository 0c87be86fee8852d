// The training dock: the one-line status bar, and below it (unless collapsed) the controls and
// settings beside the dashboard's charts, results and runs. The body stays mounted while collapsed
// (hidden), so the settings and the chosen tab survive hiding and showing the dock; the dashboard draws
// nothing meanwhile.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModelFile } from '../../../engine';
import { TrainingControls, TrainingDashboard } from '../training';
import { DockStatusBar } from './DockStatusBar';
import type { DockMode } from './useDockLayout';
import { useGraphEditTarget } from './useGraphEditTarget';
import './dock.css';

export interface TrainingDockProps {
  readonly mode: DockMode;
  readonly onToggleOpen: () => void;
  readonly onToggleMaximized: () => void;
  readonly model: ModelFile | null;
  readonly blockedReason: string | null;
  readonly modelKey: string;
}

export function TrainingDock(props: TrainingDockProps) {
  const { mode, model, blockedReason, modelKey } = props;
  const { t } = useTranslation();
  const bodyId = useId();
  const graphTarget = useGraphEditTarget();
  return (
    <section className="dock" aria-label={t('common.dashboard')} data-dock={mode}>
      <DockStatusBar {...props} bodyId={bodyId} />
      <div className="dock-body" id={bodyId} hidden={mode === 'collapsed'}>
        <div className="dock-controls">
          <TrainingControls
            model={model}
            blockedReason={blockedReason}
            modelKey={modelKey}
            graphTarget={graphTarget}
          />
        </div>
        <div className="dock-dashboard">
          <TrainingDashboard visible={mode !== 'collapsed'} graphTarget={graphTarget} />
        </div>
      </div>
    </section>
  );
}
