/**
 * Arabic script normalisation (domain primer, section 6). One normaliser for the whole product: the linkage
 * engine, registry search boxes and the site search all call this, so that what matches in one place matches
 * in the others.
 */

// Tashkeel U+064B–U+0652, superscript alef U+0670, tatweel U+0640.
const DIACRITICS = /[\u064B-\u0652\u0670\u0640]/g;
// Invisible format characters that text copied from web pages and documents carries inside names: zero-width
// space, non-joiner and joiner, direction marks and embeddings (U+200B–U+200F, U+202A–U+202E, U+2066–U+2069),
// byte order mark. They must not make two spellings of one name differ.
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;
const ALEF_VARIANTS = /[\u0623\u0625\u0622\u0671]/g; // أ إ آ ٱ → ا
const ARABIC_INDIC_DIGITS = /[\u0660-\u0669]/g;
const PERSIAN_DIGITS = /[\u06F0-\u06F9]/g;

/**
 * Folds an Arabic string to its comparison form: no tashkeel, tatweel or invisible marks, one alef, ة → ه, ى → ي, ؤ → و,
 * ئ → ي, Persian look-alikes ک → ك and ی → ي (never the other way), Arabic-Indic and Persian digits to ASCII.
 * Latin text passes through unchanged. Whitespace is collapsed; case is not touched.
 */
export function normalizeArabic(input: string): string {
  return input
    .normalize("NFC")
    .replace(INVISIBLE, "")
    .replace(DIACRITICS, "")
    .replace(ALEF_VARIANTS, "\u0627")
    .replace(/\u0629/g, "\u0647") // ة → ه
    .replace(/\u0649/g, "\u064A") // ى → ي
    .replace(/\u0624/g, "\u0648") // ؤ → و
    .replace(/\u0626/g, "\u064A") // ئ → ي
    .replace(/\u06A9/g, "\u0643") // ک → ك
    .replace(/\u06CC/g, "\u064A") // ی → ي
    .replace(ARABIC_INDIC_DIGITS, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(PERSIAN_DIGITS, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/\s+/g, " ")
    .trim();
}

/** Compound prefixes that join the following word: عبد الرحمن and عبدالرحمن compare equal. */
const ARABIC_COMPOUND_PREFIX =
  /(^|\s)(\u0639\u0628\u062F|\u0627\u0628\u0648|\u0627\u0628\u0646|\u0628\u0646)\s+(?=\u0627\u0644)/g;
const ARABIC_COMPOUND_SUFFIX = /\s+(\u0627\u0644\u062F\u064A\u0646|\u0627\u0644\u0644\u0647)(?=\s|$)/g; // الدين, الله

/** Joins Arabic compounds so that spacing variants compare equal (`عبد الرحمن` → `عبدالرحمن`, `نور الدين` → `نورالدين`). */
export function joinArabicCompounds(normalized: string): string {
  return normalized.replace(ARABIC_COMPOUND_PREFIX, "$1$2").replace(ARABIC_COMPOUND_SUFFIX, "$1");
}

/** Removes Latin diacritics (é → e) and lowercases. */
export function foldLatin(input: string): string {
  return input
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
}

/**
 * The search-box form of any text: Arabic normalised and compounds joined, Latin folded and lowercased,
 * punctuation dropped. Use for "contains" searches; for person matching use the linkage engine's keys.
 */
export function normalizeSearchText(input: string): string {
  const arabic = joinArabicCompounds(normalizeArabic(input));
  return foldLatin(arabic)
    .replace(/[^\p{L}\p{N}\s]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

export const hasArabicScript = (value: string): boolean => /[\u0600-\u06FF\u0750-\u077F]/.test(value);
