/**
 * String similarity measures used by the fuzzy comparison levels. Both work on UTF-16 code units, which is
 * exact for Arabic and Latin names (no characters outside the Basic Multilingual Plane occur in names).
 */

/**
 * Jaro similarity (Jaro 1989): with m matching characters (equal and at most ⌊max(|a|,|b|)/2⌋−1 apart) and t
 * half the number of matched characters out of order, (m/|a| + m/|b| + (m−t)/m) / 3; 0 when m = 0.
 */
export function jaro(a: string, b: string): number {
  if (a === b) return 1;
  const lengthA = a.length;
  const lengthB = b.length;
  if (lengthA === 0 || lengthB === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(lengthA, lengthB) / 2) - 1);
  // Bit masks of matched positions: names are short, so one 32-bit word usually suffices; fall back to arrays.
  if (lengthA <= 32 && lengthB <= 32) {
    let matchedA = 0;
    let matchedB = 0;
    let matches = 0;
    for (let i = 0; i < lengthA; i++) {
      const from = Math.max(0, i - window);
      const to = Math.min(lengthB - 1, i + window);
      const code = a.charCodeAt(i);
      for (let j = from; j <= to; j++) {
        if ((matchedB & (1 << j)) === 0 && b.charCodeAt(j) === code) {
          matchedA |= 1 << i;
          matchedB |= 1 << j;
          matches++;
          break;
        }
      }
    }
    if (matches === 0) return 0;
    let transpositions = 0;
    let j = 0;
    for (let i = 0; i < lengthA; i++) {
      if ((matchedA & (1 << i)) === 0) continue;
      while ((matchedB & (1 << j)) === 0) j++;
      if (a.charCodeAt(i) !== b.charCodeAt(j)) transpositions++;
      j++;
    }
    return (matches / lengthA + matches / lengthB + (matches - transpositions / 2) / matches) / 3;
  }
  const matchedA = new Uint8Array(lengthA);
  const matchedB = new Uint8Array(lengthB);
  let matches = 0;
  for (let i = 0; i < lengthA; i++) {
    const from = Math.max(0, i - window);
    const to = Math.min(lengthB - 1, i + window);
    for (let j = from; j <= to; j++) {
      if (matchedB[j] === 0 && a.charCodeAt(i) === b.charCodeAt(j)) {
        matchedA[i] = 1;
        matchedB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let j = 0;
  for (let i = 0; i < lengthA; i++) {
    if (matchedA[i] === 0) continue;
    while (matchedB[j] === 0) j++;
    if (a.charCodeAt(i) !== b.charCodeAt(j)) transpositions++;
    j++;
  }
  return (matches / lengthA + matches / lengthB + (matches - transpositions / 2) / matches) / 3;
}

/**
 * Jaro–Winkler similarity (Winkler 1990): jaro + ℓ·p·(1 − jaro), with ℓ the common prefix length capped at 4
 * and p = 0.1, so agreement at the start of a name (where typists err least) counts more.
 */
export function jaroWinkler(a: string, b: string, prefixScale = 0.1): number {
  const j = jaro(a, b);
  let prefix = 0;
  const limit = Math.min(4, a.length, b.length);
  while (prefix < limit && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return j + prefix * prefixScale * (1 - j);
}

// Scratch table for commonCharacters (one thread runs one comparison at a time).
const scratch = new Int32Array(128);

/**
 * Size of the multiset intersection of the two strings' characters (characters folded modulo 128, which can
 * only overcount): an upper bound on Jaro's matching characters and max(|a|,|b|) minus it a lower bound on
 * the edit distance, computed in O(|a| + |b|).
 */
export function commonCharacters(a: string, b: string): number {
  for (let i = 0; i < a.length; i++) {
    const c = a.charCodeAt(i) & 127;
    scratch[c] = (scratch[c] as number) + 1;
  }
  let common = 0;
  for (let j = 0; j < b.length; j++) {
    const c = b.charCodeAt(j) & 127;
    const left = scratch[c] as number;
    if (left > 0) {
      scratch[c] = left - 1;
      common++;
    }
  }
  for (let i = 0; i < a.length; i++) scratch[a.charCodeAt(i) & 127] = 0;
  return common;
}

/**
 * Jaro–Winkler when it can reach `minimum`, else 0: a cheap bound (common characters and common prefix)
 * rejects most pairs of unrelated values before the quadratic part runs.
 */
export function jaroWinklerAtLeast(a: string, b: string, minimum: number, prefixScale = 0.1): number {
  if (a === b) return 1;
  const lengthA = a.length;
  const lengthB = b.length;
  if (lengthA === 0 || lengthB === 0) return 0;
  const common = commonCharacters(a, b);
  const jaroBound = (common / lengthA + common / lengthB + 1) / 3;
  let prefix = 0;
  const limit = Math.min(4, lengthA, lengthB);
  while (prefix < limit && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  if (jaroBound + prefix * prefixScale * (1 - jaroBound) < minimum) return 0;
  const j = jaro(a, b);
  return j + prefix * prefixScale * (1 - j);
}

/**
 * Levenshtein distance (insertions, deletions, substitutions, each cost 1), with an upper bound: returns
 * `limit + 1` as soon as the distance must exceed `limit`, which keeps identifier comparisons O(n·limit).
 */
export function levenshtein(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  let lengthA = a.length;
  let lengthB = b.length;
  if (Math.abs(lengthA - lengthB) > limit) return limit + 1;
  if (lengthA === 0) return lengthB;
  if (limit < Math.max(lengthA, lengthB) - commonCharacters(a, b)) return limit + 1;
  if (lengthA <= 32) {
    const distance = myersDistance(a, b);
    return distance > limit ? limit + 1 : distance;
  }
  if (lengthB === 0) return lengthA;
  // Common prefix and suffix do not change the distance.
  let start = 0;
  while (start < lengthA && start < lengthB && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  while (lengthA > start && lengthB > start && a.charCodeAt(lengthA - 1) === b.charCodeAt(lengthB - 1)) {
    lengthA--;
    lengthB--;
  }
  const n = lengthA - start;
  const m = lengthB - start;
  if (n === 0) return m;
  if (m === 0) return n;
  let previous = new Array<number>(m + 1);
  let current = new Array<number>(m + 1);
  for (let j = 0; j <= m; j++) previous[j] = j;
  for (let i = 1; i <= n; i++) {
    current[0] = i;
    let rowMin = i;
    const code = a.charCodeAt(start + i - 1);
    for (let j = 1; j <= m; j++) {
      const substitution = (previous[j - 1] as number) + (code === b.charCodeAt(start + j - 1) ? 0 : 1);
      const deletion = (previous[j] as number) + 1;
      const insertion = (current[j - 1] as number) + 1;
      const value = Math.min(substitution, deletion, insertion);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    const swap = previous;
    previous = current;
    current = swap;
  }
  const distance = previous[m] as number;
  return distance > limit ? limit + 1 : distance;
}

// Bit masks of the positions of each character in the pattern (Myers); reset after every use.
const positions = new Int32Array(65536);

/**
 * Edit distance by Myers' bit-parallel algorithm (Myers 1999, "A fast bit-vector algorithm for approximate
 * string matching based on dynamic programming", J. ACM 46:395–415; global form after Hyyrö 2001), for a
 * pattern a of at most 32 characters: one pass over b with 32-bit words.
 */
export function myersDistance(a: string, b: string): number {
  const m = a.length;
  if (m === 0) return b.length;
  for (let i = 0; i < m; i++) {
    const c = a.charCodeAt(i);
    positions[c] = (positions[c] as number) | (1 << i);
  }
  const high = 1 << (m - 1);
  let pv = -1;
  let mv = 0;
  let score = m;
  for (let j = 0; j < b.length; j++) {
    const eq = positions[b.charCodeAt(j)] as number;
    const xv = eq | mv;
    const xh = ((((eq & pv) >>> 0) + (pv >>> 0)) ^ pv) | eq;
    let ph = mv | ~(xh | pv);
    let mh = pv & xh;
    if ((ph & high) !== 0) score++;
    else if ((mh & high) !== 0) score--;
    ph = (ph << 1) | 1;
    mh = mh << 1;
    pv = mh | ~(xv | ph);
    mv = ph & xv;
  }
  for (let i = 0; i < m; i++) positions[a.charCodeAt(i)] = 0;
  return score;
}

/** True when b is a with two adjacent characters swapped (a common keying error in numbers). */
export function isAdjacentTransposition(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  let first = -1;
  for (let i = 0; i < a.length; i++) {
    if (a.charCodeAt(i) !== b.charCodeAt(i)) {
      first = i;
      break;
    }
  }
  if (first < 0 || first + 1 >= a.length) return false;
  if (a.charCodeAt(first) !== b.charCodeAt(first + 1) || a.charCodeAt(first + 1) !== b.charCodeAt(first))
    return false;
  return a.slice(first + 2) === b.slice(first + 2);
}
