// A small seeded PRNG (mulberry32) with the helpers the generators need: every random choice of the
// suite comes from one of these, so a seed replays a case exactly.
export interface Rng {
  next(): number;
  int(min: number, max: number): number;
  bool(p?: number): boolean;
  pick<T>(items: readonly T[]): T;
  subset<T>(items: readonly T[], min?: number, max?: number): T[];
  shuffle<T>(items: readonly T[]): T[];
}

export function rng(seed: number): Rng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const shuffle = <T>(items: readonly T[]): T[] => {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = int(0, i);
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy;
  };
  return {
    next,
    int,
    bool: (p = 0.5) => next() < p,
    pick: (items) => items[int(0, items.length - 1)]!,
    shuffle,
    subset: (items, min = 0, max = items.length) => shuffle(items).slice(0, int(min, Math.min(max, items.length))),
  };
}

/** A seed per case, derived from the suite's seed: case i replays on its own with this number. */
export function caseSeed(base: number, index: number): number {
  let h = (base ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}
