// Python source fragments from TypeScript values: literals (strings, numbers, tuples, dicts) and safe
// identifiers, so generated scripts never break on a user's layer name or model name.

/** A Python literal for plain JSON-like data; arrays become tuples when `tuples` is set (shapes, sizes). */
export function pyLiteral(value: unknown, tuples = false): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return pyNumber(value);
  // JSON string escapes (\n, \", \uXXXX) are all valid in Python string literals.
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) {
    const items = value.map((v) => pyLiteral(v, tuples));
    if (!tuples) return `[${items.join(', ')}]`;
    return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).map(
      ([k, v]) => `${JSON.stringify(k)}: ${pyLiteral(v, tuples)}`,
    );
    return `{${entries.join(', ')}}`;
  }
  throw new TypeError(`no Python literal for a ${typeof value}`);
}

/** Integers stay integers; other numbers keep their shortest round-trip form (1e-7, 0.001). */
export function pyNumber(n: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? "float('nan')" : n > 0 ? "float('inf')" : "float('-inf')";
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  const text = String(n);
  return /[.e]/.test(text) ? text : `${text}.0`;
}

/** A tuple of numbers: (3, 3). */
export const pyTuple = (values: readonly number[]): string => pyLiteral([...values], true);

// Python keywords and builtins a layer name could shadow in generated code.
const RESERVED = new Set(
  (
    'False None True and as assert async await break class continue def del elif else except finally for ' +
    'from global if import in is lambda nonlocal not or pass raise return try while with yield ' +
    'self x F nn torch np keras layers math json'
  ).split(' '),
);

/**
 * Turns names like `conv2d_1` or `my.layer-2` into unique Python identifiers; `taken` holds names in
 * use (including any the caller reserves, e.g. nn.Module members) and is updated.
 */
export function pyIdentifier(name: string, taken: Set<string>): string {
  let base = name.replace(/[^A-Za-z0-9_]/g, '_');
  if (base === '' || /^[0-9_]/.test(base)) base = `layer_${base}`;
  if (RESERVED.has(base)) base = `${base}_layer`;
  let candidate = base;
  for (let i = 1; taken.has(candidate); i++) candidate = `${base}_${i}`;
  taken.add(candidate);
  return candidate;
}

/** Indents every non-empty line of `text` by `spaces`. */
export function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return text
    .split('\n')
    .map((line) => (line === '' ? line : pad + line))
    .join('\n');
}
