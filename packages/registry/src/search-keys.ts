/**
 * Registry search by name, Arabic or Latin, forgiving spelling. Each name part of a record (and each other
 * name) is a unit; a key function turns a unit into keys (its normalised form, and with the linkage engine
 * its consonant skeleton, which survives the loss of vowels and the change of script). The storage layer
 * keeps (record, key) rows and looks a query's keys up in them.
 *
 * A query is free text ("Abd al-Rahman Halabi", "عبد الرحمن الحلبي"): it is cut into words, and every run
 * of up to three words is tried as a unit, so that "Abd al Rahman" finds "Abdulrahman". A record matches
 * when every word of the query is covered by a run whose key the record has; stronger keys rank higher.
 */
import { normalizeSearchText } from "@athar/core";
import { NAME_PARTS, type OtherName, type PersonName } from "./names";

export type KeyFunction = (unit: string) => string[];

/** Key kinds by prefix, with the weight a match on that kind adds to a result's rank. */
export const KEY_WEIGHTS: Readonly<Record<string, number>> = {
  /** The shared search normaliser of @athar/core, spaces removed. */
  n: 3,
  /** The linkage engine's comparison form (particles and compounds canonical). */
  l: 3,
  /** The linkage engine's dictionary name (`Mhd`, `Mohamed` and `محمد` are one name). */
  i: 2,
  /** The linkage engine's consonant skeleton (script independent). */
  s: 1,
};

export const keyWeight = (key: string): number => KEY_WEIGHTS[key.slice(0, key.indexOf(":"))] ?? 0;

/** The key function without the linkage engine: the normalised unit with spaces removed. */
export const coreSearchKeys: KeyFunction = (unit) => {
  const normalized = normalizeSearchText(unit).replace(/\s+/g, "");
  return normalized === "" ? [] : [`n:${normalized}`];
};

/** Every unit of a record: each name part in each script, each other name, and each word of those. */
export function nameUnitsOf(person: { name: PersonName; otherNames: readonly OtherName[] }): string[] {
  const units = new Set<string>();
  const add = (value: string | null) => {
    if (value === null || value.trim() === "") return;
    units.add(value.trim());
    const words = normalizeSearchText(value).split(" ").filter(Boolean);
    if (words.length > 1) for (const word of words) units.add(word);
  };
  for (const script of [person.name.arabic, person.name.latin]) {
    if (script) for (const part of NAME_PARTS) add(script[part]);
  }
  for (const other of person.otherNames) add(other.text);
  return [...units];
}

export function personSearchKeys(
  person: { name: PersonName; otherNames: readonly OtherName[] },
  keys: KeyFunction,
): string[] {
  const all = new Set<string>();
  for (const unit of nameUnitsOf(person)) for (const key of keys(unit)) all.add(key);
  return [...all];
}

export interface QuerySpan {
  /** First and last word index covered (inclusive). */
  from: number;
  to: number;
  keys: string[];
}

export const MAX_SPAN_WORDS = 3;
export const MAX_QUERY_WORDS = 8;

/** Cuts a query into words and keys every run of up to MAX_SPAN_WORDS words. */
export function querySpans(query: string, keys: KeyFunction): { words: string[]; spans: QuerySpan[] } {
  const words = normalizeSearchText(query).split(" ").filter(Boolean).slice(0, MAX_QUERY_WORDS);
  const spans: QuerySpan[] = [];
  for (let from = 0; from < words.length; from++) {
    for (let to = from; to < Math.min(words.length, from + MAX_SPAN_WORDS); to++) {
      const spanKeys = keys(words.slice(from, to + 1).join(" "));
      if (spanKeys.length > 0) spans.push({ from, to, keys: spanKeys });
    }
  }
  return { words, spans };
}

/**
 * A record's rank for a query, or null when some query word is covered by none of the record's keys. Each
 * word counts the strongest key that covers it.
 */
export function rankForQuery(
  wordCount: number,
  spans: readonly QuerySpan[],
  recordKeys: ReadonlySet<string>,
): number | null {
  if (wordCount === 0) return null;
  const best = new Array<number>(wordCount).fill(0);
  for (const span of spans) {
    let weight = 0;
    for (const key of span.keys) if (recordKeys.has(key)) weight = Math.max(weight, keyWeight(key));
    if (weight === 0) continue;
    for (let w = span.from; w <= span.to; w++) best[w] = Math.max(best[w] as number, weight);
  }
  if (best.some((weight) => weight === 0)) return null;
  return best.reduce((sum, weight) => sum + weight, 0);
}
