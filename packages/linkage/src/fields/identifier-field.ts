/**
 * An identifier typed by hand (a national ID number, a social security number, a prisoner number): spaces,
 * dashes and dots are dropped, Arabic-Indic digits read, letters uppercased.
 *
 * Levels: exact, one edit (one digit wrong, missing or extra, or two adjacent digits swapped), two edits, else.
 * An identifier that agrees is strong evidence; one that disagrees in many digits is strong evidence against.
 */
import { normalizeArabic } from "@athar/core";
import { isAdjacentTransposition, levenshtein } from "../similarity";
import { type Field, isBlank, type KeyFunction, type LevelSpec, NULL_LEVEL, trimmed } from "./field";

const LEVELS: readonly LevelSpec[] = [
  NULL_LEVEL,
  { id: "exact", label: "same identifier", initialM: 0.9, termFrequency: false },
  { id: "one-edit", label: "one character wrong, missing or swapped", initialM: 0.05, termFrequency: false },
  { id: "two-edits", label: "two characters differ", initialM: 0.02, termFrequency: false },
  { id: "else", label: "different identifiers", initialM: 0.03, termFrequency: false },
];

export function normalizeIdentifier(raw: string): string {
  return normalizeArabic(raw)
    .replace(/[\s\-./_]/g, "")
    .toUpperCase();
}

export class IdentifierField implements Field {
  readonly type = "identifier" as const;
  readonly levels = LEVELS;
  readonly keyKinds = ["exact"] as const;
  readonly agreementKey = "exact";

  agrees(level: number): boolean {
    return level === 1;
  }
  /**
   * Per record: the normalised identifier (undefined when missing) and the text as given. No interning:
   * identifiers are mostly distinct, and a hash map of a million of them costs more than it saves.
   */
  private normalized: (string | undefined)[] = [];
  private given: (string | undefined)[] = [];

  constructor(readonly name: string) {}

  get size(): number {
    return this.normalized.length;
  }

  push(rawValue: string | undefined, _count = true): void {
    if (isBlank(rawValue)) {
      this.normalized.push(undefined);
      this.given.push(undefined);
      return;
    }
    const text = trimmed(rawValue);
    // Plain ASCII digits and letters (the usual case) need no normalisation.
    const normalized = /^[0-9A-Z]+$/.test(text) ? text : normalizeIdentifier(text);
    this.normalized.push(normalized === "" ? undefined : normalized);
    this.given.push(text);
  }

  compare(i: number, j: number): number {
    const x = this.normalized[i];
    const y = this.normalized[j];
    if (x === undefined || y === undefined) return 0;
    if (x === y) return 1;
    const distance = levenshtein(x, y, 2);
    if (distance <= 1 || isAdjacentTransposition(x, y)) return 2;
    if (distance === 2) return 3;
    return 4;
  }

  termFrequency(): number {
    return 0;
  }

  key(kind: string): KeyFunction {
    if (kind !== "exact")
      throw new RangeError(`field ${this.name} (identifier) has no blocking key "${kind}"`);
    // A hash of the text: two identifiers that collide only share a block, which costs a comparison.
    return (record) => {
      const value = this.normalized[record];
      if (value === undefined) return -1;
      let hash = 0x811c9dc5 | 0;
      for (let k = 0; k < value.length; k++) hash = Math.imul(hash ^ value.charCodeAt(k), 0x01000193);
      return (hash ^ (hash >>> 15)) & 0x3fffffff;
    };
  }

  truncate(size: number): void {
    this.normalized.length = size;
    this.given.length = size;
  }

  display(record: number): string {
    return this.given[record] ?? "";
  }

  isMissing(record: number): boolean {
    return this.normalized[record] === undefined;
  }
}
