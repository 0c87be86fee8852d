// Where the editor and training meet: training settings are saved into the model file's "training"
// section and restored when a model is opened; exporting with weights asks the backend for those of
// this model's latest trained run.
import { useMemo } from 'react';
import type { ModelFile } from '../../../engine';
import type { LayerwiseApi } from '../../../engine/api/contract';
import { useEditor, useEditorStoreApi } from '../editor/EditorContext';
import { runToSettings, settingsToRun, useTrainingStore, useTrainingStoreApi } from '../training';
import type { TrainingState } from '../training/training-store';

/** The latest run of this model that has weights to show for it (completed, or stopped after training). */
function latestTrainedRun(state: TrainingState, modelKey: string): string | null {
  for (let i = state.runOrder.length - 1; i >= 0; i--) {
    const run = state.runs[state.runOrder[i] as string];
    if (run?.modelKey === modelKey && (run.state === 'completed' || run.state === 'stopped'))
      return run.sessionId;
  }
  return null;
}

export function useTrainingBridge(api: LayerwiseApi) {
  const editor = useEditorStoreApi();
  const training = useTrainingStoreApi();
  const modelName = useEditor((s) => s.modelName);
  const hasTrainedWeights = useTrainingStore((s) => latestTrainedRun(s, modelName) !== null);
  const bridge = useMemo(
    () => ({
      beforeSave() {
        const { settings } = training.getState();
        editor.getState().setTraining({ ...settingsToRun(settings, editor.getState().training) });
      },
      onLoaded(model: ModelFile) {
        training.getState().setSettings(runToSettings(model.training));
      },
      async trainedWeights(): Promise<ModelFile['weights'] | null> {
        const sessionId = latestTrainedRun(training.getState(), editor.getState().modelName);
        if (sessionId === null) return null;
        const { tensors } = await api.call('training.weights', { sessionId });
        return { dtype: 'float32', tensors };
      },
    }),
    [api, editor, training],
  );
  return { ...bridge, hasTrainedWeights };
}
