// Worker entry when running from source (CLI, tests, serve): registers tsx so the TypeScript worker
// loads. The desktop app bundles training-worker.ts itself (electron/shell/main.ts), without tsx.
import { register } from 'tsx/esm/api';

register();
await import('./training-worker.ts');
