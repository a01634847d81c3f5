/**
 * A free-text field (an address, a place, a suburb): compared in its search-box form (Arabic normalised,
 * Latin folded, punctuation dropped).
 *
 * Levels: exact (same form, with term frequencies: agreeing on the capital city says less than on a
 * village), fuzzy (Jaro–Winkler ≥ high), fuzzy-low (≥ low), else. Values in different scripts are not
 * compared (level null): without a gazetteer, دمشق and Damascus are neither equal nor different.
 */
import { hasArabicScript, normalizeSearchText } from "@athar/core";
import { nameKeys } from "../names/name-keys";
import { jaroWinklerAtLeast } from "../similarity";
import { Int32Column, Interner } from "./columns";
import { type Field, isBlank, type KeyFunction, type LevelSpec, NULL_LEVEL, trimmed } from "./field";

export interface TextFieldOptions {
  readonly fuzzyHigh?: number;
  readonly fuzzyLow?: number;
}

const LEVELS: readonly LevelSpec[] = [
  NULL_LEVEL,
  { id: "exact", label: "same text", initialM: 0.8, termFrequency: true },
  { id: "fuzzy", label: "similar text (Jaro–Winkler, high)", initialM: 0.1, termFrequency: false },
  { id: "fuzzy-low", label: "similar text (Jaro–Winkler, low)", initialM: 0.05, termFrequency: false },
  { id: "else", label: "different", initialM: 0.05, termFrequency: false },
];

export class TextField implements Field {
  readonly type = "text" as const;
  readonly levels = LEVELS;
  readonly keyKinds = ["normalized", "skeleton", "prefix3"] as const;
  readonly agreementKey = "normalized";

  agrees(level: number): boolean {
    return level === 1;
  }
  private readonly fuzzyHigh: number;
  private readonly fuzzyLow: number;
  readonly valueOf = new Int32Column();
  readonly raw = new Interner();
  /** Per distinct raw value: id of its normalised form. */
  readonly normalizedId = new Int32Column();
  readonly normalizedForms = new Interner();
  /** Per distinct value: 1 when written in Arabic script. */
  readonly arabic = new Int32Column();
  private nonMissing = 0;

  constructor(
    readonly name: string,
    options: TextFieldOptions = {},
  ) {
    this.fuzzyHigh = options.fuzzyHigh ?? 0.92;
    this.fuzzyLow = options.fuzzyLow ?? 0.8;
  }

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
      const normalized = normalizeSearchText(text);
      this.normalizedId.push(normalized === "" ? -1 : this.normalizedForms.idOf(normalized));
      this.arabic.push(hasArabicScript(normalized) ? 1 : 0);
    }
    const normalized = this.normalizedId.get(id);
    if (normalized < 0) {
      this.valueOf.push(-1);
      return;
    }
    this.valueOf.push(id);
    if (!count) return;
    this.normalizedForms.count(normalized);
    this.nonMissing++;
  }

  compare(i: number, j: number): number {
    const a = this.valueOf.data[i] as number;
    const b = this.valueOf.data[j] as number;
    if (a < 0 || b < 0) return 0;
    const na = this.normalizedId.data[a] as number;
    const nb = this.normalizedId.data[b] as number;
    if (na === nb) return 1;
    // Free text in two scripts (دمشق, Damascus) cannot be compared letter by letter: no evidence either way.
    if (this.arabic.data[a] !== this.arabic.data[b]) return 0;
    const similarity = jaroWinklerAtLeast(
      this.normalizedForms.values[na] as string,
      this.normalizedForms.values[nb] as string,
      this.fuzzyLow,
    );
    if (similarity >= this.fuzzyHigh) return 2;
    if (similarity >= this.fuzzyLow) return 3;
    return 4;
  }

  termFrequency(i: number, _j: number, level: number): number {
    if (level !== 1 || this.nonMissing === 0) return 0;
    const a = this.valueOf.data[i] as number;
    return this.normalizedForms.counts.get(this.normalizedId.get(a)) / this.nonMissing;
  }

  key(kind: string): KeyFunction {
    const values = this.valueOf;
    switch (kind) {
      case "normalized":
        return (record) => {
          const value = values.data[record] as number;
          return value < 0 ? -1 : this.normalizedId.get(value);
        };
      case "skeleton":
      case "prefix3": {
        const derived = new Interner();
        const cache = new Map<number, number>();
        return (record) => {
          const value = values.data[record] as number;
          if (value < 0) return -1;
          const normalized = this.normalizedId.get(value);
          let id = cache.get(normalized);
          if (id === undefined) {
            const text = this.normalizedForms.values[normalized] as string;
            const form =
              kind === "prefix3" ? text.replace(/\s/g, "").slice(0, 3) : (nameKeys(text)?.skeleton ?? text);
            id = derived.idOf(form);
            cache.set(normalized, id);
          }
          return id;
        };
      }
      default:
        throw new RangeError(`field ${this.name} (text) has no blocking key "${kind}"`);
    }
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
