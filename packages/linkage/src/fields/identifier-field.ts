/**
 * An identifier typed by hand (a national ID number, a social security number, a prisoner number): spaces,
 * dashes and dots are dropped, Arabic-Indic digits read, letters uppercased.
 *
 * Levels: exact, one edit (one digit wrong, missing or extra, or two adjacent digits swapped), two edits, else.
 * An identifier that agrees is strong evidence; one that disagrees in many digits is strong evidence against.
 */
import { normalizeArabic } from "@athar/core";
import { isAdjacentTransposition, levenshtein } from "../similarity";
import { Int32Column, Interner } from "./columns";
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
  readonly valueOf = new Int32Column();
  readonly raw = new Interner();
  readonly normalizedId = new Int32Column();
  readonly normalizedForms = new Interner();

  constructor(readonly name: string) {}

  get size(): number {
    return this.valueOf.length;
  }

  push(rawValue: string | undefined, count = true): void {
    if (isBlank(rawValue)) {
      this.valueOf.push(-1);
      return;
    }
    const text = trimmed(rawValue);
    const id = this.raw.intern(text);
    if (this.raw.lastWasNew) {
      const normalized = normalizeIdentifier(text);
      this.normalizedId.push(normalized === "" ? -1 : this.normalizedForms.idOf(normalized));
    }
    const normalized = this.normalizedId.get(id);
    this.valueOf.push(normalized < 0 ? -1 : id);
    if (normalized >= 0 && count) this.normalizedForms.count(normalized);
  }

  compare(i: number, j: number): number {
    const a = this.valueOf.data[i] as number;
    const b = this.valueOf.data[j] as number;
    if (a < 0 || b < 0) return 0;
    const na = this.normalizedId.data[a] as number;
    const nb = this.normalizedId.data[b] as number;
    if (na === nb) return 1;
    const x = this.normalizedForms.values[na] as string;
    const y = this.normalizedForms.values[nb] as string;
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
    return (record) => {
      const value = this.valueOf.data[record] as number;
      return value < 0 ? -1 : this.normalizedId.get(value);
    };
  }

  truncate(size: number): void {
    this.valueOf.length = size;
  }

  display(record: number): string {
    const value = this.valueOf.get(record);
    return value < 0 ? "" : (this.raw.values[value] as string);
  }

  isMissing(record: number): boolean {
    return this.valueOf.get(record) < 0;
  }
}
