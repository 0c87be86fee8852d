import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NATIVE_ADDON, packagedEnvironment, readmePath, unpackedPath } from './packaged-paths';

describe('packagedEnvironment', () => {
  it('points at the unpacked addon and the bundled datasets in a packaged app', () => {
    const resources = '/opt/Layerwise/resources';
    expect(
      packagedEnvironment({
        isPackaged: true,
        appPath: join(resources, 'app.asar'),
        resourcesPath: resources,
      }),
    ).toEqual({
      LAYERWISE_NATIVE: join(resources, 'app.asar.unpacked', NATIVE_ADDON),
      LAYERWISE_DATASETS: join(resources, 'datasets'),
    });
  });

  it('sets only the addon path in development, inside the repository', () => {
    const env = packagedEnvironment({
      isPackaged: false,
      appPath: '/work/layerwise',
      resourcesPath: '/work/layerwise/node_modules/electron/dist/resources',
    });
    expect(env).toEqual({ LAYERWISE_NATIVE: join('/work/layerwise', NATIVE_ADDON) });
  });

  it('works on macOS bundle paths', () => {
    const resources = '/Applications/Layerwise.app/Contents/Resources';
    const env = packagedEnvironment({
      isPackaged: true,
      appPath: `${resources}/app.asar`,
      resourcesPath: resources,
    });
    expect(env.LAYERWISE_NATIVE).toBe(`${resources}/app.asar.unpacked/${NATIVE_ADDON}`);
    expect(env.LAYERWISE_DATASETS).toBe(`${resources}/datasets`);
  });
});

describe('unpackedPath', () => {
  it('rewrites only a whole app.asar segment, with either separator', () => {
    expect(unpackedPath('/r/app.asar/x.node')).toBe('/r/app.asar.unpacked/x.node');
    expect(unpackedPath('C:\\L\\resources\\app.asar\\x.node')).toBe(
      'C:\\L\\resources\\app.asar.unpacked\\x.node',
    );
    expect(unpackedPath('/r/app.asar')).toBe('/r/app.asar.unpacked');
    expect(unpackedPath('/home/me/my-app.asar-notes/x.node')).toBe('/home/me/my-app.asar-notes/x.node');
    expect(unpackedPath('/r/app.asar.unpacked/x.node')).toBe('/r/app.asar.unpacked/x.node');
  });
});

describe('readmePath', () => {
  it('is in the resources when packaged (app.asar cannot be opened by other apps), else in the repository', () => {
    const resources = '/opt/Layerwise/resources';
    const packaged = { isPackaged: true, appPath: join(resources, 'app.asar'), resourcesPath: resources };
    expect(readmePath(packaged)).toBe(join(resources, 'README.md'));
    expect(readmePath({ ...packaged, isPackaged: false, appPath: '/work/layerwise' })).toBe(
      join('/work/layerwise', 'README.md'),
    );
  });
});
