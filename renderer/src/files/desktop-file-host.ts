// The desktop app's FileHost: native Open, Save, Export and Import dialogs run by the main process
// through the preload. A file problem comes back as error data and is thrown here with main's message,
// which names the file.
import { ApiError } from '../../../engine/api/contract';
import type { DesktopFileMethod, DesktopFileResults } from '../../../engine/api/desktop-files';
import type { LayerwiseBridge } from '../api';
import { browserFileHost, type FileHost } from './file-host';

type FilesBridge = Required<Pick<LayerwiseBridge, 'files'>>;

export function desktopFileHost(bridge: FilesBridge): FileHost {
  const call = async <M extends DesktopFileMethod>(method: M, params: unknown) => {
    const reply = await bridge.files(method, params);
    if ('error' in reply) throw new ApiError(reply.error);
    return reply.result as DesktopFileResults[M];
  };
  return {
    nativeDialogs: true,
    saveDocument: (request) => call('files.save', request),
    exportFiles: async (files) =>
      (await call('files.export', { files: files.map(({ name, data }) => ({ name, data })) })) !== null,
    pickDocument: () => call('files.open', {}),
    pickImportFiles: () => call('files.pickImport', {}),
  };
}

export function hasDesktopFiles(
  bridge: LayerwiseBridge | undefined,
): bridge is LayerwiseBridge & FilesBridge {
  return typeof bridge?.files === 'function';
}

/** The preload's bridge, inside the desktop app. */
export const desktopBridge = (): LayerwiseBridge | undefined =>
  (globalThis as { layerwise?: LayerwiseBridge }).layerwise;

/** Native dialogs inside the desktop app; downloads and <input type=file> in a browser. */
export function pageFileHost(): FileHost {
  const bridge = desktopBridge();
  return hasDesktopFiles(bridge) ? desktopFileHost(bridge) : browserFileHost;
}
