/**
 * How the same name comes out differently from different hands: Latin respellings (vowels, doubled
 * consonants, q/k), Arabic spelling habits (hamza seats, taa marbuta, compounds spaced or joined, the article),
 * and typing errors in both scripts.
 */
import type { Random } from "@athar/core";
import { chance } from "./weighted";

const LATIN_RESPELLINGS: readonly (readonly [RegExp, readonly string[]])[] = [
  [/ou/g, ["u", "o", "oo"]],
  [/u/g, ["o", "ou"]],
  [/ee/g, ["i", "ei"]],
  [/i/g, ["e", "ee", "y"]],
  [/e/g, ["a", "i"]],
  [/a/g, ["e"]],
  [/o/g, ["u"]],
  [/q/g, ["k", "kk"]],
  [/k/g, ["q", "c"]],
  [/([bdfjklmnrstz])\1/g, ["$1"]],
  [/([bdlmnrst])(?=[aeiou])/g, ["$1$1"]],
  [/h$/g, [""]],
  [/a$/g, ["ah", "eh", "e"]],
  [/y/g, ["i", "ie"]],
  [/j/g, ["dj", "g"]],
  [/sh/g, ["ch"]],
];

/**
 * A plausible other Latin spelling: one rule applied at one place (so `Mahmoud` → `Mahmud` or `Mahmood`).
 * Capitalisation of the first letter is kept.
 */
export function respellLatin(name: string, random: Random): string {
  const lower = name.toLowerCase();
  for (let attempt = 0; attempt < 6; attempt++) {
    const [pattern, replacements] = LATIN_RESPELLINGS[
      Math.floor(random.next() * LATIN_RESPELLINGS.length)
    ] ?? [/x/g, [""]];
    const matches = [...lower.matchAll(pattern)];
    if (matches.length === 0) continue;
    const match = matches[Math.floor(random.next() * matches.length)];
    if (match === undefined || match.index === undefined) continue;
    const replacement = (replacements[Math.floor(random.next() * replacements.length)] ?? "").replaceAll(
      "$1",
      match[1] ?? "",
    );
    const result = lower.slice(0, match.index) + replacement + lower.slice(match.index + match[0].length);
    if (result.length < 2 || result === lower) continue;
    return name.charAt(0) === name.charAt(0).toUpperCase()
      ? result.charAt(0).toUpperCase() + result.slice(1)
      : result;
  }
  return name;
}

/** Arabic spelling habits that normalisation must undo: hamza seats dropped, ة written ه, ى written ي. */
export function arabicHabits(name: string, random: Random): string {
  let text = name;
  if (chance(random, 0.5)) text = text.replace(/[أإآ]/g, "ا");
  if (chance(random, 0.25)) text = text.replace(/ة/g, "ه");
  if (chance(random, 0.2)) text = text.replace(/ى/g, "ي");
  if (chance(random, 0.3)) text = text.replace(/^(عبد|أبو|ابو) /, "$1");
  if (chance(random, 0.2)) text = text.replace(/^(عبد)ال/, "$1 ال");
  if (chance(random, 0.15)) text = text.replace(/ (الدين)$/, "$1");
  if (chance(random, 0.03)) text = text.replace(/([\u0621-\u064A])/, "$1\u064E"); // a stray fatha
  if (chance(random, 0.02)) text = text.replace(/ي/, "ی"); // Persian keyboard
  return text;
}

/** Letters that Arabic handwriting and typing confuse (dots, shapes). */
const ARABIC_CONFUSIONS: Readonly<Record<string, string>> = {
  ب: "ت",
  ت: "ث",
  ث: "ت",
  ن: "ت",
  ج: "ح",
  ح: "خ",
  خ: "ح",
  د: "ذ",
  ذ: "د",
  ر: "ز",
  ز: "ر",
  س: "ش",
  ش: "س",
  ص: "ض",
  ض: "ص",
  ط: "ظ",
  ظ: "ط",
  ع: "غ",
  غ: "ع",
  ف: "ق",
  ق: "ف",
  ه: "ة",
  ي: "ى",
  و: "ؤ",
  ا: "أ",
  ل: "ك",
  ك: "ل",
  م: "ن",
};

const KEYBOARD_NEIGHBOURS: Readonly<Record<string, string>> = {
  a: "sqz",
  b: "vn",
  c: "xv",
  d: "sf",
  e: "wr",
  f: "dg",
  g: "fh",
  h: "gj",
  i: "uo",
  j: "hk",
  k: "jl",
  l: "k",
  m: "n",
  n: "bm",
  o: "ip",
  p: "o",
  q: "wa",
  r: "et",
  s: "ad",
  t: "ry",
  u: "yi",
  v: "cb",
  w: "qe",
  x: "zc",
  y: "tu",
  z: "xa",
};

/** One typing error: a wrong letter, a dropped letter, a doubled letter or two letters exchanged. */
export function typo(text: string, random: Random): string {
  if (text.length < 3) return text;
  const position = 1 + Math.floor(random.next() * (text.length - 2));
  const letter = text.charAt(position);
  if (letter === " ") return text;
  const kind = random.next();
  if (kind < 0.4) {
    const lower = letter.toLowerCase();
    const neighbours = KEYBOARD_NEIGHBOURS[lower];
    const replacement =
      ARABIC_CONFUSIONS[letter] ??
      (neighbours ? neighbours.charAt(Math.floor(random.next() * neighbours.length)) : letter);
    return text.slice(0, position) + replacement + text.slice(position + 1);
  }
  if (kind < 0.65) return text.slice(0, position) + text.slice(position + 1);
  if (kind < 0.8) return text.slice(0, position) + letter + text.slice(position);
  const next = text.charAt(position + 1);
  if (next === "" || next === " ") return text;
  return text.slice(0, position) + next + letter + text.slice(position + 2);
}

/** A typing error in a string of digits: a wrong digit or two adjacent digits exchanged. */
export function digitTypo(digits: string, random: Random): string {
  if (digits.length < 2) return digits;
  const position = Math.floor(random.next() * (digits.length - 1));
  if (chance(random, 0.6)) {
    const wrong = String((Number(digits.charAt(position)) + 1 + Math.floor(random.next() * 9)) % 10);
    return digits.slice(0, position) + wrong + digits.slice(position + 1);
  }
  return (
    digits.slice(0, position) +
    digits.charAt(position + 1) +
    digits.charAt(position) +
    digits.slice(position + 2)
  );
}
