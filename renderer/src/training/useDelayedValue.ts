// Follows a value `delayMs` later. The accuracy chart trails the loss chart by half an update so the
// two redraws land in different tasks (and frames) instead of one long one.
import { useEffect, useState } from 'react';

export function useDelayedValue<T>(value: T, delayMs: number): T {
  const [shown, setShown] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setShown(() => value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return shown;
}
