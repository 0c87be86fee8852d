// Worker entry when running from source (CLI, tests, serve): registers tsx so the TypeScript worker
// loads. The packaged app points LAYERWISE_TRAINING_WORKER at its bundled worker instead.
import { register } from 'tsx/esm/api';

register();
await import('./training-worker.ts');
