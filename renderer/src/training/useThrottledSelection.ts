// Reads a fast-changing part of the training store at most once per interval (always ending on the
// latest value). Unlike throttling a value already read, the component does not re-render at all on the
// events in between: at 20 events/s the charts redraw only a few times a second.
import { useEffect, useState } from 'react';
import type { TrainingStore } from './training-store';
import { useTrainingStoreApi } from './useTrainingStore';

/** `select` must be stable (defined at module level or memoised). */
export function useThrottledSelection<T>(select: (state: TrainingStore) => T, intervalMs: number): T {
  const store = useTrainingStoreApi();
  const [value, setValue] = useState(() => select(store.getState()));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      timer = undefined;
      setValue(() => select(store.getState()));
    };
    flush();
    const unsubscribe = store.subscribe((state, previous) => {
      if (timer === undefined && select(state) !== select(previous)) timer = setTimeout(flush, intervalMs);
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [store, select, intervalMs]);
  return value;
}
