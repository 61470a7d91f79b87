/** A small seeded generator (mulberry32): the same seed gives the same sequence of [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** `items` in an order that depends only on `seed`: stable across reloads, different per card. */
export function shuffled<T>(items: readonly T[], seed: string): T[] {
  const random = seededRandom(hash(seed));
  const result = [...items];
  for (let i = result.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [result[i], result[j]] = [result[j] as T, result[i] as T];
  }
  return result;
}

/**
 * Like `shuffled`, but never returns the original order when there are two or more items, and
 * never leaves the first item first (an order question that starts with step 1 in place gives
 * away half of it).
 */
export function scrambled<T>(items: readonly T[], seed: string): T[] {
  if (items.length < 2) return [...items];
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const result = shuffled(items, `${seed}#${attempt}`);
    if (result[0] !== items[0]) return result;
  }
  return [...items.slice(1), items[0] as T];
}
