// The preload: the only bridge between the sandboxed renderer and the main process. It exposes a
// minimal, typed surface through contextBridge and never the raw ipcRenderer.
import { contextBridge } from 'electron';

const layerwise = Object.freeze({ platform: process.platform });

contextBridge.exposeInMainWorld('layerwise', layerwise);
