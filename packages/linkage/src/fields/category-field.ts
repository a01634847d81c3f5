/**
 * A field with a few possible values (sex, state, governorate): equal or not. Aliases map the spellings of
 * one value onto it (`m`, `male`, `ذكر` → `m`).
 */
import { normalizeSearchText } from "@athar/core";
import { Int32Column, Interner } from "./columns";
import { type Field, isBlank, type KeyFunction, type LevelSpec, NULL_LEVEL, trimmed } from "./field";

const LEVELS: readonly LevelSpec[] = [
  NULL_LEVEL,
  { id: "exact", label: "same value", initialM: 0.95, termFrequency: false },
  { id: "else", label: "different values", initialM: 0.05, termFrequency: false },
];

export class CategoryField implements Field {
  readonly type = "category" as const;
  readonly levels = LEVELS;
  readonly keyKinds = ["exact"] as const;
  readonly agreementKey = "exact";

  agrees(level: number): boolean {
    return level === 1;
  }
  readonly valueOf = new Int32Column();
  readonly raw = new Interner();
  readonly canonicalId = new Int32Column();
  readonly canonical = new Interner();
  private readonly aliases: ReadonlyMap<string, string>;

  /** `aliases`: canonical value → the spellings that mean it. */
  constructor(
    readonly name: string,
    aliases: Readonly<Record<string, readonly string[]>> = {},
  ) {
    const map = new Map<string, string>();
    for (const [canonical, spellings] of Object.entries(aliases)) {
      map.set(normalizeSearchText(canonical), canonical);
      for (const spelling of spellings) map.set(normalizeSearchText(spelling), canonical);
    }
    this.aliases = map;
  }

  get size(): number {
    return this.valueOf.length;
  }

  push(rawValue: string | undefined, _count = true): void {
    if (isBlank(rawValue)) {
      this.valueOf.push(-1);
      return;
    }
    const text = trimmed(rawValue);
    const id = this.raw.intern(text);
    if (this.raw.lastWasNew) {
      const normalized = normalizeSearchText(text);
      const canonical = this.aliases.get(normalized) ?? normalized;
      this.canonicalId.push(canonical === "" ? -1 : this.canonical.idOf(canonical));
    }
    this.valueOf.push(this.canonicalId.get(id) < 0 ? -1 : id);
  }

  compare(i: number, j: number): number {
    const a = this.valueOf.data[i] as number;
    const b = this.valueOf.data[j] as number;
    if (a < 0 || b < 0) return 0;
    return this.canonicalId.data[a] === this.canonicalId.data[b] ? 1 : 2;
  }

  termFrequency(): number {
    return 0;
  }

  key(kind: string): KeyFunction {
    if (kind !== "exact") throw new RangeError(`field ${this.name} (category) has no blocking key "${kind}"`);
    return (record) => {
      const value = this.valueOf.data[record] as number;
      return value < 0 ? -1 : this.canonicalId.get(value);
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
