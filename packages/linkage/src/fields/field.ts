/**
 * A compared field: it stores one column of encoded values for every record and sorts a pair of records into
 * one of its comparison levels (Fellegi–Sunter's γ). Level 0 is always "a value is missing" (no evidence,
 * weight 0); the last level is always "disagree"; the levels between run from the strongest agreement down.
 */

export type FieldType = "name" | "text" | "date" | "identifier" | "category";

export interface LevelSpec {
  /** Stable identifier used in models and explanations (`exact`, `variant`, `skeleton`, …). */
  readonly id: string;
  /** What the level means, for the reviewer. */
  readonly label: string;
  /** Starting value of m for EM (normalised over non-null levels). */
  readonly initialM: number;
  /** Whether agreement at this level is adjusted by the frequency of the agreed value. */
  readonly termFrequency: boolean;
}

export const NULL_LEVEL: LevelSpec = {
  id: "null",
  label: "missing on one side",
  initialM: 0,
  termFrequency: false,
};

/** One way to cut records into blocks by this field (`skeleton`, `year`, …). */
export type KeyFunction = (record: number) => number;

export interface Field {
  readonly name: string;
  readonly type: FieldType;
  /** Index 0 is NULL_LEVEL, the last index is disagreement. */
  readonly levels: readonly LevelSpec[];
  /** Number of records encoded so far. */
  readonly size: number;
  /**
   * Encodes the value of the next record (undefined or blank = missing). Throws RangeError with a reason
   * when the value cannot be read (an impossible date), so the caller can name the line and field. With
   * count = false the value does not count towards term frequencies (a query, not a registry record).
   */
  push(raw: string | undefined, count?: boolean): void;
  /**
   * Forgets the records from `size` on (an inquiry scored against a registry and dropped). Their values
   * must have been pushed with count = false, so that term frequencies are those of the registry.
   */
  truncate(size: number): void;
  /** The comparison level of records i and j. */
  compare(i: number, j: number): number;
  /**
   * Relative frequency in (0, 1] of the value on which i and j agreed at `level` (the larger of the two
   * when they differ in spelling), or 0 when the level takes no term-frequency adjustment.
   */
  termFrequency(i: number, j: number, level: number): number;
  /** Blocking key of a record under `kind` (non-negative), or -1 when the record has no such key. */
  key(kind: string): KeyFunction;
  /** Key kinds this field offers for blocking. */
  readonly keyKinds: readonly string[];
  /**
   * The key whose equality means "this field agrees" for correlated groups (settings.correlatedGroups),
   * and the levels that count as agreeing: equal keys ⇔ (nearly) one of these levels.
   */
  readonly agreementKey: string;
  agrees(level: number): boolean;
  /** The value as given (for explanations and review). */
  display(record: number): string;
  isMissing(record: number): boolean;
}

/** The value of a missing cell: blank, or a word that says "unknown". */
const MISSING_WORDS = new Set([
  "",
  "-",
  "--",
  "?",
  "na",
  "n/a",
  "null",
  "none",
  "unknown",
  "غير معروف",
  "مجهول",
]);

// First characters of the missing words (either case), and space: any other first character is a value.
const MISSING_FIRST = new Set([..."-?nNuUغم \t"]);

export function isBlank(raw: string | undefined): raw is undefined {
  if (raw === undefined || raw === "") return true;
  // This runs for every cell of a million-row file: most values are decided by length and first character.
  if (raw.length > 12 || !MISSING_FIRST.has(raw.charAt(0))) return false;
  return MISSING_WORDS.has(raw.trim().toLowerCase());
}

/** The value without surrounding spaces; no new string when there are none (the usual case). */
export function trimmed(raw: string): string {
  const first = raw.charCodeAt(0);
  const last = raw.charCodeAt(raw.length - 1);
  return first <= 32 || last <= 32 || first === 0xa0 || last === 0xa0 ? raw.trim() : raw;
}
