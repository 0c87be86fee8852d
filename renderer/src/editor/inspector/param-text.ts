// Text ⇄ value for the inspector's text fields. Anything that does not parse is kept as typed, so the
// engine reports it with its own message ("units must be a whole number...") instead of it vanishing.
export function parseNumberText(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : trimmed;
}

/** "28, 28, 1" or "(28, 28, 1)" → [28, 28, 1]. */
export function parseListText(text: string): unknown {
  const inner = text.trim().replace(/^[([]|[)\]]$/g, '');
  if (inner.trim() === '') return undefined;
  const parts = inner.split(/[\s,×x]+/).filter((p) => p !== '');
  const values = parts.map((p) => Number(p));
  return values.every((v) => Number.isFinite(v)) ? values : text.trim();
}

/**
 * Amounts for an image's sides: "1" → 1, "1, 2" → [1, 2] (height, width), "(1, 2), (3, 4)" or
 * "1, 2, 3, 4" → [[1, 2], [3, 4]] (top, bottom), (left, right); anything else stays as typed.
 */
export function parseSidesText(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const parts = trimmed
    .replace(/[()[\]]/g, ' ')
    .split(/[\s,×x]+/)
    .filter((p) => p !== '');
  const values = parts.map((p) => Number(p));
  if (!values.every((v) => Number.isFinite(v))) return trimmed;
  const [a, b, c, d] = values;
  if (values.length === 1) return a;
  if (values.length === 2) return [a, b];
  if (values.length === 4)
    return [
      [a, b],
      [c, d],
    ];
  return trimmed;
}

/** [[1, 2], [3, 4]] → "(1, 2), (3, 4)"; other values as valueText writes them. */
export function sidesText(value: unknown): string {
  if (Array.isArray(value) && value.every((v) => Array.isArray(v)))
    return value.map((v: unknown[]) => `(${v.join(', ')})`).join(', ');
  return valueText(value);
}

export function valueText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

/** "l2=0.001" or "l1=0.01, l2=0.001" → {l1, l2}; "l1", "l2", "l1_l2" pass through; empty → none. */
export function parseRegularizerText(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === 'none') return null;
  if (/^l1(_l2)?$|^l2$/.test(trimmed)) return trimmed;
  const factors = trimmed.split(/\s*,\s*/).map((part) => /^(l1|l2)\s*=\s*(\S+)$/.exec(part));
  if (factors.some((m) => m === null)) return trimmed;
  const entries = factors.map((m) => [m?.[1], Number(m?.[2])] as const);
  return entries.every(([, v]) => Number.isFinite(v)) ? Object.fromEntries(entries) : trimmed;
}

/** {l1: 0, l2: 0.001} → "l2=0.001"; none → "". */
export function regularizerText(value: unknown): string {
  if (typeof value !== 'object' || value === null) return typeof value === 'string' ? value : '';
  return Object.entries(value)
    .filter(([, v]) => v !== 0)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(', ');
}
