/**
 * Resolves a written name to the names it may be. An Arabic spelling resolves to at most one name (after
 * normalisation, with or without the article); a Latin spelling may resolve to several (`Hassan` is written
 * for both حسن and حسان). Two spellings are the same name when their sets meet, and certainly different names
 * when both resolve and the sets do not meet: that is what keeps the brothers Hasan and Hussein apart,
 * although their consonant skeletons are equal.
 */
import { normalizeArabicName, stripArabicArticle } from "./arabic-name";
import { normalizeLatinName } from "./latin-name";
import { NAME_LIST, type NameListEntry } from "./name-list";

export interface NameDictionary {
  /** Name ids for a normalised Arabic name (0 or 1 ids). */
  lookupArabic(normalized: string): readonly number[];
  /** Name ids for a normalised Latin name. */
  lookupLatin(normalized: string): readonly number[];
  /** The normalised Arabic form of a name id. */
  arabicForm(id: number): string;
  readonly size: number;
  /** The list the dictionary was built from. */
  readonly entries: readonly NameListEntry[];
}

const NONE: readonly number[] = Object.freeze([]);
/** The article-less form under which an Arabic name is filed: الحسن and حسن are one name. */
export const arabicNameStem = stripArabicArticle;

export function buildNameDictionary(entries: readonly NameListEntry[]): NameDictionary {
  const idByStem = new Map<string, number>();
  const forms: string[] = [];
  const latin = new Map<string, number[]>();
  for (const entry of entries) {
    const stem = arabicNameStem(normalizeArabicName(entry.arabic));
    let id = idByStem.get(stem);
    if (id === undefined) {
      id = forms.length;
      idByStem.set(stem, id);
      forms.push(stem);
    }
    for (const spelling of entry.latin) {
      const key = normalizeLatinName(spelling);
      if (key === "") continue;
      const ids = latin.get(key);
      if (ids === undefined) latin.set(key, [id]);
      else if (!ids.includes(id)) ids.push(id);
    }
  }
  const arabicIds = new Map<string, readonly number[]>();
  for (const [stem, id] of idByStem) arabicIds.set(stem, Object.freeze([id]));
  return {
    lookupArabic: (normalized) => arabicIds.get(arabicNameStem(normalized)) ?? NONE,
    lookupLatin: (normalized) => latin.get(normalized) ?? NONE,
    arabicForm: (id) => forms[id] ?? "",
    size: forms.length,
    entries,
  };
}

let defaultDictionary: NameDictionary | undefined;

/** The dictionary built from the bundled name list (built once, on first use). */
export function defaultNameDictionary(): NameDictionary {
  defaultDictionary ??= buildNameDictionary(NAME_LIST);
  return defaultDictionary;
}

/** True when the two id sets share a name. */
export function sameName(a: readonly number[], b: readonly number[]): boolean {
  for (const x of a) if (b.includes(x)) return true;
  return false;
}
