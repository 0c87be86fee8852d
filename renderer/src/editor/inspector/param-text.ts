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

export function valueText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}
