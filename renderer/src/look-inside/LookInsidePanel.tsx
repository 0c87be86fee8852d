// The canvas's look-inside corner: the view switch and, in the activations view, the input picker
// (which needs the training store; a canvas without one shows the switch alone). Activations belong to
// the run on show: another run, or another document, clears them.
import { useContext, useEffect } from 'react';
import { TrainingStoreContext } from '../training/training-context';
import { ActivationsPicker } from './ActivationsPicker';
import { useLookInside, useLookInsideApi } from './LookInsideContext';
import { selectRunOnShow, useTrainingSelect } from './useRunOnShow';
import { ViewSwitch } from './ViewSwitch';
import './look-inside.css';

export function LookInsidePanel() {
  const view = useLookInside((s) => s.view);
  const inside = useLookInsideApi();
  const runId = useTrainingSelect(selectRunOnShow);
  const hasTraining = useContext(TrainingStoreContext) !== null;
  useEffect(() => {
    // The picker asks again for a test image (its effect runs first; the answer comes later).
    inside.getState().setActivations(null);
  }, [inside, runId]);
  return (
    <div className="inside-panel" data-testid="inside-panel">
      <ViewSwitch />
      {view === 'activations' && hasTraining && <ActivationsPicker />}
    </div>
  );
}
