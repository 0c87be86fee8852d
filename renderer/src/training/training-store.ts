// The training state of the app: form settings, every run and its live metrics, the run on show and the
// runs overlaid on it. A zustand vanilla store fed by the API's event stream (subscribed once).
import { createStore } from 'zustand/vanilla';
import type { ApiEvent, LayerwiseApi, SessionSnapshot } from '../../../engine/api/contract';
import type { AdjustedEvent, TrainingEvent } from '../../../engine/api/events';
import type { RunAdjustment } from '../../../engine/api/run-adjustment';
import { withDropoutRates } from '../../../engine/training/dropout-layers';
import { PendingEvents } from './pending-events';
import { settingsPatch } from './run-adjust';
import { applyEvent, isLive, newRunRecord, type RunRecord } from './run-record';
import { addLayerStats } from './layer-stats-history';
import { createRunModels } from './run-predictor';
import { defaultStorage, RunRegistry } from './run-registry';
import { DEFAULT_SETTINGS, runToSettings, settingsToRun } from './run-settings-map';
import type { GraphEditTarget } from './diagnosis-target';
import {
  liveRunId,
  toUserError,
  type TrainingStore,
  type TrainingStoreApi,
  type TrainingStoreOptions,
} from './store-types';

export * from './store-types';

export function createTrainingStore(api: LayerwiseApi, options: TrainingStoreOptions = {}): TrainingStoreApi {
  const registry = new RunRegistry(options.storage === undefined ? defaultStorage() : options.storage);
  const now = options.now ?? Date.now;
  const pending = new PendingEvents();
  const fetching = new Set<string>();
  let unsubscribe: (() => void) | null = null;

  const store = createStore<TrainingStore>()((set, get) => {
    const nextLabel = (modelKey: string) =>
      `Run ${Object.values(get().runs).filter((r) => r.modelKey === modelKey).length + 1}`;

    const addRun = (run: RunRecord, events: readonly TrainingEvent[], activate: boolean) => {
      const record = [...events, ...pending.take(run.sessionId)].reduce(applyEvent, run);
      set((s) => {
        const runs = { ...s.runs, [run.sessionId]: record };
        const at = (id: string) => runs[id]?.startedAt ?? 0;
        return {
          runs,
          runOrder: [...s.runOrder, run.sessionId].sort((a, b) => at(a) - at(b)),
          activeRunId: activate || s.activeRunId === null ? run.sessionId : s.activeRunId,
        };
      });
    };

    const control = async (method: 'training.pause' | 'training.resume' | 'training.stop') => {
      const sessionId = liveRunId(get());
      if (sessionId === null) return;
      try {
        await api.call(method, { sessionId }); // the state change arrives as an event
      } catch (error) {
        set({ error: toUserError(error) });
      }
    };

    return {
      api,
      settings: DEFAULT_SETTINGS,
      datasets: null,
      runs: {},
      runOrder: [],
      activeRunId: null,
      selectedRunIds: [],
      modelKey: null,
      weights: {},
      layerStats: {},
      starting: false,
      error: null,
      adjustError: null,

      setSettings: (patch) => set((s) => ({ settings: { ...s.settings, ...patch } })),
      setModelKey: (modelKey) =>
        set((s) => {
          if (s.modelKey === modelKey) return {};
          const own = s.runOrder.filter((id) => s.runs[id]?.modelKey === modelKey);
          const keep = s.activeRunId !== null && own.includes(s.activeRunId);
          return {
            modelKey,
            activeRunId: keep ? s.activeRunId : (own.at(-1) ?? null),
            selectedRunIds: s.selectedRunIds.filter((id) => own.includes(id)),
          };
        }),
      loadDocumentRuns(modelKey, records, weights, activeRunId) {
        set((s) => {
          const runs = { ...s.runs };
          for (const record of records) {
            const current = runs[record.sessionId];
            if (current === undefined || !isLive(current.state)) runs[record.sessionId] = record;
          }
          const at = (id: string) => runs[id]?.startedAt ?? 0;
          const order = [...new Set([...s.runOrder, ...records.map((r) => r.sessionId)])];
          const own = order.filter((id) => runs[id]?.modelKey === modelKey);
          const active = activeRunId != null && own.includes(activeRunId) ? activeRunId : own.at(-1);
          return {
            runs,
            runOrder: order.sort((a, b) => at(a) - at(b)),
            weights: { ...s.weights, ...weights },
            ...(s.modelKey === modelKey ? { activeRunId: active ?? null } : {}),
          };
        });
      },
      predict: (runId, images) => models.predict(runId, images),
      activations: (runId, image) => models.activations(runId, image),
      clearError: () => set({ error: null }),
      selectRun: (runId) => set((s) => (s.runs[runId] ? { activeRunId: runId } : {})),
      toggleOverlay: (runId) =>
        set((s) => ({
          selectedRunIds: s.selectedRunIds.includes(runId)
            ? s.selectedRunIds.filter((id) => id !== runId)
            : [...s.selectedRunIds, runId],
        })),

      async start(model, modelKey, continueFrom) {
        if (get().starting || liveRunId(get()) !== null) return;
        const settings = get().settings;
        // Continuing sends the earlier run's weights with the model; the backend keeps those that fit.
        const from = continueFrom === undefined ? undefined : get().runs[continueFrom];
        const weights = continueFrom === undefined ? undefined : get().weights[continueFrom];
        if (continueFrom !== undefined && (from === undefined || weights === undefined)) return;
        set({ starting: true, error: null, modelKey });
        try {
          const run = settingsToRun(settings, model.training);
          const { sessionId } = await api.call(
            'training.start',
            weights === undefined
              ? { model, run }
              : { model: { ...model, weights }, run, weights: 'matching' },
          );
          // "Run 3 (from Run 2)": a chain names only the run it came from, not that run's own source.
          const label =
            from === undefined
              ? nextLabel(modelKey)
              : `${nextLabel(modelKey)} (from ${from.label.replace(/ \(from .*\)$/, '')})`;
          registry.set(sessionId, { modelKey, label });
          const identity = {
            sessionId,
            modelKey,
            modelName: model.name,
            label,
            settings,
            startedAt: now(),
            graph: model.graph,
          };
          addRun(newRunRecord(identity), [], true);
          set({ starting: false });
        } catch (error) {
          set({ starting: false, error: toUserError(error) });
        }
      },
      pause: () => control('training.pause'),
      resume: () => control('training.resume'),
      async adjust(changes, document) {
        const sessionId = liveRunId(get());
        if (sessionId === null || get().runs[sessionId]?.state !== 'paused') return false;
        set({ adjustError: null });
        let adjusted: AdjustedEvent;
        try {
          ({ adjusted } = await api.call('training.adjust', { sessionId, changes }));
        } catch (error) {
          set({ adjustError: toUserError(error) });
          return false;
        }
        // The marker shows at once; the same event arriving from the session is not added twice.
        set((s) => {
          const run = s.runs[sessionId];
          return run === undefined ? {} : { runs: { ...s.runs, [sessionId]: applyEvent(run, adjusted) } };
        });
        followInDocument(changes, document);
        return true;
      },
      stop: () => control('training.stop'),

      async loadDatasets() {
        try {
          set({ datasets: await api.call('datasets.list', {}) });
        } catch (error) {
          set({ datasets: [], error: toUserError(error) });
        }
      },

      async restore() {
        connect();
        let snapshots: SessionSnapshot[];
        try {
          snapshots = await api.call('training.list', {});
        } catch {
          return; // nothing to restore from a backend that cannot list
        }
        for (const snap of [...snapshots].sort((a, b) => a.startedAt - b.startedAt)) {
          restoreLayerStats(snap);
          const known = get().runs[snap.sessionId];
          if (known !== undefined) {
            // Restored from the autosave (which has the full batch curve, and shows a run it saved
            // mid-training as stopped): the backend's snapshot says where the session really is.
            const events = [...snap.events, ...(snap.lastBatch ? [snap.lastBatch] : [])];
            const merged = { ...events.reduce(applyEvent, known), state: snap.state };
            set((s) => ({ runs: { ...s.runs, [snap.sessionId]: merged } }));
            continue;
          }
          const tag = registry.get(snap.sessionId);
          const modelKey = tag?.modelKey ?? snap.modelName;
          const identity = {
            sessionId: snap.sessionId,
            modelKey,
            modelName: snap.modelName,
            label: tag?.label ?? nextLabel(modelKey),
            settings: runToSettings(snap.run),
            startedAt: snap.startedAt,
          };
          const events = [...snap.events, ...(snap.lastBatch ? [snap.lastBatch] : [])];
          addRun(newRunRecord(identity), events, false);
          const added = get().runs[snap.sessionId];
          if (added && !isLive(snap.state) && added.state !== snap.state)
            set((s) => ({ runs: { ...s.runs, [snap.sessionId]: { ...added, state: snap.state } } }));
        }
        const live = liveRunId(get());
        if (live !== null) set({ activeRunId: live });
        for (const snap of snapshots) if (hasTrainedWeights(snap.state)) fetchWeights(snap.sessionId);
      },

      dispose() {
        unsubscribe?.();
        unsubscribe = null;
      },
    };
  });

  /**
   * The document takes an adjustment too (the run's own settings and graph stay what it started with),
   * so Save keeps what the model now trains with and the next run starts from it. One undo step.
   */
  function followInDocument(changes: RunAdjustment, document: GraphEditTarget | undefined) {
    const patch = settingsPatch(changes);
    const before = store.getState().settings;
    const restore = Object.fromEntries(
      Object.keys(patch).map((key) => [key, before[key as keyof typeof before]]),
    );
    const setSettings = store.getState().setSettings;
    const settingsEdit = { redo: () => setSettings(patch), undo: () => setSettings(restore) };
    if (document === undefined) return settingsEdit.redo();
    const dropout = changes.dropout ?? {};
    if (Object.keys(dropout).length > 0)
      document.applyGraph(withDropoutRates(document.getGraph(), dropout), [], settingsEdit);
    else document.applyExternal(settingsEdit);
  }

  /** A snapshot's history keeps each epoch's last statistics: enough for the badges after a reload. */
  function restoreLayerStats(snap: SessionSnapshot) {
    let current = store.getState().layerStats[snap.sessionId];
    if (current !== undefined) return;
    for (const event of snap.events)
      if (event.type === 'layer_stats') current = addLayerStats(current, event);
    if (current !== undefined)
      store.setState((s) => ({ layerStats: { ...s.layerStats, [snap.sessionId]: current } }));
  }

  function connect() {
    if (unsubscribe !== null) return;
    const batchMs = options.eventBatchMs ?? 0;
    let queue: ApiEvent[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      timer = undefined;
      const events = queue;
      queue = [];
      const runs = { ...store.getState().runs };
      let changed = false;
      let layerStats = store.getState().layerStats;
      for (const { sessionId, event } of events) {
        if (event.type === 'layer_stats') {
          // Kept beside the run record, so these frequent events neither touch the runs nor the autosave.
          layerStats = { ...layerStats, [sessionId]: addLayerStats(layerStats[sessionId], event) };
          continue;
        }
        const run = runs[sessionId];
        if (run === undefined) pending.add(sessionId, event);
        else {
          runs[sessionId] = applyEvent(run, event);
          changed = true;
        }
      }
      if (changed) store.setState({ runs });
      if (layerStats !== store.getState().layerStats) store.setState({ layerStats });
    };
    const stopEvents = api.onEvent((event) => {
      queue.push(event);
      if (batchMs === 0) flush();
      else timer ??= setTimeout(flush, batchMs);
    });
    unsubscribe = () => {
      stopEvents();
      clearTimeout(timer);
      flush();
    };
  }
  /** A run that ended with weights (completed, or stopped after training) gets them fetched once. */
  function fetchWeights(sessionId: string) {
    if (fetching.has(sessionId) || store.getState().weights[sessionId] !== undefined) return;
    fetching.add(sessionId);
    api.call('training.weights', { sessionId }).then(
      ({ tensors }) =>
        store.setState((s) => ({ weights: { ...s.weights, [sessionId]: { dtype: 'float32', tensors } } })),
      () => fetching.delete(sessionId), // the session is gone: the run keeps its curves and results
    );
  }
  const models = createRunModels(api, (runId) => {
    const { runs, weights } = store.getState();
    const run = runs[runId];
    return run === undefined ? null : { run, weights: weights[runId] };
  });
  // Weights are fetched as soon as a live run ends with some.
  store.subscribe((state, previous) => {
    if (state.runs === previous.runs) return;
    for (const [id, run] of Object.entries(state.runs)) {
      const before = previous.runs[id]?.state;
      if (hasTrainedWeights(run.state) && before !== undefined && isLive(before)) fetchWeights(id);
    }
  });
  connect();
  return store;
}

/** Runs that end in these states have trained weights worth keeping. */
const hasTrainedWeights = (state: string) => state === 'completed' || state === 'stopped';
