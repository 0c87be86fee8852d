// Comma-separated values as RFC 4180 writes them: a field holding a comma, a quote or a line break is
// quoted, its quotes doubled; lines end in CRLF. Missing values are empty fields.
export type CsvValue = string | number | null | undefined;

function field(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}

/** A file name from a title: letters, digits, dashes and underscores ("Loss per epoch" → "Loss_per_epoch"). */
export const fileStem = (title: string): string =>
  title
    .trim()
    .replace(/[^\p{L}\p{N}_-]+/gu, '_')
    .replace(/^_+|_+$/g, '') || 'chart';
