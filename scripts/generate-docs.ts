// Writes the generated reference docs: docs/model-format.schema.json and docs/layers.md, both derived
// from the engine (run after changing a layer or the file format; a unit test fails while they are stale).
import { writeFileSync } from 'node:fs';
import { layersMarkdown } from '../engine/layer-docs';
import { modelFileJsonSchema } from '../engine/model-schema';

writeFileSync(
  new URL('../docs/model-format.schema.json', import.meta.url),
  `${JSON.stringify(modelFileJsonSchema(), null, 2)}\n`,
);
writeFileSync(new URL('../docs/layers.md', import.meta.url), layersMarkdown());
