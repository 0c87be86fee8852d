// Which datasets the desktop page may name. Over the WebSocket (serve mode: 127.0.0.1 and a token) a
// client may give a dataset's path, but the desktop page must not reach the disk by naming one: in
// `training.start`'s run.dataset and in `datasets.images` it names a built-in dataset, or an id that main
// handed out for a folder or CSV the user picked in a dialog (`idFor`, like a document's id); main puts
// the path back before the call reaches the services. Anything else is refused, naming the field.
import { randomUUID } from 'node:crypto';
import { ApiError } from '../../engine/api/contract';
import { BUILTIN_DATASETS } from '../services/datasets/builtin';

const PICKED_PREFIX = 'picked:';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export class DesktopDatasets {
  private readonly paths = new Map<string, string>();

  constructor(private readonly builtins: readonly string[] = Object.keys(BUILTIN_DATASETS)) {}

  /** The id the page uses for a dataset folder or CSV the user picked (the same id each time). */
  idFor(path: string): string {
    for (const [id, known] of this.paths) if (known === path) return id;
    const id = `${PICKED_PREFIX}${randomUUID()}`;
    this.paths.set(id, path);
    return id;
  }

  /** What the services get for a name the page sent: a built-in id as is, a handed-out id as its path. */
  private resolve(method: string, field: string, name: string): string {
    if (this.builtins.includes(name)) return name;
    const path = this.paths.get(name);
    if (path !== undefined) return path;
    throw new ApiError({
      code: 'E_BAD_REQUEST',
      message:
        `${method}: ${field} '${name.slice(0, 200)}' is not a dataset of the app ` +
        `(${this.builtins.join(', ')}) or one picked in a dialog; the desktop page cannot name a path`,
    });
  }

  /**
   * The params of an API call from the desktop page, with dataset names checked and resolved. Params of
   * another shape go through unchanged: the API's own schema refuses them with its message.
   */
  check(method: string, params: unknown): unknown {
    if (method === 'training.start' && isRecord(params) && isRecord(params.run)) {
      const dataset = params.run.dataset;
      if (typeof dataset !== 'string') return params;
      return { ...params, run: { ...params.run, dataset: this.resolve(method, 'run.dataset', dataset) } };
    }
    if (method === 'datasets.images' && isRecord(params) && typeof params.dataset === 'string')
      return { ...params, dataset: this.resolve(method, 'dataset', params.dataset) };
    return params;
  }
}
