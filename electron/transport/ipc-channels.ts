// The two Electron IPC channels of the API, shared by the main side (electron/shell/ipc.ts) and the
// preload: requests go through invoke on CALL, events come back on EVENT.
export const CALL_CHANNEL = 'layerwise:call';
export const EVENT_CHANNEL = 'layerwise:event';
/** Desktop only: native menu commands, main → page. */
export const MENU_CHANNEL = 'layerwise:menu';
/** Desktop only: native file dialogs, page → main (engine/api/desktop-files.ts). */
export const FILES_CHANNEL = 'layerwise:files';
/** Desktop only: a model file the OS or the recent list opened, main → page. */
export const DOCUMENT_CHANNEL = 'layerwise:document';
