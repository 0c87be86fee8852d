// Calls a function at most once per interval, always delivering the latest arguments at the end
// (leading and trailing), so a drawing is re-predicted about ten times a second.

export interface Throttled<A extends unknown[]> {
  (...args: A): void;
  cancel(): void;
}

export function throttle<A extends unknown[]>(fn: (...args: A) => void, intervalMs: number): Throttled<A> {
  let last = -Infinity;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pending: A | null = null;
  const fire = () => {
    timer = null;
    if (pending === null) return;
    const args = pending;
    pending = null;
    last = Date.now();
    fn(...args);
  };
  const throttled = (...args: A) => {
    pending = args;
    const wait = last + intervalMs - Date.now();
    if (wait <= 0 && timer === null) fire();
    else if (timer === null) timer = setTimeout(fire, Math.max(wait, 0));
  };
  throttled.cancel = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    pending = null;
  };
  return throttled;
}
