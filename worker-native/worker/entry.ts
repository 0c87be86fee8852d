// Where the training worker starts when Layerwise runs from source (CLI, serve, tests): the .mjs wrapper
// beside it registers tsx so the TypeScript worker loads. The desktop app bundles training-worker.ts
// as its own chunk instead and passes that chunk's path (electron/shell/main.ts).
export function trainingWorkerSourceEntry(): URL {
  return new URL('./training-worker.mjs', import.meta.url);
}
