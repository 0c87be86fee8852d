// Fresh node ids for added and pasted layers: readable (dense_3) and never colliding with existing ones.
import { snakeCase } from '../../../engine';

export function freshNodeId(type: string, taken: ReadonlySet<string>): string {
  const base = snakeCase(type) || 'layer';
  for (let n = 1; ; n++) {
    const id = `${base}_${n}`;
    if (!taken.has(id)) return id;
  }
}
