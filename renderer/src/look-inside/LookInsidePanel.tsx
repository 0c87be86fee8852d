// The canvas's look-inside corner: the view switch and, in the activations view, the input picker
// (which needs the training store; a canvas without one shows the switch alone).
import { useContext } from 'react';
import { TrainingStoreContext } from '../training/training-context';
import { ActivationsPicker } from './ActivationsPicker';
import { useLookInside } from './LookInsideContext';
import { ViewSwitch } from './ViewSwitch';
import './look-inside.css';

export function LookInsidePanel() {
  const view = useLookInside((s) => s.view);
  const hasTraining = useContext(TrainingStoreContext) !== null;
  return (
    <div className="inside-panel" data-testid="inside-panel">
      <ViewSwitch />
      {view === 'activations' && hasTraining && <ActivationsPicker />}
    </div>
  );
}
