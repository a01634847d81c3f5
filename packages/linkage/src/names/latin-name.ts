/**
 * Comparison form of a name written in Latin letters. Arabic names reach Latin script through many
 * conventions (English, French, ad hoc), so the same compound appears as `Abd al-Rahman`, `Abdul Rahman`,
 * `Abdelrahman` or `Abdurrahman`. This form folds case and accents, drops punctuation, and rewrites the
 * particles (`Abd`, `Abu`, `bin`/`ibn`, the article `al-`/`el-`, the `-din` and `-allah` compounds) into one
 * spelling each, then joins the tokens without spaces, so that spacing and hyphenation never decide a match.
 * Vowels are kept: they are removed only by the skeleton (skeleton.ts), a weaker comparison level.
 */
import { foldLatin } from "@athar/core";

// Letters that Unicode does not decompose into a base letter and a mark.
const EXTRA_LETTERS: Readonly<Record<string, string>> = {
  ø: "o",
  ł: "l",
  đ: "d",
  ð: "d",
  æ: "ae",
  œ: "oe",
  ß: "ss",
  ı: "i",
  þ: "th",
};
const EXTRA_LETTER_PATTERN = /[øłđðæœßıþ]/g;
// Apostrophes and transliteration marks for ʿayn and hamza: dropped, since most spellings omit them.
const APOSTROPHES = /['’‘ʿʾ`´ʻʼ]/g;

const ARTICLES = new Set(["al", "el", "il", "ul"]);
/** Sun-letter forms of the article (`ar-Rashid`, `as-Sayyid`, `ad-Din`): articles only before that letter. */
const SUN_ARTICLES = new Set([
  "ar",
  "as",
  "ash",
  "at",
  "ad",
  "az",
  "an",
  "ath",
  "adh",
  "ed",
  "er",
  "es",
  "ez",
  "en",
  "et",
]);
const ABD_TOKEN = /^ab[dt](?:[aeiou]{1,2}[lrsntdz]?)?$/;
const ABU_TOKEN = new Set(["abu", "abou", "abo", "abul", "abol", "aboul"]);
const BIN_TOKEN = new Set(["bin", "ibn", "ben", "bn", "bint", "bent", "ibnat"]);
const DIN_TOKEN = new Set([
  "din",
  "deen",
  "dine",
  "eddin",
  "eddine",
  "uddin",
  "addin",
  "iddin",
  "eddeen",
  "uddeen",
]);
const ALLAH_TOKEN = new Set(["allah", "ullah", "alla", "ulla", "illah", "allh"]);

/** Folds case and accents and maps special Latin letters: `Muḥammad` → `muhammad`, `Øster` → `oster`. */
export function foldLatinName(raw: string): string {
  return foldLatin(raw)
    .replace(EXTRA_LETTER_PATTERN, (letter) => EXTRA_LETTERS[letter] ?? letter)
    .replace(APOSTROPHES, "");
}

/** Splits into lowercase letter tokens; everything that is not a Latin letter separates tokens. */
export function latinTokens(raw: string): string[] {
  return foldLatinName(raw)
    .replace(/[^a-z]+/g, " ")
    .trim()
    .split(" ")
    .filter((token) => token.length > 0);
}

const isArticle = (token: string, next: string | undefined): boolean => {
  if (next === undefined) return false;
  if (ARTICLES.has(token)) return true;
  if (!SUN_ARTICLES.has(token)) return false;
  // `ar-Rahman`: the article's last letter doubles the first letter of the noun.
  const last = token.charAt(token.length - 1);
  const sun = token.endsWith("h") ? token.slice(1) : last;
  return next.startsWith(sun);
};

/** `abdurrahman` → `abdrahman`, `abdulkarim` → `abdkarim`, `abdullah` → `abdlah`: the particle's own spelling goes. */
function canonicalAbdPrefix(token: string): string {
  if (!/^ab[dt]/.test(token) || token.length < 6) return token;
  let rest = token.slice(3);
  const withArticle = /^[aeiou]{0,2}l(?=[^aeiou])/.exec(rest);
  if (withArticle && rest.length - withArticle[0].length >= 2) {
    rest = rest.slice(withArticle[0].length);
  } else {
    const assimilated = /^[aeiou]{1,2}([^aeiou])\1/.exec(rest);
    if (assimilated && rest.length - assimilated[0].length >= 2) {
      rest = rest.slice(assimilated[0].length - 1);
    } else {
      return token;
    }
  }
  return `abd${rest}`;
}

/** `nureddin`, `nuraddin`, `salahuddin`, `alaeddine` → `nurdin`, `salahdin`, `aladin`: the article before -din goes. */
function canonicalDinSuffix(token: string): string {
  if (token.length < 6) return token;
  const match = /^(.{2,}?)[aeiou][ld]?d(?:i|ee|ie)ne?$/.exec(token);
  return match ? `${match[1]}din` : token;
}

/**
 * The comparison form: `Abd al-Rahman`, `Abdul Rahman`, `abdurrahman` → `abdrahman`; `Abu Bakr` → `abubakr`;
 * `Nour al-Din` → `nourdin`; `al-Hasan` → `hasan`; `bin Laden` → `binladen`.
 */
export function normalizeLatinName(raw: string): string {
  return latinNameWords(raw).join("");
}

/** The words of a name in comparison form, particles joined: `Abu Bakr al-Siddiq` → [`abubakr`, `siddiq`]. */
export function latinNameWords(raw: string): string[] {
  const tokens = latinTokens(raw);
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    const next = tokens[i + 1];
    if (isArticle(token, next)) continue;
    if (next !== undefined && ABD_TOKEN.test(token)) {
      // `Abdel Rahman`, `Abd al Rahman`, `Abdul-Karim`: join onto the noun, dropping an article between.
      let noun = next;
      let skip = 1;
      const after = tokens[i + 2];
      if (isArticle(next, after) && after !== undefined) {
        noun = after;
        skip = 2;
      }
      out.push(ALLAH_TOKEN.has(noun) ? "abdlah" : `abd${noun}`);
      i += skip;
      continue;
    }
    if (next !== undefined && (ABU_TOKEN.has(token) || BIN_TOKEN.has(token))) {
      let noun = next;
      let skip = 1;
      const after = tokens[i + 2];
      if (isArticle(next, after) && after !== undefined) {
        noun = after;
        skip = 2;
      }
      const particle = ABU_TOKEN.has(token) ? "abu" : "bin";
      out.push(`${particle}${noun}`);
      i += skip;
      continue;
    }
    if (out.length > 0 && DIN_TOKEN.has(token)) {
      out[out.length - 1] = `${out[out.length - 1]}din`;
      continue;
    }
    if (out.length > 0 && ALLAH_TOKEN.has(token)) {
      out[out.length - 1] = `${out[out.length - 1]}allah`;
      continue;
    }
    out.push(token);
  }
  return out
    .map((token) => {
      let result = canonicalAbdPrefix(token);
      result = canonicalDinSuffix(result);
      if (/^abou[^aeiou]/.test(result) && result.length >= 7) result = `abu${result.slice(4)}`;
      // A final h after a vowel is a spelling choice (`Fatimah`, `Hamzah`, `Abdullah`), not a letter to match on.
      if (result.length > 3 && /[aeiou]h$/.test(result)) result = result.slice(0, -1);
      return result;
    })
    .filter((token) => token.length > 0);
}
