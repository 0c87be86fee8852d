// JSON.stringify(value, null, 2), except that the values of some keys are written on one line: a run's
// thousands of curve points would otherwise take a line per number.
export function prettyJson(value: unknown, inlineKeys: ReadonlySet<string>, indent = ''): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const inner = `${indent}  `;
    // Array.from visits holes too (as undefined, written null, as JSON.stringify does); map skips them.
    const items = Array.from(value, (item: unknown) => inner + prettyJson(item, inlineKeys, inner));
    return `[\n${items.join(',\n')}\n${indent}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const inner = `${indent}  `;
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined && typeof v !== 'function')
      .map(([k, v]) => {
        const text = inlineKeys.has(k) ? JSON.stringify(v) : prettyJson(v, inlineKeys, inner);
        return `${inner}${JSON.stringify(k)}: ${text}`;
      });
    return entries.length === 0 ? '{}' : `{\n${entries.join(',\n')}\n${indent}}`;
  }
  // undefined, functions and symbols in an array are written null, as JSON.stringify does.
  return JSON.stringify(value) ?? 'null';
}
