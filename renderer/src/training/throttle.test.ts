// The leading-and-trailing throttle behind the drawing pad's predictions.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { throttle } from './throttle';

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe('throttle', () => {
  it('calls at once, then at most once per interval with the latest arguments', () => {
    const calls: number[] = [];
    const fn = throttle((n: number) => calls.push(n), 100);
    fn(1);
    fn(2);
    fn(3);
    expect(calls).toEqual([1]);
    vi.advanceTimersByTime(100);
    expect(calls).toEqual([1, 3]);
    for (let i = 4; i < 24; i++) {
      fn(i);
      vi.advanceTimersByTime(10); // 20 calls over 200 ms
    }
    vi.advanceTimersByTime(200);
    expect(calls.length).toBeLessThanOrEqual(5);
    expect(calls.at(-1)).toBe(23);
  });

  it('drops the pending call on cancel', () => {
    const calls: number[] = [];
    const fn = throttle((n: number) => calls.push(n), 100);
    fn(1);
    fn(2);
    fn.cancel();
    vi.advanceTimersByTime(500);
    expect(calls).toEqual([1]);
  });
});
