// Keras-style layer names: explicit ones are kept (and must be unique); others are generated from the
// type like Keras does (Conv2D -> conv2d, conv2d_1, ...), skipping names already taken.
import { messageIssue, type Issue } from './issues';

/** Keras' to_snake_case: Conv2D -> conv2d, MaxPooling2D -> max_pooling2d. */
export function snakeCase(type: string): string {
  return type
    .replace(/\W+/g, '')
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

const VALID_NAME = /^[\w.-]{1,100}$/;

export function assignLayerNames(nodes: readonly { id: string; type: string; name?: unknown }[]): {
  names: Map<string, string>;
  issues: Issue[];
} {
  const names = new Map<string, string>();
  const issues: Issue[] = [];
  const taken = new Map<string, string>();
  for (const node of nodes) {
    if (node.name === undefined) continue;
    if (typeof node.name !== 'string' || !VALID_NAME.test(node.name)) {
      issues.push(messageIssue('E_SCHEMA', 'name.invalid', {}, { nodeId: node.id, field: 'name' }));
      continue;
    }
    const owner = taken.get(node.name);
    if (owner !== undefined) {
      issues.push(
        messageIssue(
          'E_DUPLICATE_NAME',
          'name.duplicate',
          { name: node.name },
          { nodeId: node.id, field: 'name' },
        ),
      );
      continue;
    }
    taken.set(node.name, node.id);
    names.set(node.id, node.name);
  }
  const counters = new Map<string, number>();
  for (const node of nodes) {
    if (names.has(node.id)) continue;
    const base = snakeCase(node.type) || 'layer';
    let count = counters.get(base) ?? 0;
    let name = count === 0 ? base : `${base}_${count}`;
    while (taken.has(name)) name = `${base}_${++count}`;
    counters.set(base, count + 1);
    taken.set(name, node.id);
    names.set(node.id, name);
  }
  return { names, issues };
}
