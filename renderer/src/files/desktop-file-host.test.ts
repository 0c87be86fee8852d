// The desktop FileHost over a fake preload bridge: requests go out as main expects them, replies and
// file errors come back as values and thrown messages.
import { describe, expect, it, vi } from 'vitest';
import { desktopFileHost, hasDesktopFiles } from './desktop-file-host';

describe('desktopFileHost', () => {
  it('sends each dialog request on the files bridge and returns main’s result', async () => {
    const files = vi.fn(async (method: string) =>
      method === 'files.export' ? { result: ['/out/m.onnx'] } : { result: null },
    );
    const host = desktopFileHost({ files });
    expect(host.nativeDialogs).toBe(true);
    await expect(host.exportFiles([{ name: 'm.onnx', data: new Uint8Array([1]) }])).resolves.toBe(true);
    expect(files).toHaveBeenLastCalledWith('files.export', {
      files: [{ name: 'm.onnx', data: new Uint8Array([1]) }],
    });
    await expect(host.pickDocument?.()).resolves.toBeNull();
    expect(files).toHaveBeenLastCalledWith('files.open', {});
    const request = { text: '{}', suggestedName: 'a.layerwise.json', documentId: 'd', saveAs: false };
    await host.saveDocument(request);
    expect(files).toHaveBeenLastCalledWith('files.save', request);
  });

  it('throws main’s message for a file problem', async () => {
    const host = desktopFileHost({
      files: async () => ({ error: { code: 'E_FILE', message: '/m/a.json is a folder' } }),
    });
    await expect(host.pickImportFiles?.()).rejects.toThrow('/m/a.json is a folder');
  });

  it('is chosen only where the preload offers file dialogs', () => {
    expect(hasDesktopFiles(undefined)).toBe(false);
    expect(hasDesktopFiles({ call: vi.fn(), onEvent: vi.fn() })).toBe(false);
    expect(hasDesktopFiles({ call: vi.fn(), onEvent: vi.fn(), files: vi.fn() })).toBe(true);
  });
});
