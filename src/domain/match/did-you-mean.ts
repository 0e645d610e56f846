// "did you mean 'stream'?" for typos in field names and enum values: the closest candidate by edit
// distance, if it is close enough to be a plausible typo rather than a different word.

export function didYouMean(input: string, candidates: readonly string[]): string | undefined {
  const lower = input.toLowerCase();
  // An edit distance is at least the difference in length: far longer than every candidate (a fuzzed
  // key of 200,000 characters), no candidate can be within its third, and no matrix is worth building.
  if (candidates.every((c) => lower.length - c.length > Math.floor(lower.length / 3))) return undefined;
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    // Nor can a candidate whose length alone differs by more than the best distance so far beat it.
    if (best && Math.abs(lower.length - candidate.length) >= best.distance) continue;
    const distance = editDistance(lower, candidate.toLowerCase());
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  if (!best) return undefined;
  // A third of the longer word, at least one edit: "strem"→"stream" yes, "foo"→"region" no.
  const allowed = Math.max(1, Math.floor(Math.max(input.length, best.candidate.length) / 3));
  return best.distance <= allowed ? best.candidate : undefined;
}

/** Damerau-Levenshtein (optimal string alignment): a swapped pair of letters counts as one edit. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, d[i - 2]![j - 2]! + 1);
      d[i]![j] = value;
    }
  }
  return d[a.length]![b.length]!;
}
