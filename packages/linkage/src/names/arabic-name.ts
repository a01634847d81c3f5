/**
 * Comparison form of a name written in Arabic script. The letter-level rules (hamza seats, taa marbuta, alef
 * maqsura, tashkeel, Persian look-alikes, digits) are the shared ones from `@athar/core`; this file only adds
 * what is particular to a name field: punctuation out, the particles `ابو`, `ابن`/`بن` and `عبد` joined to
 * the noun that follows them, and the tokens joined without spaces, as the Latin form is.
 */
import { joinArabicCompounds, normalizeArabic } from "@athar/core";

// Anything that is not an Arabic letter (punctuation such as ، and ـ, Latin, digits) separates tokens.
const NON_ARABIC_LETTER = /[^\u0621-\u063A\u0641-\u064A\u0671-\u06D3]+/g;
const JOINING_PARTICLES = new Set([
  "\u0639\u0628\u062F",
  "\u0627\u0628\u0648",
  "\u0627\u0628\u0646",
  "\u0628\u0646",
  "\u0628\u0646\u062A",
]); // عبد ابو ابن بن بنت

export function arabicTokens(raw: string): string[] {
  return joinArabicCompounds(normalizeArabic(raw))
    .replace(NON_ARABIC_LETTER, " ")
    .trim()
    .split(" ")
    .filter((token) => token.length > 0);
}

/** The words of a name with particles joined to their nouns: `أبو بكر الصديق` → [`ابوبكر`, `الصديق`]. */
export function arabicNameWords(raw: string): string[] {
  const tokens = arabicTokens(raw);
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    const next = tokens[i + 1];
    if (next !== undefined && JOINING_PARTICLES.has(token)) {
      out.push(token + next);
      i++;
      continue;
    }
    out.push(token);
  }
  return out;
}

/** `عَبْد الرَّحْمٰن` → `عبدالرحمن`; `أبو بكر` → `ابوبكر`; `نور الدين` → `نورالدين`. */
export function normalizeArabicName(raw: string): string {
  return arabicNameWords(raw).join("");
}

/** The definite article at the start of a (family) name, which registers keep or drop at will. */
export const ARABIC_ARTICLE = "\u0627\u0644"; // ال

// Names whose first two letters are ال but no article (normalised forms): الياس, اليسار, اليسا, الهام, الفت.
const ARTICLE_LIKE_NAMES = new Set([
  "\u0627\u0644\u064A\u0627\u0633",
  "\u0627\u0644\u064A\u0633\u0627\u0631",
  "\u0627\u0644\u064A\u0633\u0627",
  "\u0627\u0644\u0647\u0627\u0645",
  "\u0627\u0644\u0641\u062A",
]);

/**
 * The name without its article (`الحسن` → `حسن`, `الأتاسي` → `اتاسي`), so that registers that keep it and
 * registers that drop it agree. Names in which ال is not an article (الياس, الهام) keep it.
 */
export function stripArabicArticle(normalized: string): string {
  if (!normalized.startsWith(ARABIC_ARTICLE) || normalized.length < 5 || ARTICLE_LIKE_NAMES.has(normalized)) {
    return normalized;
  }
  return normalized.slice(2);
}
