// Writes docs/model-format.schema.json from the engine's zod schemas (run after changing a layer's
// params or the file format; a unit test fails while the committed schema is out of date).
import { writeFileSync } from 'node:fs';
import { modelFileJsonSchema } from '../engine/model-schema';

writeFileSync(
  new URL('../docs/model-format.schema.json', import.meta.url),
  `${JSON.stringify(modelFileJsonSchema(), null, 2)}\n`,
);
