// Number formatting for the training UI: durations as m:ss, fractions as percentages, rates.

/** 75 -> "1:15", 3725 -> "1:02:05"; null or non-finite -> "–:––". */
export function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return '–:––';
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** 0.98491 -> "98.49%". */
export function formatPercent(fraction: number | null | undefined, digits = 2): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return '–';
  return `${(fraction * 100).toFixed(digits)}%`;
}

export function formatNumber(value: number | null | undefined, digits = 4): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return Number(value.toPrecision(digits)).toString();
}

/** Samples per second, rounded to a whole number with thousands separators. */
export function formatRate(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '–';
  return Math.round(value).toLocaleString('en-US');
}
