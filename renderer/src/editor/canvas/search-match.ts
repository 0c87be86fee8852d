// Ranks names against what was typed in the quick-add and connect pickers: exact, then prefix, then the
// start of a word inside the name (MaxPooling2D for "pool"), then a substring, then the letters in order
// (GlobalAveragePooling2D for "gap"). Ties keep the given order, so the list reads like the palette.

export interface Candidate {
  readonly id: string;
  readonly label: string;
  /** Shown beside the label and searched too (a layer's type in the connect picker). */
  readonly detail?: string;
}

const wordStarts = (text: string): number[] =>
  [...text].flatMap((c, i) =>
    i === 0 || (/[A-Z0-9]/.test(c) && !/[A-Z0-9]/.test(text[i - 1] ?? '')) || /[_\s-]/.test(text[i - 1] ?? '')
      ? [i]
      : [],
  );

function inOrder(text: string, query: string): boolean {
  let at = 0;
  for (const c of text) if (c === query[at]) at++;
  return at === query.length;
}

/** Lower is better; undefined when the text does not match at all. */
export function matchScore(text: string, query: string): number | undefined {
  const t = text.toLowerCase();
  const q = query.trim().toLowerCase();
  if (q === '' || t === q) return 0;
  if (t.startsWith(q)) return 1;
  if (wordStarts(text).some((i) => t.startsWith(q, i))) return 2;
  if (t.includes(q)) return 3;
  return inOrder(t, q) ? 4 : undefined;
}

export function searchCandidates(candidates: readonly Candidate[], query: string): Candidate[] {
  return candidates
    .map((c, order) => {
      const scores = [matchScore(c.label, query), c.detail ? matchScore(c.detail, query) : undefined];
      const best = Math.min(...scores.map((s) => s ?? Infinity));
      return { c, order, best };
    })
    .filter((r) => r.best !== Infinity)
    .sort((a, b) => a.best - b.best || a.order - b.order)
    .map((r) => r.c);
}
