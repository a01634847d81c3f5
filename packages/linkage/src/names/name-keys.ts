/**
 * Everything the matcher derives from one written name, computed once per distinct spelling.
 */
import { hasArabicScript } from "@athar/core";
import { arabicNameWords } from "./arabic-name";
import { defaultNameDictionary, type NameDictionary } from "./dictionary";
import { buildFuzzyResolver, type FuzzyResolver } from "./fuzzy-resolution";
import { latinNameWords } from "./latin-name";
import { arabicSkeleton, latinSkeleton } from "./skeleton";

export type NameScript = "arabic" | "latin";

export interface NameKeys {
  readonly script: NameScript;
  /** Script-specific comparison form (same-script equality is the `exact` level); "" when nothing is left. */
  readonly normalized: string;
  /** Names of the dictionary this spelling may be (empty when unknown). */
  readonly names: readonly number[];
  /** The spelling is not in the dictionary and was resolved to its nearest name (fuzzy-resolution.ts). */
  readonly resolved: boolean;
  /** Consonant skeleton over the shared alphabet (script independent). */
  readonly skeleton: string;
  /** A coarser skeleton for blocking: S/Z/Sh, K/J, B/F/W merged and H dropped. */
  readonly coarse: string;
  /**
   * Script-independent identity for term frequencies: the dictionary name when the spelling resolves to one,
   * otherwise the skeleton. `Mhd`, `Mohamed` and `محمد` count as one value.
   */
  readonly identity: string;
}

function collapseRepeats(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c !== out.charAt(out.length - 1)) out += c;
  }
  return out;
}

/** Merges the classes that transliteration confuses most (tuned on the translit training set). */
const resolvers = new WeakMap<NameDictionary, FuzzyResolver>();
function resolverFor(dictionary: NameDictionary): FuzzyResolver {
  let resolver = resolvers.get(dictionary);
  if (resolver === undefined) {
    resolver = buildFuzzyResolver(dictionary.entries, dictionary, coarseSkeleton);
    resolvers.set(dictionary, resolver);
  }
  return resolver;
}

export function coarseSkeleton(skeleton: string): string {
  return collapseRepeats(
    skeleton.replace(/[ZC]/g, "S").replace(/J/g, "K").replace(/[FW]/g, "B").replace(/H/g, ""),
  );
}

/**
 * Keys of the first word of a name of several words (`Fatima al-Hasan` → `Fatima`), or undefined for a name
 * of one word: a mother recorded with her family name on one list and without it on another still agrees.
 */
export function headKeys(
  raw: string,
  dictionary: NameDictionary = defaultNameDictionary(),
): NameKeys | undefined {
  const words = hasArabicScript(raw) ? arabicNameWords(raw) : latinNameWords(raw);
  if (words.length < 2) return undefined;
  return nameKeys(words[0] as string, dictionary);
}

export function nameKeys(
  raw: string,
  dictionary: NameDictionary = defaultNameDictionary(),
): NameKeys | undefined {
  const script: NameScript = hasArabicScript(raw) ? "arabic" : "latin";
  const words = script === "arabic" ? arabicNameWords(raw) : latinNameWords(raw);
  const normalized = words.join("");
  if (normalized === "") return undefined;
  let names = script === "arabic" ? dictionary.lookupArabic(normalized) : dictionary.lookupLatin(normalized);
  let resolved = false;
  // Names of several words (a mother's given and family name) are not in the dictionary: no guessing.
  if (names.length === 0 && words.length === 1) {
    const ownSkeleton = script === "arabic" ? arabicSkeleton(normalized) : latinSkeleton(normalized);
    const near = resolverFor(dictionary).resolve(script, normalized, coarseSkeleton(ownSkeleton));
    if (near !== undefined) {
      names = [near];
      resolved = true;
    }
  }
  // A spelling that resolves to one name takes that name's skeleton, so that abbreviations (`Mhd`), unusual
  // spellings and the article (العيسى, عيسى) do not change the blocking key of the name.
  const only = names.length === 1 ? names[0] : undefined;
  const basis = only !== undefined ? dictionary.arabicForm(only) : normalized;
  const consonants = script === "latin" && only === undefined ? latinSkeleton(basis) : arabicSkeleton(basis);
  // A name of vowels only (آية, Aya) has no skeleton; its own spelling stands in, so that it does not share a
  // key with every other such name.
  const skeleton = consonants === "" ? `=${basis}` : consonants;
  const identity = only !== undefined ? `#${only}` : `~${skeleton}`;
  return { script, normalized, names, resolved, skeleton, coarse: coarseSkeleton(skeleton), identity };
}
