// docs/layers.md is generated from the registry; this fails while the committed copy is stale.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { layersMarkdown } from './layer-docs';
import { LAYER_DEFINITIONS } from './layers';

describe('layer reference', () => {
  const markdown = layersMarkdown();

  it('is up to date (run `npm run generate:docs` after changing a layer)', () => {
    expect(readFileSync(new URL('../docs/layers.md', import.meta.url), 'utf8')).toBe(markdown);
  });

  it('documents every layer and every parameter with its default', () => {
    for (const layer of LAYER_DEFINITIONS) {
      expect(markdown).toContain(`### ${layer.type}\n`);
      for (const [name, spec] of Object.entries(layer.params))
        expect(markdown).toContain(`| \`${name}\` | \`${JSON.stringify(spec.default)}\` |`);
    }
  });
});
