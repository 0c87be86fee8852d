// Follows a fast-changing value at most once per interval (always ending on the latest), so charts fed
// by 20 events a second redraw a few times a second.
import { useEffect, useRef, useState } from 'react';

export function useThrottledValue<T>(value: T, intervalMs: number): T {
  const [shown, setShown] = useState(value);
  const lastUpdate = useRef(0);
  useEffect(() => {
    const wait = lastUpdate.current + intervalMs - Date.now();
    const update = () => {
      lastUpdate.current = Date.now();
      setShown(value);
    };
    if (wait <= 0) {
      update();
      return undefined;
    }
    const timer = setTimeout(update, wait);
    return () => clearTimeout(timer);
  }, [value, intervalMs]);
  return shown;
}
