// Rewrites assets/templates/*.json in the canonical form the app saves (serializeModelFile), so that
// opening and saving a template changes nothing. Run after editing a template by hand.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseModelFile, serializeModelFile } from '../engine';

const folder = new URL('../assets/templates/', import.meta.url);
for (const file of readdirSync(folder).filter((f) => f.endsWith('.json'))) {
  const url = new URL(file, folder);
  const loaded = parseModelFile(readFileSync(url, 'utf8'));
  if (!loaded.ok) throw new Error(`${file}: ${loaded.issues.map((i) => i.message).join('; ')}`);
  writeFileSync(url, serializeModelFile(loaded.model));
}
