// Renders the app icon (assets/icon/icon.svg) into the files electron-builder reads from assets/icon/:
// icon.png and png/<n>x<n>.png (Linux), icon.ico (Windows), icon.icns (macOS). Run: node scripts/make-icons.mjs
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import icongen from 'icon-gen';
import sharp from 'sharp';

const root = fileURLToPath(new URL('..', import.meta.url));
const iconDir = join(root, 'assets/icon');
const svgPath = join(iconDir, 'icon.svg');
const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
const ICNS_SIZES = [16, 32, 64, 128, 256, 512, 1024];

const written = [];
function write(path, data) {
  writeFileSync(path, data);
  written.push(path);
}

/** The SVG as a `size` px PNG. For SVG input sharp renders straight at the resized size (no 1024 px downscale). */
async function render(svg, size) {
  const { data, info } = await sharp(svg)
    .resize(size, size)
    .png({ compressionLevel: 9 })
    .toBuffer({ resolveWithObject: true });
  if (info.width !== size || info.height !== size) {
    throw new Error(`rendering at ${size}px gave ${info.width}x${info.height}`);
  }
  return data;
}

async function main() {
  const svg = readFileSync(svgPath);
  // Render everything before touching the tree, so a bad SVG leaves the committed files as they were.
  const pngs = new Map();
  for (const size of PNG_SIZES) pngs.set(size, await render(svg, size));

  const pngDir = join(iconDir, 'png');
  rmSync(pngDir, { recursive: true, force: true }); // no stale sizes left behind
  mkdirSync(pngDir, { recursive: true });
  for (const [size, png] of pngs) write(join(pngDir, `${size}x${size}.png`), png);
  write(join(iconDir, 'icon.png'), pngs.get(1024));

  // icon-gen reads a folder of <n>.png; feeding it our renders keeps ICO/ICNS pixel-identical to the PNGs
  // (and avoids its SVG mode, which makes its temp folder in the current directory).
  const work = mkdtempSync(join(tmpdir(), 'layerwise-icons-'));
  try {
    for (const [size, png] of pngs) writeFileSync(join(work, `${size}.png`), png);
    const made = await icongen(work, iconDir, {
      report: false,
      ico: { name: 'icon', sizes: ICO_SIZES },
      icns: { name: 'icon', sizes: ICNS_SIZES },
    });
    written.push(...made);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  for (const path of written) console.log(`${relative(root, path)}  ${statSync(path).size} bytes`);
}

main().catch((err) => {
  console.error(`make-icons failed: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
