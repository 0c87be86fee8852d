// The main window: toolbar on top; palette, canvas and the side panel (inspector, summary) in the
// middle; the training dock below, collapsed to a one-line status bar while designing. Panel sizes are
// remembered between reloads. Notices float over the top of the work area so they never push it down.
// It also wires the document actions, keyboard shortcuts, unsaved-changes prompt and the file inputs.
import { useReactFlow } from '@xyflow/react';
import { useMemo, useRef } from 'react';
import { Group, Panel, Separator, useDefaultLayout } from 'react-resizable-panels';
import { useTranslation } from 'react-i18next';
import type { LayerwiseApi } from '../../../engine/api/contract';
import type { CommandContext } from '../commands/commands';
import type { MenuContext } from './menu-actions';
import { isTextTarget } from '../commands/shortcuts';
import { useShortcuts } from '../commands/useShortcuts';
import { Canvas } from '../editor/canvas/Canvas';
import { useEditor, useEditorStoreApi } from '../editor/EditorContext';
import { initialViewport, readableZoom } from '../editor/canvas/initial-viewport';
import { createDocumentActions } from '../files/document-actions';
import { pageFileHost } from '../files/desktop-file-host';
import { useTrainingStoreApi } from '../training';
import { liveRunId } from '../training/training-store';
import { AppDialog } from './dialogs/AppDialog';
import { askConfirm, askText } from './dialogs/dialog-store';
import { NoticeBar } from './NoticeBar';
import { MAIN_GROUP, STATUS_BAR_PX, layoutStorage, pageStorage } from './panel-layout';
import { Toolbar } from './Toolbar';
import { TrainingDock } from './TrainingDock';
import { useConnection } from './useConnection';
import { useFileDrop } from './useFileDrop';
import { useDesktopEvents } from './useDesktopEvents';
import { useDocumentTitle } from './useDocumentTitle';
import { useDockLayout } from './useDockLayout';
import { useTheme } from './useTheme';
import { useTrainingBridge } from './useTrainingBridge';
import { useTrainableModel } from './useTrainableModel';
import { useUnsavedPrompt } from './useUnsavedPrompt';
import { Workspace } from './Workspace';

export function Workbench({ api }: { api: LayerwiseApi }) {
  const { t } = useTranslation();
  const editor = useEditorStoreApi();
  const flow = useReactFlow();
  const [theme, setTheme, resolvedTheme] = useTheme();
  const canvasArea = useRef<HTMLElement>(null);
  const storage = useMemo(() => layoutStorage(pageStorage()), []);
  const mainLayout = useDefaultLayout({ id: MAIN_GROUP, storage });
  const dock = useDockLayout();
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
    fitView: () => {
      // Readable zoom at least; a graph too big for that shows its InputLayer and scrolls from there.
      const view = canvasArea.current?.querySelector<HTMLElement>('.react-flow') ?? canvasArea.current;
      const nodes = flow.getNodes();
      if (view === null || nodes.length === 0) return;
      const input = nodes.find((n) => n.data.type === 'InputLayer');
      const start = input === undefined ? undefined : flow.getNodesBounds([input]);
      // The floor follows the node title's real font size, read from the CSS of a rendered node.
      const title = view.querySelector('[data-testid="node-title"]');
      const minZoom = readableZoom(title ? parseFloat(getComputedStyle(title).fontSize) : undefined);
      const viewport = initialViewport(flow.getNodesBounds(nodes), view, start, minZoom);
      void flow.setViewport(viewport, { duration: 200 });
    },
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
      <AppDialog />
      <div className="workbench-body">
        <NoticeBar />
        <Group orientation="vertical" id={MAIN_GROUP} className="workbench-main" {...mainLayout}>
          <Panel
            id="workspace"
            panelRef={dock.workspace.ref}
            onResize={dock.workspace.onResize}
            collapsible
            collapsedSize={0}
            minSize={160}
          >
            <Workspace canvas={<Canvas colorMode={resolvedTheme} />} canvasRef={canvasArea} />
          </Panel>
          <Separator className="separator separator-horizontal" aria-label={t('common.layout.resizeDock')} />
          <Panel
            id="dock"
            panelRef={dock.dock.ref}
            onResize={dock.dock.onResize}
            collapsible
            collapsedSize={STATUS_BAR_PX}
            minSize={220}
            defaultSize={STATUS_BAR_PX}
            groupResizeBehavior="preserve-pixel-size"
          >
            <TrainingDock
              mode={dock.mode}
              onToggleOpen={dock.toggleOpen}
              onToggleMaximized={dock.toggleMaximized}
              model={trainable.model}
              blockedReason={trainable.blockedReason}
              modelKey={docId}
            />
          </Panel>
        </Group>
      </div>
    </div>
  );
}
