/**
 * The consonant skeleton: a key that an Arabic name and its Latin spellings share although the Latin side
 * adds vowels that Arabic script does not write, and the Arabic side has consonants that Latin spellings
 * merge. Both scripts map onto one small phonetic alphabet:
 *
 *   B  ب پ  b p            T  ت ط ث  t th           J  ج غ ژ  j g gh dj zh
 *   H  ح ه  h              K  ك ق خ گ  k q c ck kh ch(German)   D  د ض  d
 *   Z  ذ ز ظ  z dh         S  س ص  s c(e,i)         C  ش چ  sh ch sch
 *   R  ر  r   L  ل  l   M  م  m   N  ن  n   F  ف ڤ  f v ph   W/Y  و ي at the start of a name  w y
 *   U  the particle ابو / Abu at the start of a name
 *
 * Vowels (ا ى ع ء, non-initial و ي; a e i o u, non-initial w y) are dropped, a final H is dropped (taa marbuta
 * and final -ah/-eh are spelling choices), and a doubled Latin consonant counts once (`Mohammad` = `Muhamad`). The classes
 * were tuned on the transliteration training and evaluation sets (bench/linkage/translit.ts, results in
 * docs/benchmarks/linkage.md). A skeleton is a blocking key and a weak comparison level, never a match on its
 * own: `حسن` (Hasan) and `حسين` (Husayn) share one.
 */

const ARABIC_CLASS: Readonly<Record<string, string>> = {
  "\u0628": "B", // ب
  "\u067E": "B", // پ
  "\u062A": "T", // ت
  "\u0637": "T", // ط
  "\u062B": "T", // ث
  "\u062C": "J", // ج
  "\u063A": "J", // غ
  "\u0698": "J", // ژ
  "\u062D": "H", // ح
  "\u0647": "H", // ه
  "\u0643": "K", // ك
  "\u0642": "K", // ق
  "\u062E": "K", // خ
  "\u06AF": "K", // گ
  "\u062F": "D", // د
  "\u0636": "D", // ض
  "\u0630": "Z", // ذ
  "\u0632": "Z", // ز
  "\u0638": "Z", // ظ
  "\u0633": "S", // س
  "\u0635": "S", // ص
  "\u0634": "C", // ش
  "\u0686": "C", // چ
  "\u0631": "R", // ر
  "\u0644": "L", // ل
  "\u0645": "M", // م
  "\u0646": "N", // ن
  "\u0641": "F", // ف
  "\u06A4": "F", // ڤ
};

import { stripArabicArticle } from "./arabic-name";

const ARABIC_WAW = "\u0648";
const ARABIC_YA = "\u064A";
const ARABIC_ABU = "\u0627\u0628\u0648"; // ابو
const ARABIC_ABD = "\u0639\u0628\u062F"; // عبد
const ARABIC_ARTICLE = "\u0627\u0644"; // ال

/** A final H is taa marbuta or -ah/-eh; Latin spellings write it or not. */
function dropFinalH(classes: string): string {
  return classes.endsWith("H") && classes.length > 1 ? classes.slice(0, -1) : classes;
}

/** Skeleton of a normalised Arabic name (normalizeArabicName output). */
export function arabicSkeleton(normalized: string): string {
  let text = normalized;
  let prefix = "";
  if (text.startsWith(ARABIC_ABU) && text.length > ARABIC_ABU.length + 1) {
    prefix = "U";
    text = text.slice(ARABIC_ABU.length);
  }
  // The article inside compounds (عبدالرحمن, نورالدين, فضلالله) and at the start is not written in most
  // Latin spellings (Abdurrahman, Nureddin), so it is not part of the key.
  if (text.startsWith(ARABIC_ABD + ARABIC_ARTICLE)) text = ARABIC_ABD + text.slice(ARABIC_ABD.length + 2);
  text = text.replace(/(.)\u0627\u0644(?=\u062F\u064A\u0646$|\u0644\u0647$)/, "$1");
  // Arabic does not write doubled consonants (no shadda in names), so two equal letters are two sounds; the
  // one exception is the name of God, الله, whose two lams Latin writes as one (Abdullah, Fadlallah).
  text = text.replace(/\u0644\u0644\u0647$/, "\u0644\u0647");
  text = stripArabicArticle(text);
  text = text.replace(/\u062A\u0634/g, "\u0686"); // تش is how Arabic writes English ch (چ)
  let classes = "";
  for (let i = 0; i < text.length; i++) {
    const letter = text.charAt(i);
    const mapped = ARABIC_CLASS[letter];
    if (mapped !== undefined) {
      classes += mapped;
    } else if (i === 0 && letter === ARABIC_WAW) {
      classes += "W";
    } else if (i === 0 && letter === ARABIC_YA) {
      classes += "Y";
    }
  }
  return prefix + dropFinalH(classes);
}

const LATIN_DIGRAPHS: readonly (readonly [string, string])[] = [
  ["sch", "C"],
  ["tch", "C"],
  ["sh", "C"],
  ["ch", "C"],
  ["kh", "K"],
  ["gh", "J"],
  ["th", "T"],
  ["ph", "F"],
  ["ck", "K"],
  ["dj", "J"],
  ["zh", "J"],
];
const LATIN_CLASS: Readonly<Record<string, string>> = {
  b: "B",
  p: "B",
  t: "T",
  j: "J",
  g: "J",
  h: "H",
  k: "K",
  q: "K",
  d: "D",
  z: "Z",
  s: "S",
  r: "R",
  l: "L",
  m: "M",
  n: "N",
  f: "F",
  v: "F",
  x: "KS",
};
const isVowel = (c: string): boolean => c === "a" || c === "e" || c === "i" || c === "o" || c === "u";

/** Skeleton of a normalised Latin name (normalizeLatinName output). */
export function latinSkeleton(normalized: string): string {
  let text = normalized;
  let prefix = "";
  if (text.startsWith("abu") && text.length > 4) {
    prefix = "U";
    text = text.slice(3);
  }
  // The article fused to the name (`Alhasan`, `Elkhatib`) goes, as it does on the Arabic side (الحسن).
  text = text.replace(/^[aeiou]{1,2}l(?=[^aeiouwy].{2})/, "");
  let classes = "";
  // A doubled consonant (`mm`, `ss`, `dd`) is one Arabic letter with shadda, which names do not write; equal
  // consonants with a vowel between them are two letters (`Haddad` = ح د ا د).
  let previous = "";
  const emit = (mapped: string): void => {
    if (mapped !== previous) classes += mapped;
    previous = mapped;
  };
  let i = 0;
  while (i < text.length) {
    let matched = false;
    for (const [digraph, mapped] of LATIN_DIGRAPHS) {
      if (text.startsWith(digraph, i)) {
        emit(mapped);
        i += digraph.length;
        matched = true;
        break;
      }
    }
    if (matched) continue;
    const c = text.charAt(i);
    if (c === "c") {
      const next = text.charAt(i + 1);
      emit(next === "e" || next === "i" || next === "y" ? "S" : "K");
    } else if (c === "w" || c === "y") {
      if (i === 0 && isVowel(text.charAt(1))) emit(c === "w" ? "W" : "Y");
      else previous = "";
    } else {
      const mapped = LATIN_CLASS[c];
      if (mapped !== undefined) emit(mapped);
      else previous = "";
    }
    i++;
  }
  return prefix + dropFinalH(classes);
}
