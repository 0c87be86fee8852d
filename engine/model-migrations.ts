// Older model file versions, migrated on load one step at a time to the current one, so every file any
// Layerwise wrote still opens. Each step takes the raw JSON of version N and returns version N + 1;
// fields are then checked by the current reader.
type Json = Readonly<Record<string, unknown>>;

/** MIGRATIONS[n] turns a version-n file into a version-(n + 1) file. */
const MIGRATIONS: Readonly<Record<number, (file: Json) => Json>> = {
  // Version 2 added the document id, its runs and weights.run; a version-1 file is a valid version 2.
  1: (file) => ({ ...file, version: 2 }),
};

/** The file migrated as far as the known steps go; an unknown version is returned unchanged. */
export function migrateModelFile(file: Json): Json {
  let current = file;
  for (;;) {
    const version = current.version;
    const step = typeof version === 'number' ? MIGRATIONS[version] : undefined;
    if (step === undefined) return current;
    current = step(current);
  }
}
