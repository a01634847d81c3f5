/**
 * A birth date that may be full, year-month, year only, or approximate (partial-date.ts).
 *
 * Levels, strongest first:
 *   exact       both full and equal (term frequencies: registers put unknown birthdays on 1 January)
 *   partial     equal in every part both know, at least one of them partial (`1985` and `1985-03-12`)
 *   swapped     day and month exchanged (`1985-03-12` and `1985-12-03`)
 *   typo        one digit wrong or two adjacent digits exchanged in YYYYMMDD (both full)
 *   year±1      years one apart, other known parts equal
 *   approximate one of them is an estimate (`about 1985`) and the years are at most two apart (four when
 *               both are estimates)
 *   same-year   same year, month or day different
 *   else        none of these
 */
import { type DateFormat, parsePartialDate } from "../partial-date";
import { isAdjacentTransposition, levenshtein } from "../similarity";
import { Int32Column, Interner } from "./columns";
import { type Field, isBlank, type KeyFunction, type LevelSpec, NULL_LEVEL, trimmed } from "./field";

const LEVELS: readonly LevelSpec[] = [
  NULL_LEVEL,
  { id: "exact", label: "same date", initialM: 0.7, termFrequency: true },
  { id: "partial", label: "agree on every part both know", initialM: 0.1, termFrequency: false },
  { id: "swapped", label: "day and month exchanged", initialM: 0.02, termFrequency: false },
  { id: "typo", label: "one digit wrong or two swapped", initialM: 0.05, termFrequency: false },
  { id: "year-1", label: "years one apart", initialM: 0.04, termFrequency: false },
  { id: "approximate", label: "an estimate, within two years", initialM: 0.04, termFrequency: false },
  { id: "same-year", label: "same year, other parts differ", initialM: 0.02, termFrequency: false },
  { id: "else", label: "different dates", initialM: 0.03, termFrequency: false },
];
const EXACT = 1;
const PARTIAL = 2;
const SWAPPED = 3;
const TYPO = 4;
const YEAR_ONE = 5;
const APPROXIMATE = 6;
const SAME_YEAR = 7;
const ELSE = 8;

const FLAG_APPROXIMATE = 1;
const FLAG_INVALID = 2;

export interface DateFieldOptions {
  readonly format?: DateFormat;
  /** Keep impossible dates as digits (FEBRL's corrupted dates) instead of rejecting the file. */
  readonly lenient?: boolean;
}

const digits = (packed: number): string => String(packed).padStart(8, "0");

export class DateField implements Field {
  readonly type = "date" as const;
  readonly levels = LEVELS;
  readonly keyKinds = ["full", "year", "yearMonth", "monthDay"] as const;
  readonly agreementKey = "full";

  agrees(level: number): boolean {
    return level === EXACT;
  }
  /** Per record: year·10000 + month·100 + day (0 for unknown parts), or -1 when missing. */
  readonly packed = new Int32Column();
  readonly flags = new Int32Column();
  readonly rawOf = new Int32Column();
  readonly raw = new Interner();
  /** Per distinct raw text: its packed date (-1 for none) and flags. */
  private readonly parsedPacked = new Int32Column();
  private readonly parsedFlags = new Int32Column();
  /** Counts of full dates, for term frequencies. */
  private readonly fullCounts = new Map<number, number>();
  private fullTotal = 0;
  private readonly format: DateFormat;
  private readonly lenient: boolean;

  constructor(
    readonly name: string,
    options: DateFieldOptions = {},
  ) {
    this.format = options.format ?? "iso";
    this.lenient = options.lenient ?? false;
  }

  get size(): number {
    return this.packed.length;
  }

  push(rawValue: string | undefined, count = true): void {
    if (isBlank(rawValue)) {
      this.packed.push(-1);
      this.flags.push(0);
      this.rawOf.push(-1);
      return;
    }
    const text = trimmed(rawValue);
    // Dates repeat a great deal: parse each distinct text once.
    const id = this.raw.intern(text);
    if (this.raw.lastWasNew) {
      const date = parsePartialDate(text, { format: this.format, lenient: this.lenient });
      this.parsedPacked.push(date === undefined ? -1 : date.year * 10000 + date.month * 100 + date.day);
      this.parsedFlags.push(
        date === undefined ? 0 : (date.approximate ? FLAG_APPROXIMATE : 0) | (date.valid ? 0 : FLAG_INVALID),
      );
    }
    const packed = this.parsedPacked.get(id);
    const flags = this.parsedFlags.get(id);
    if (packed < 0) {
      this.packed.push(-1);
      this.flags.push(0);
      this.rawOf.push(-1);
      return;
    }
    this.packed.push(packed);
    this.flags.push(flags);
    this.rawOf.push(id);
    if (count && (flags & (FLAG_INVALID | FLAG_APPROXIMATE)) === 0 && packed % 100 > 0) {
      this.fullCounts.set(packed, (this.fullCounts.get(packed) ?? 0) + 1);
      this.fullTotal++;
    }
  }

  compare(i: number, j: number): number {
    const a = this.packed.data[i] as number;
    const b = this.packed.data[j] as number;
    if (a < 0 || b < 0) return 0;
    const flags = (this.flags.data[i] as number) | (this.flags.data[j] as number);
    const yearA = Math.floor(a / 10000);
    const yearB = Math.floor(b / 10000);
    if ((flags & FLAG_APPROXIMATE) !== 0) {
      // An estimate is good to two years; two estimates may each be off by two.
      const approximateA = ((this.flags.data[i] as number) & FLAG_APPROXIMATE) !== 0;
      const approximateB = ((this.flags.data[j] as number) & FLAG_APPROXIMATE) !== 0;
      const tolerance = approximateA && approximateB ? 4 : 2;
      return Math.abs(yearA - yearB) <= tolerance ? APPROXIMATE : ELSE;
    }
    const monthA = Math.floor(a / 100) % 100;
    const monthB = Math.floor(b / 100) % 100;
    const dayA = a % 100;
    const dayB = b % 100;
    const full = monthA > 0 && monthB > 0 && dayA > 0 && dayB > 0;
    if (a === b) return full && (flags & FLAG_INVALID) === 0 ? EXACT : full ? TYPO : PARTIAL;
    const monthsAgree = monthA === 0 || monthB === 0 || monthA === monthB;
    const daysAgree = dayA === 0 || dayB === 0 || dayA === dayB;
    if (yearA === yearB && monthsAgree && daysAgree) return PARTIAL;
    if (full && yearA === yearB && monthA === dayB && dayA === monthB) return SWAPPED;
    if (full) {
      const x = digits(a);
      const y = digits(b);
      if (levenshtein(x, y, 1) <= 1 || isAdjacentTransposition(x, y)) return TYPO;
    }
    if (Math.abs(yearA - yearB) === 1 && monthsAgree && daysAgree) return YEAR_ONE;
    if (yearA === yearB) return SAME_YEAR;
    return ELSE;
  }

  termFrequency(i: number, _j: number, level: number): number {
    if (level !== EXACT || this.fullTotal === 0) return 0;
    return (this.fullCounts.get(this.packed.data[i] as number) ?? 1) / this.fullTotal;
  }

  key(kind: string): KeyFunction {
    const packed = this.packed;
    const flags = this.flags;
    switch (kind) {
      case "full":
        return (record) => {
          const value = packed.data[record] as number;
          return value < 0 || value % 100 === 0 || Math.floor(value / 100) % 100 === 0 ? -1 : value;
        };
      case "year":
        return (record) => {
          const value = packed.data[record] as number;
          return value < 0 ? -1 : Math.floor(value / 10000);
        };
      case "yearMonth":
        return (record) => {
          const value = packed.data[record] as number;
          if (
            value < 0 ||
            Math.floor(value / 100) % 100 === 0 ||
            ((flags.data[record] as number) & FLAG_APPROXIMATE) !== 0
          )
            return -1;
          return Math.floor(value / 100);
        };
      case "monthDay":
        return (record) => {
          const value = packed.data[record] as number;
          if (value < 0 || value % 100 === 0 || Math.floor(value / 100) % 100 === 0) return -1;
          return value % 10000;
        };
      default:
        throw new RangeError(`field ${this.name} (date) has no blocking key "${kind}"`);
    }
  }

  truncate(size: number): void {
    this.packed.length = size;
    this.flags.length = size;
    this.rawOf.length = size;
  }

  display(record: number): string {
    const raw = this.rawOf.get(record);
    return raw < 0 ? "" : (this.raw.values[raw] as string);
  }

  isMissing(record: number): boolean {
    return this.packed.get(record) < 0;
  }
}
