/**
 * Resolving a spelling the dictionary does not list (`Rane`, `Nedia`, a typo such as `هته`) to the one
 * dictionary name it is closest to. A wrong resolution would make two spellings of one rare name look like
 * two different names, so the bar is high and ties stay unresolved:
 * - Latin: candidates share the coarse skeleton or are one typing error away; the best Jaro–Winkler
 *   similarity to a listed spelling must reach MIN_SIMILARITY and beat every other name by MARGIN;
 * - Arabic (short words, where Jaro–Winkler says little): exactly one name within one edit (a letter
 *   wrong, missing, extra, or two letters exchanged), for words of at least three letters;
 * - in both scripts the candidate must begin with the same letter.
 * Candidates one edit away are found with a symmetric-deletion index (every form with one letter deleted).
 */

import { isAdjacentTransposition, jaroWinkler, levenshtein } from "../similarity";
import { normalizeArabicName } from "./arabic-name";
import type { NameDictionary } from "./dictionary";
import { normalizeLatinName } from "./latin-name";
import type { NameListEntry } from "./name-list";
import { latinSkeleton } from "./skeleton";

const MIN_SIMILARITY = 0.87;
const MARGIN = 0.06;

interface Candidate {
  readonly id: number;
  readonly spelling: string;
}

export interface FuzzyResolver {
  resolve(script: "arabic" | "latin", normalized: string, coarse: string): number | undefined;
}

/** The word and every form of it with one letter deleted. */
function deletions(word: string): string[] {
  const out = [word];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

export function buildFuzzyResolver(
  entries: readonly NameListEntry[],
  dictionary: NameDictionary,
  coarseOf: (skeleton: string) => string,
): FuzzyResolver {
  const latinByCoarse = new Map<string, Candidate[]>();
  const latinByDeletion = new Map<string, Candidate[]>();
  const arabicByDeletion = new Map<string, Candidate[]>();
  const add = (index: Map<string, Candidate[]>, key: string, candidate: Candidate) => {
    const list = index.get(key);
    if (list === undefined) index.set(key, [candidate]);
    else if (!list.some((c) => c.id === candidate.id && c.spelling === candidate.spelling))
      list.push(candidate);
  };
  for (const entry of entries) {
    const normalized = normalizeArabicName(entry.arabic);
    const id = dictionary.lookupArabic(normalized)[0];
    if (id === undefined) continue;
    for (const key of deletions(normalized)) add(arabicByDeletion, key, { id, spelling: normalized });
    for (const spelling of entry.latin) {
      const form = normalizeLatinName(spelling);
      if (form === "") continue;
      add(latinByCoarse, coarseOf(latinSkeleton(form)), { id, spelling: form });
      for (const key of deletions(form)) add(latinByDeletion, key, { id, spelling: form });
    }
  }
  const withinOneEdit = (a: string, b: string) => levenshtein(a, b, 1) <= 1 || isAdjacentTransposition(a, b);
  const nearby = (index: Map<string, Candidate[]>, word: string): Candidate[] => {
    const found: Candidate[] = [];
    for (const key of deletions(word)) {
      for (const candidate of index.get(key) ?? []) {
        if (withinOneEdit(word, candidate.spelling)) found.push(candidate);
      }
    }
    return found;
  };
  return {
    resolve(script, normalized, coarse) {
      // The first letter is the one people get right (and the one that makes Rassam another name than
      // Bassam): candidates must share it.
      const initial = normalized.charAt(0);
      if (script === "arabic") {
        if (normalized.length < 3) return undefined;
        const ids = new Set(
          nearby(arabicByDeletion, normalized)
            .filter((candidate) => candidate.spelling.charAt(0) === initial)
            .map((candidate) => candidate.id),
        );
        return ids.size === 1 ? ids.values().next().value : undefined;
      }
      const candidates = [
        ...(latinByCoarse.get(coarse) ?? []),
        ...nearby(latinByDeletion, normalized),
      ].filter((candidate) => candidate.spelling.charAt(0) === initial);
      if (candidates.length === 0) return undefined;
      const best = new Map<number, number>();
      for (const candidate of candidates) {
        const similarity = jaroWinkler(normalized, candidate.spelling);
        if (similarity > (best.get(candidate.id) ?? 0)) best.set(candidate.id, similarity);
      }
      let first: number | undefined;
      let firstScore = 0;
      let secondScore = 0;
      for (const [id, score] of best) {
        if (score > firstScore) {
          secondScore = firstScore;
          firstScore = score;
          first = id;
        } else if (score > secondScore) {
          secondScore = score;
        }
      }
      return firstScore >= MIN_SIMILARITY && firstScore - secondScore >= MARGIN ? first : undefined;
    },
  };
}
