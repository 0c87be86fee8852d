// The two Electron IPC channels of the API, shared by the main side (electron/shell/ipc.ts) and the
// preload: requests go through invoke on CALL, events come back on EVENT.
export const CALL_CHANNEL = 'layerwise:call';
export const EVENT_CHANNEL = 'layerwise:event';
/** Desktop only: native menu commands, main → page. */
export const MENU_CHANNEL = 'layerwise:menu';
