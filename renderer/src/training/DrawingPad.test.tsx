// @vitest-environment jsdom
// The drawing pad reads its pixels back ten times a second: every 2D context it asks for must be a
// willReadFrequently one (the first request fixes the kind, and Chrome warns on slow GPU readbacks).
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import '../i18n';
import { DrawingPad } from './DrawingPad';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('DrawingPad', () => {
  it('asks for a willReadFrequently 2D context for drawing, reading back and clearing', () => {
    const calls: unknown[][] = [];
    const context = {
      beginPath: vi.fn(),
      moveTo: vi.fn(),
      lineTo: vi.fn(),
      stroke: vi.fn(),
      clearRect: vi.fn(),
      getImageData: vi.fn(() => ({ data: new Uint8ClampedArray(280 * 280 * 4) })),
    };
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(((...args: unknown[]) => {
      calls.push(args);
      return context;
    }) as never);
    const onChange = vi.fn();
    render(<DrawingPad onChange={onChange} />);
    const pad = screen.getByRole('img', { name: 'Drawing pad' });
    fireEvent.pointerDown(pad, { clientX: 10, clientY: 10, buttons: 1 });
    fireEvent.pointerMove(pad, { clientX: 20, clientY: 30, buttons: 1 });
    fireEvent.click(screen.getByRole('button', { name: 'Clear' }));

    expect(context.stroke).toHaveBeenCalled();
    expect(context.getImageData).toHaveBeenCalled();
    expect(context.clearRect).toHaveBeenCalled();
    expect(calls.length).toBeGreaterThanOrEqual(3);
    for (const args of calls) expect(args).toEqual(['2d', { willReadFrequently: true }]);
  });
});
