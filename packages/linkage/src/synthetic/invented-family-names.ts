/**
 * Invented family names built from Arabic root patterns: three consonants poured into a word pattern
 * (fa``āl → Haddad-like, faʿlān → Hamdan-like, nisba -ī → Halabi-like). They look and behave like Syrian
 * family names (Arabic spelling, a plausible Latin romanisation, the article or not) without being anyone's
 * name in particular: the generator needs thousands of family names, and a list of real ones is not ours to
 * use.
 */
import type { Random } from "@athar/core";
import { chance, WeightedChoice } from "./weighted";

/** Root consonants with their usual romanisation and a rough frequency. */
const CONSONANTS: readonly (readonly [string, string, number])[] = [
  ["ب", "b", 4],
  ["ت", "t", 2],
  ["ث", "th", 1],
  ["ج", "j", 3],
  ["ح", "h", 5],
  ["خ", "kh", 3],
  ["د", "d", 4],
  ["ر", "r", 6],
  ["ز", "z", 3],
  ["س", "s", 5],
  ["ش", "sh", 3],
  ["ص", "s", 2],
  ["ط", "t", 2],
  ["ع", "", 4],
  ["غ", "gh", 1],
  ["ف", "f", 3],
  ["ق", "q", 3],
  ["ك", "k", 3],
  ["ل", "l", 5],
  ["م", "m", 5],
  ["ن", "n", 5],
  ["ه", "h", 1],
  ["و", "w", 1],
];

export interface InventedName {
  readonly arabic: string;
  readonly latin: string;
}

type Letter = readonly [string, string, number];

/** Word patterns: Arabic letters and Latin letters from the three root consonants. */
const PATTERNS: readonly ((c: readonly [Letter, Letter, Letter]) => InventedName)[] = [
  // faʿʿāl (trade names): حداد Haddad
  ([a, b, c]) => ({ arabic: `${a[0]}${b[0]}ا${c[0]}`, latin: `${a[1]}a${b[1]}${b[1]}a${c[1]}` }),
  // faʿlān: حمدان Hamdan
  ([a, b, c]) => ({ arabic: `${a[0]}${b[0]}${c[0]}ان`, latin: `${a[1]}a${b[1]}${c[1]}an` }),
  // faʿīl: كريم Karim
  ([a, b, c]) => ({ arabic: `${a[0]}${b[0]}ي${c[0]}`, latin: `${a[1]}a${b[1]}i${c[1]}` }),
  // fāʿil: كامل Kamel
  ([a, b, c]) => ({ arabic: `${a[0]}ا${b[0]}${c[0]}`, latin: `${a[1]}a${b[1]}e${c[1]}` }),
  // nisba faʿlī: حلبي Halabi
  ([a, b, c]) => ({ arabic: `${a[0]}${b[0]}${c[0]}ي`, latin: `${a[1]}a${b[1]}a${c[1]}i` }),
  // fuʿūl: حمود Hammoud-like
  ([a, b, c]) => ({ arabic: `${a[0]}${b[0]}و${c[0]}`, latin: `${a[1]}a${b[1]}${b[1]}ou${c[1]}` }),
  // faʿlāwī: حمداوي
  ([a, b, c]) => ({ arabic: `${a[0]}${b[0]}${c[0]}اوي`, latin: `${a[1]}a${b[1]}${c[1]}awi` }),
];

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** `count` distinct invented family names (Arabic with or without the article, and a Latin spelling). */
export function inventFamilyNames(count: number, random: Random): InventedName[] {
  const letters = new WeightedChoice(
    CONSONANTS,
    CONSONANTS.map((c) => c[2]),
  );
  const seen = new Set<string>();
  const names: InventedName[] = [];
  let attempts = 0;
  while (names.length < count && attempts < count * 50) {
    attempts++;
    const root: [Letter, Letter, Letter] = [letters.pick(random), letters.pick(random), letters.pick(random)];
    // Roots do not repeat their first two consonants (no ح ح ...), and ع does not open a Latin name well.
    if (root[0][0] === root[1][0] || root[1][0] === root[2][0]) continue;
    const pattern = PATTERNS[Math.floor(random.next() * PATTERNS.length)];
    if (pattern === undefined) continue;
    const base = pattern(root);
    if (base.latin.length < 4 || seen.has(base.arabic)) continue;
    seen.add(base.arabic);
    const latin = base.latin.replace(/^a(?=[aeiou])/, "a").replace(/(.)\1\1/g, "$1$1");
    const withArticle = chance(random, 0.35);
    names.push({
      arabic: withArticle ? `ال${base.arabic}` : base.arabic,
      latin: withArticle ? `al-${capitalise(latin)}` : capitalise(latin),
    });
  }
  return names;
}
