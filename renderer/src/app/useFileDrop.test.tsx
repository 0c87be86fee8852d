// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useFileDrop } from './useFileDrop';

function Probe({ onFiles }: { onFiles: (files: File[]) => void }) {
  useFileDrop(onFiles);
  return null;
}

function dropEvent(types: string[], files: File[]): Event {
  const event = new Event('drop', { cancelable: true });
  Object.defineProperty(event, 'dataTransfer', { value: { types, files } });
  return event;
}

afterEach(cleanup);

describe('useFileDrop', () => {
  it('hands dropped files over and keeps the browser from opening them', () => {
    const onFiles = vi.fn();
    render(<Probe onFiles={onFiles} />);
    const file = new File(['{}'], 'model.json');
    const event = dropEvent(['Files'], [file]);
    window.dispatchEvent(event);
    expect(onFiles).toHaveBeenCalledWith([file]);
    expect(event.defaultPrevented).toBe(true);
  });

  it('leaves drops without files (a layer from the palette) alone', () => {
    const onFiles = vi.fn();
    render(<Probe onFiles={onFiles} />);
    const event = dropEvent(['application/layerwise-layer'], []);
    window.dispatchEvent(event);
    expect(onFiles).not.toHaveBeenCalled();
    expect(event.defaultPrevented).toBe(false);
  });
});
