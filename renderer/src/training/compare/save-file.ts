// Saves one file the way Export does: a download in a browser, a native Save dialog in the desktop app.
import { pageFileHost } from '../../files/desktop-file-host';

export const saveFile = (name: string, data: string | Uint8Array): Promise<boolean> =>
  pageFileHost().exportFiles([{ name, data }]);
