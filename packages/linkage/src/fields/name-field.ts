/**
 * A personal-name field in Arabic or Latin script (or both, record by record).
 *
 * Levels, strongest first:
 *   exact     same script, same comparison form (`عبد الرحمن` = `عبدالرحمن`, `Abdul Rahman` = `Abdulrahman`)
 *   variant   the same name by the dictionary, in another spelling or script (`Mhd` = `Mohamed` = `محمد`)
 *   nearest   the same name once an unlisted spelling is resolved to its nearest dictionary name (the typo
 *             `هته` → هبة): likely, but a guess
 *   skeleton  equal consonant skeletons (a name not in the dictionary, or a spelling outside it); also a
 *             Latin spelling of several names that may be the other one (`Hassan`: حسن or حسان)
 *   partial   the first word agrees and one of them has more words (`Fatima al-Hasan` and `Fatima`)
 *   fuzzy     Jaro–Winkler ≥ the high threshold (same script: on the comparison forms; across scripts: on
 *             the skeletons)
 *   fuzzy-low Jaro–Winkler ≥ the low threshold
 *   swapped   agrees with another of the other record's name fields (one generation left out, so the
 *             grandfather stands where the father should) — only when `alsoCompareWith` names fields;
 *             when both fields are exchanged (father ↔ grandfather), each is compared with its counterpart
 *             and gets that level
 *   different both spellings are listed names, and different names (Hasan ≠ Hussein), whatever their
 *             skeletons say: strong evidence of two people
 *   else      none of these
 */
import { defaultNameDictionary, type NameDictionary, sameName } from "../names/dictionary";
import { headKeys, nameKeys } from "../names/name-keys";
import { jaroWinklerAtLeast } from "../similarity";
import { Int32Column, Interner } from "./columns";
import { type Field, isBlank, type KeyFunction, type LevelSpec, NULL_LEVEL, trimmed } from "./field";

export interface NameFieldOptions {
  readonly fuzzyHigh?: number;
  readonly fuzzyLow?: number;
  /** Thresholds on skeletons when the two values are in different scripts (tuned on translit eval). */
  readonly crossScriptFuzzyHigh?: number;
  readonly crossScriptFuzzyLow?: number;
  readonly dictionary?: NameDictionary;
  /** Whether the `swapped` level exists (the field has partner fields). */
  readonly crossFields?: boolean;
}

const LEVEL = {
  exact: { id: "exact", label: "same spelling", initialM: 0.6, termFrequency: true },
  variant: {
    id: "variant",
    label: "same name, other spelling or script",
    initialM: 0.15,
    termFrequency: true,
  },
  nearest: {
    id: "nearest",
    label: "same name after resolving an unlisted spelling to its nearest name",
    initialM: 0.05,
    termFrequency: true,
  },
  skeleton: { id: "skeleton", label: "same consonant skeleton", initialM: 0.08, termFrequency: true },
  partial: {
    id: "partial",
    label: "first word agrees, other words missing",
    initialM: 0.04,
    termFrequency: false,
  },
  fuzzy: {
    id: "fuzzy",
    label: "similar spelling (Jaro–Winkler, high)",
    initialM: 0.07,
    termFrequency: false,
  },
  fuzzyLow: {
    id: "fuzzy-low",
    label: "similar spelling (Jaro–Winkler, low)",
    initialM: 0.04,
    termFrequency: false,
  },
  swapped: {
    id: "swapped",
    label: "matches another name field of the other record",
    initialM: 0.02,
    termFrequency: false,
  },
  different: { id: "different", label: "two different listed names", initialM: 0.01, termFrequency: false },
  else: { id: "else", label: "dissimilar spellings", initialM: 0.03, termFrequency: false },
} as const satisfies Record<string, LevelSpec>;

const SCRIPT_ARABIC = 0;

export class NameField implements Field {
  readonly type = "name" as const;
  readonly levels: readonly LevelSpec[];
  readonly keyKinds = ["skeleton", "coarse", "identity", "normalized", "initial", "head"] as const;
  readonly agreementKey = "head";

  agrees(level: number): boolean {
    return level >= 1 && level <= this.levelPartial;
  }
  private readonly fuzzyHigh: number;
  private readonly fuzzyLow: number;
  private readonly crossHigh: number;
  private readonly crossLow: number;
  private readonly dictionary: NameDictionary;
  private readonly levelNearest: number;
  private readonly levelSkeleton: number;
  private readonly levelPartial: number;
  private readonly levelFuzzy: number;
  private readonly levelFuzzyLow: number;
  private readonly levelSwapped: number;
  private readonly levelDifferent: number;
  private readonly levelElse: number;

  /** Per record: id of the distinct raw value, or -1. */
  readonly valueOf = new Int32Column();
  /** Distinct raw values and what was derived from each (indexed by value id). */
  readonly raw = new Interner();
  readonly script = new Int32Column();
  readonly normalizedId = new Int32Column();
  readonly skeletonId = new Int32Column();
  readonly coarseId = new Int32Column();
  readonly identityId = new Int32Column();
  readonly names: (readonly number[])[] = [];
  /** Per distinct value: its one dictionary name, -1 for none, -2 for several (see `names`). */
  readonly primaryName = new Int32Column();
  /** Per distinct value: identity and skeleton ids of its first word (of the whole when one word). */
  readonly headIdentityId = new Int32Column();
  readonly headSkeletonId = new Int32Column();
  readonly multiWord = new Int32Column();
  /** Per distinct value: 1 when its name was resolved by similarity, not listed. */
  readonly resolved = new Int32Column();
  /** Valid (non-blank) raw values that normalise to nothing: kept as missing. */
  private readonly emptyValue = -2;
  readonly normalizedForms = new Interner();
  readonly skeletons = new Interner();
  readonly coarseForms = new Interner();
  readonly identities = new Interner();
  private partners: NameField[] = [];
  private nonMissing = 0;

  constructor(
    readonly name: string,
    options: NameFieldOptions = {},
  ) {
    this.fuzzyHigh = options.fuzzyHigh ?? 0.92;
    this.fuzzyLow = options.fuzzyLow ?? 0.84;
    this.crossHigh = options.crossScriptFuzzyHigh ?? 0.88;
    this.crossLow = options.crossScriptFuzzyLow ?? 0.8;
    this.dictionary = options.dictionary ?? defaultNameDictionary();
    const levels: LevelSpec[] = [
      NULL_LEVEL,
      LEVEL.exact,
      LEVEL.variant,
      LEVEL.nearest,
      LEVEL.skeleton,
      LEVEL.partial,
      LEVEL.fuzzy,
      LEVEL.fuzzyLow,
    ];
    if (options.crossFields) levels.push(LEVEL.swapped);
    levels.push(LEVEL.different, LEVEL.else);
    this.levels = levels;
    this.levelNearest = 3;
    this.levelSkeleton = 4;
    this.levelPartial = 5;
    this.levelFuzzy = 6;
    this.levelFuzzyLow = 7;
    this.levelSwapped = options.crossFields ? 8 : -1;
    this.levelDifferent = levels.length - 2;
    this.levelElse = levels.length - 1;
  }

  /** Other name fields whose values count for the `swapped` level (father ↔ grandfather). */
  setPartners(partners: readonly NameField[]): void {
    this.partners = [...partners];
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
      const keys = nameKeys(text, this.dictionary);
      if (keys === undefined) {
        this.script.push(this.emptyValue);
        this.normalizedId.push(-1);
        this.skeletonId.push(-1);
        this.coarseId.push(-1);
        this.identityId.push(-1);
        this.names.push([]);
        this.primaryName.push(-1);
        this.headIdentityId.push(-1);
        this.headSkeletonId.push(-1);
        this.multiWord.push(0);
        this.resolved.push(0);
      } else {
        this.script.push(keys.script === "arabic" ? SCRIPT_ARABIC : 1);
        this.normalizedId.push(this.normalizedForms.idOf(keys.normalized));
        this.skeletonId.push(this.skeletons.idOf(keys.skeleton));
        this.coarseId.push(this.coarseForms.idOf(keys.coarse));
        this.identityId.push(this.identities.idOf(keys.identity));
        this.names.push(keys.names);
        this.primaryName.push(
          keys.names.length === 0 ? -1 : keys.names.length === 1 ? (keys.names[0] as number) : -2,
        );
        const head = headKeys(text, this.dictionary) ?? keys;
        this.headIdentityId.push(this.identities.idOf(head.identity));
        this.headSkeletonId.push(this.skeletons.idOf(head.skeleton));
        this.multiWord.push(head === keys ? 0 : 1);
        this.resolved.push(keys.resolved ? 1 : 0);
      }
    }
    if (this.script.get(id) === this.emptyValue) {
      this.valueOf.push(-1);
      return;
    }
    this.valueOf.push(id);
    if (!count) return;
    this.raw.count(id);
    this.identities.count(this.identityId.get(id));
    this.skeletons.count(this.skeletonId.get(id));
    this.nonMissing++;
  }

  /** Level of two value ids (both present), without partner fields. */
  compareValues(a: number, b: number): number {
    if (a === b) return 1;
    const script = this.script.data;
    const normalized = this.normalizedId.data;
    const scriptA = script[a] as number;
    const scriptB = script[b] as number;
    if (scriptA === scriptB && normalized[a] === normalized[b]) return 1;
    const primaryA = this.primaryName.data[a] as number;
    const primaryB = this.primaryName.data[b] as number;
    if (primaryA !== -1 && primaryB !== -1) {
      // A Latin spelling of several names (`Hassan` is written for both حسن and حسان) says no more than
      // the skeleton they share; a spelling resolved to its nearest name is a likely guess.
      if (primaryA === -2 || primaryB === -2) {
        if (sameName(this.names[a] as readonly number[], this.names[b] as readonly number[])) {
          return this.levelSkeleton;
        }
      }
      const guessed = ((this.resolved.data[a] as number) | (this.resolved.data[b] as number)) !== 0;
      const same =
        primaryA >= 0 && primaryB >= 0
          ? primaryA === primaryB
          : sameName(this.names[a] as readonly number[], this.names[b] as readonly number[]);
      if (same) return guessed ? this.levelNearest : 2;
      // Two listed names that differ are different names; a guessed one may just be a wrong guess.
      if (!guessed) return this.levelDifferent;
    }
    const skeleton = this.skeletonId.data;
    if (skeleton[a] === skeleton[b]) return this.levelSkeleton;
    if (
      ((this.multiWord.data[a] as number) | (this.multiWord.data[b] as number)) !== 0 &&
      (this.headIdentityId.data[a] === this.headIdentityId.data[b] ||
        this.headSkeletonId.data[a] === this.headSkeletonId.data[b])
    ) {
      return this.levelPartial;
    }
    if (scriptA === scriptB) {
      const similarity = jaroWinklerAtLeast(
        this.normalizedForms.values[normalized[a] as number] as string,
        this.normalizedForms.values[normalized[b] as number] as string,
        this.fuzzyLow,
      );
      if (similarity >= this.fuzzyHigh) return this.levelFuzzy;
      if (similarity >= this.fuzzyLow) return this.levelFuzzyLow;
      return this.levelElse;
    }
    const skeletonA = this.skeletons.values[skeleton[a] as number] as string;
    const skeletonB = this.skeletons.values[skeleton[b] as number] as string;
    // Two or fewer consonants are too little to call two spellings similar (عائشة `C`, Shaimaa `CM`).
    if (skeletonA.length < 3 || skeletonB.length < 3) return this.levelElse;
    const similarity = jaroWinklerAtLeast(skeletonA, skeletonB, this.crossLow);
    if (similarity >= this.crossHigh) return this.levelFuzzy;
    if (similarity >= this.crossLow) return this.levelFuzzyLow;
    return this.levelElse;
  }

  /** Compares a value of this field with a value of another name field (they have separate tables). */
  compareAcross(a: number, other: NameField, b: number): number {
    if (other === this) return this.compareValues(a, b);
    const scriptA = this.script.get(a);
    const scriptB = other.script.get(b);
    const normA = this.normalizedForms.values[this.normalizedId.get(a)] as string;
    const normB = other.normalizedForms.values[other.normalizedId.get(b)] as string;
    if (scriptA === scriptB && normA === normB) return 1;
    const namesA = this.names[a] as readonly number[];
    const namesB = other.names[b] as readonly number[];
    if (namesA.length > 0 && namesB.length > 0 && sameName(namesA, namesB)) return 2;
    if (namesA.length > 0 && namesB.length > 0 && this.resolved.get(a) === 0 && other.resolved.get(b) === 0) {
      return this.levelElse;
    }
    const skelA = this.skeletons.values[this.skeletonId.get(a)] as string;
    const skelB = other.skeletons.values[other.skeletonId.get(b)] as string;
    return skelA === skelB ? this.levelSkeleton : this.levelElse;
  }

  compare(i: number, j: number): number {
    const values = this.valueOf.data;
    const a = values[i] as number;
    const b = values[j] as number;
    if (a < 0 || b < 0) return 0;
    const level = this.compareValues(a, b);
    if (level <= this.levelSkeleton || this.levelSwapped < 0) return level;
    for (const partner of this.partners) {
      const pj = partner.valueOf.data[j] as number;
      const pi = partner.valueOf.data[i] as number;
      if (pj < 0 && pi < 0) continue;
      const across = pj < 0 ? this.levelElse : this.compareAcross(a, partner, pj);
      const back = pi < 0 ? this.levelElse : partner.compareAcross(pi, this, b);
      const acrossAgrees = across >= 1 && across <= this.levelSkeleton;
      const backAgrees = back >= 1 && back <= this.levelSkeleton;
      // Both fields exchanged: each agrees with its counterpart, as strongly as that comparison says.
      if (acrossAgrees && backAgrees) return Math.max(across, back);
      if ((acrossAgrees || backAgrees) && (level === this.levelElse || level === this.levelDifferent)) {
        return this.levelSwapped;
      }
    }
    return level;
  }

  termFrequency(i: number, j: number, level: number): number {
    if (level < 1 || level > this.levelSkeleton || this.nonMissing === 0) return 0;
    const a = this.valueOf.data[i] as number;
    const b = this.valueOf.data[j] as number;
    if (level === this.levelSkeleton) {
      const count = this.skeletons.counts.get(this.skeletonId.get(a));
      return count / this.nonMissing;
    }
    const countA = this.identities.counts.get(this.identityId.get(a));
    const countB = this.identities.counts.get(this.identityId.get(b));
    return Math.max(countA, countB) / this.nonMissing;
  }

  key(kind: string): KeyFunction {
    const values = this.valueOf;
    const pick = (column: Int32Column): KeyFunction => {
      return (record) => {
        const value = values.data[record] as number;
        return value < 0 ? -1 : column.get(value);
      };
    };
    switch (kind) {
      case "skeleton":
        return pick(this.skeletonId);
      case "head":
        return pick(this.headSkeletonId);
      case "coarse":
        return pick(this.coarseId);
      case "identity":
        return pick(this.identityId);
      case "normalized":
        return pick(this.normalizedId);
      case "initial":
        return (record) => {
          const value = values.data[record] as number;
          if (value < 0) return -1;
          const skeleton = this.skeletons.values[this.skeletonId.get(value)] as string;
          return skeleton.length === 0 ? -1 : skeleton.charCodeAt(0);
        };
      default:
        throw new RangeError(`field ${this.name} (name) has no blocking key "${kind}"`);
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
