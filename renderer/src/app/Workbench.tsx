// The main window's layout: toolbar on top; palette, canvas and the side panels (inspector, summary)
// in the middle; training docked below (controls and settings beside charts, results and runs). It also wires
// the document actions, keyboard shortcuts, unsaved-changes prompt and the open-file input.
import { useReactFlow } from '@xyflow/react';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LayerwiseApi } from '../../../engine/api/contract';
import type { CommandContext } from '../commands/commands';
import type { MenuContext } from './menu-actions';
import { isTextTarget } from '../commands/shortcuts';
import { useShortcuts } from '../commands/useShortcuts';
import { Canvas } from '../editor/canvas/Canvas';
import { useEditor, useEditorStoreApi } from '../editor/EditorContext';
import { Inspector } from '../editor/inspector/Inspector';
import { Palette } from '../editor/palette/Palette';
import { SummaryPanel } from '../editor/summary/SummaryPanel';
import { createDocumentActions } from '../files/document-actions';
import { pageFileHost } from '../files/desktop-file-host';
import { TrainingControls, TrainingDashboard, useTrainingStoreApi } from '../training';
import { liveRunId } from '../training/training-store';
import { AppDialog } from './dialogs/AppDialog';
import { askConfirm, askText } from './dialogs/dialog-store';
import { NoticeBar } from './NoticeBar';
import { Toolbar } from './Toolbar';
import { useConnection } from './useConnection';
import { useFileDrop } from './useFileDrop';
import { useDesktopEvents } from './useDesktopEvents';
import { useDocumentTitle } from './useDocumentTitle';
import { useTheme } from './useTheme';
import { useTrainingBridge } from './useTrainingBridge';
import { useTrainableModel } from './useTrainableModel';
import { useUnsavedPrompt } from './useUnsavedPrompt';

type SideTab = 'inspector' | 'summary';

export function Workbench({ api }: { api: LayerwiseApi }) {
  const { t } = useTranslation();
  const editor = useEditorStoreApi();
  const { fitView } = useReactFlow();
  const [theme, setTheme, resolvedTheme] = useTheme();
  const [tab, setTab] = useState<SideTab>('inspector');
  const connection = useConnection(api);
  const fileInput = useRef<HTMLInputElement>(null);
  const importInput = useRef<HTMLInputElement>(null);
  const bridge = useTrainingBridge();
  const trainable = useTrainableModel();
  const docId = useEditor((s) => s.docId);
  const training = useTrainingStoreApi();

  const host = useMemo(pageFileHost, []);
  const actions = useMemo(
    () =>
      createDocumentActions({
        editor,
        host,
        confirmDiscard: () => askConfirm(t('common.confirmDiscard'), t('common.discard')),
        askName: (current) => askText(t('common.saveAsPrompt'), current, t('common.save')),
        trainedWeights: bridge.trainedWeights,
        onLoaded: bridge.onLoaded,
        documentFile: bridge.documentFile,
      }),
    [editor, t, bridge, host],
  );
  const commands: CommandContext = {
    editor,
    fitView: () => void fitView({ padding: 0.15, maxZoom: 1.2, duration: 200 }),
    save: () => void actions.save(),
    saveAs: () => void actions.saveAs(),
    // Native dialogs in the desktop app; the hidden file inputs below in a browser.
    open: () => (host.pickDocument ? void actions.openWithDialog() : fileInput.current?.click()),
  };
  const importFiles = () =>
    host.pickImportFiles ? void actions.importWithDialog() : importInput.current?.click();
  useShortcuts(commands);
  useFileDrop((files) => void actions.dropFiles(files));
  const menu: MenuContext = {
    actions,
    commands,
    importFiles,
    train: () => {
      const state = training.getState();
      if (trainable.model === null || liveRunId(state) !== null)
        editor
          .getState()
          .notify({ kind: 'error', text: trainable.blockedReason ?? t('training.controls.busy') });
      else void state.start(trainable.model, docId);
    },
    pause: () => void training.getState().pause(),
    resume: () => void training.getState().resume(),
    stop: () => void training.getState().stop(),
    inTextField: () => isTextTarget(document.activeElement),
    editField: (command) => document.execCommand(command),
  };
  useDesktopEvents(menu, actions);
  useDocumentTitle();
  useUnsavedPrompt(actions.isDirty);

  return (
    <div className="workbench">
      <Toolbar
        actions={actions}
        commands={commands}
        connection={connection}
        theme={theme}
        onTheme={setTheme}
        hasTrainedWeights={bridge.hasTrainedWeights}
        onImport={importFiles}
      />
      <input
        ref={fileInput}
        type="file"
        accept=".json,application/json"
        aria-label={t('common.openFile')}
        className="visually-hidden"
        tabIndex={-1}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = ''; // choosing the same file again must fire change again
          if (file) void actions.open(file);
        }}
      />
      <input
        ref={importInput}
        type="file"
        multiple
        accept=".json,.bin,application/json,application/octet-stream"
        aria-label={t('common.importFiles')}
        className="visually-hidden"
        tabIndex={-1}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length > 0) void actions.importFiles(files);
        }}
      />
      <NoticeBar />
      <AppDialog />
      <div className="workbench-main">
        <Palette />
        <main className="canvas-area">
          <Canvas colorMode={resolvedTheme} />
        </main>
        <aside className="side">
          <div className="tabs" role="tablist" aria-label={t('common.panels')}>
            {(['inspector', 'summary'] as const).map((id) => (
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
          </div>
          <div className="side-scroll" role="tabpanel" id={`tabpanel-${tab}`} aria-labelledby={`tab-${tab}`}>
            {tab === 'inspector' ? <Inspector /> : <SummaryPanel />}
          </div>
        </aside>
      </div>
      <section className="dock" aria-label={t('common.dashboard')}>
        <div className="dock-controls">
          <TrainingControls
            model={trainable.model}
            blockedReason={trainable.blockedReason}
            modelKey={docId}
          />
        </div>
        <div className="dock-dashboard">
          <TrainingDashboard />
        </div>
      </section>
    </div>
  );
}
