/**
 * A registry kept in memory for inquiries: "is the person this family asks about among our records?"
 *
 *   const index = InquiryIndex.build(registry, model);        // once, at start-up (seconds for 10^6 records)
 *   index.add("r1000001", { given_name: "…", … });            // as records arrive
 *   index.search({ given_name: "Mhd", family_name: "al-Hasan", birth_date: "about 1985" })
 *     // → the best candidates with probabilities and, if asked, explanations
 *
 * Candidates come from the model's blocking rules (and a few looser ones, since an inquiry often knows
 * little): for each rule, the registry's record indexes sorted by key, found by binary search. Records
 * added after the build go to a small map per rule; the sorted arrays are rebuilt when it grows large.
 * The inquiry itself is encoded into the registry's record set as a temporary record that does not count
 * towards term frequencies, scored, and dropped.
 */
import type { KeyFunction } from "./fields/field";
import type { LinkageModel } from "./model";
import type { RecordSet, RecordValues } from "./record-set";
import { type PairExplanation, PairScorer } from "./scorer";

export interface InquiryIndexOptions {
  /**
   * Expected number of registry records that are the person an inquiry is about (about 1 when most
   * inquiries concern someone registered once). The prior of each candidate is this over the registry size.
   */
  readonly expectedMatchesPerInquiry?: number;
  /** Looser blocking rules used for inquiries only (an inquiry may know just a given and a family name). */
  readonly extraRules?: readonly (readonly string[])[];
  /** A key shared by more records than this is too common to search on (it would return half a city). */
  readonly maxCandidatesPerKey?: number;
  /** Rebuild the sorted arrays when this many records were added since the last build. */
  readonly rebuildAfter?: number;
}

export interface InquiryMatch {
  readonly record: number;
  readonly id: string;
  readonly probability: number;
  readonly weight: number;
  readonly explanation?: PairExplanation;
}

export interface InquiryResult {
  readonly matches: readonly InquiryMatch[];
  /** Registry records compared with the inquiry. */
  readonly candidates: number;
}

export interface SearchOptions {
  readonly limit?: number;
  readonly minProbability?: number;
  readonly explain?: boolean;
}

const DEFAULT_EXTRA_RULES: readonly (readonly string[])[] = [
  ["given_name:skeleton", "family_name:skeleton"],
  ["given_name:skeleton", "father_name:skeleton"],
];
const INDEX_BITS = 2 ** 22;

/** One blocking rule's postings: sorted (key, record) pairs packed in doubles, plus recent additions. */
class Postings {
  private sorted = new Float64Array(0);
  private recent = new Map<number, number[]>();
  recentCount = 0;

  constructor(readonly parts: readonly KeyFunction[]) {}

  keyOf(record: number): number {
    let hash = 0x811c9dc5 | 0;
    for (const key of this.parts) {
      const value = key(record);
      if (value < 0) return -1;
      hash = Math.imul(hash ^ value, 0x01000193);
      hash ^= hash >>> 15;
      hash = Math.imul(hash, 0x2c1b3c6d);
      hash ^= hash >>> 12;
    }
    return hash & 0x3fffffff;
  }

  build(size: number): void {
    const packed: number[] = [];
    for (let r = 0; r < size; r++) {
      const key = this.keyOf(r);
      if (key >= 0) packed.push(key * INDEX_BITS + r);
    }
    this.sorted = Float64Array.from(packed).sort();
    this.recent = new Map();
    this.recentCount = 0;
  }

  add(record: number): void {
    const key = this.keyOf(record);
    if (key < 0) return;
    const list = this.recent.get(key);
    if (list === undefined) this.recent.set(key, [record]);
    else list.push(record);
    this.recentCount++;
  }

  /** Records with this key (none when there are more than `limit`). */
  lookup(key: number, limit: number, visit: (record: number) => void): void {
    const low = key * INDEX_BITS;
    const high = low + INDEX_BITS;
    let start = 0;
    let end = this.sorted.length;
    while (start < end) {
      const middle = (start + end) >>> 1;
      if ((this.sorted[middle] as number) < low) start = middle + 1;
      else end = middle;
    }
    let stop = start;
    while (stop < this.sorted.length && (this.sorted[stop] as number) < high) stop++;
    const extra = this.recent.get(key);
    if (stop - start + (extra?.length ?? 0) > limit) return;
    for (let k = start; k < stop; k++) visit((this.sorted[k] as number) - low);
    if (extra) for (const record of extra) visit(record);
  }
}

export class InquiryIndex {
  private readonly postings: Postings[];
  private readonly options: Required<Omit<InquiryIndexOptions, "extraRules">>;
  private stamp: Int32Array;
  private generation = 0;
  /** Registry size (records beyond it are the temporary inquiry). */
  private registered: number;

  private constructor(
    readonly records: RecordSet,
    readonly model: LinkageModel,
    rules: readonly (readonly string[])[],
    options: InquiryIndexOptions,
  ) {
    this.options = {
      expectedMatchesPerInquiry: options.expectedMatchesPerInquiry ?? 1,
      maxCandidatesPerKey: options.maxCandidatesPerKey ?? 5000,
      rebuildAfter: options.rebuildAfter ?? 50_000,
    };
    this.postings = rules.map(
      (parts) =>
        new Postings(
          parts.map((part) => {
            const [field, kind] = part.split(":") as [string, string];
            return records.field(field).key(kind);
          }),
        ),
    );
    this.registered = records.size;
    this.stamp = new Int32Array(Math.max(16, records.size + 1));
    for (const postings of this.postings) postings.build(records.size);
  }

  /** Indexes a registry (all its records) under the model's blocking rules and the extra inquiry rules. */
  static build(records: RecordSet, model: LinkageModel, options: InquiryIndexOptions = {}): InquiryIndex {
    const fieldNames = new Set(records.fields.map((field) => field.name));
    const extra = (options.extraRules ?? DEFAULT_EXTRA_RULES).filter((rule) =>
      rule.every((part) => fieldNames.has(part.split(":")[0] ?? "")),
    );
    return new InquiryIndex(records, model, [...records.settings.blocking, ...extra], options);
  }

  get size(): number {
    return this.registered;
  }

  /** Adds a registry record (it counts towards term frequencies) and indexes it. */
  add(id: string, values: RecordValues): number {
    const record = this.records.add(id, values);
    this.registered = this.records.size;
    for (const postings of this.postings) postings.add(record);
    if (this.postings.some((postings) => postings.recentCount >= this.options.rebuildAfter)) {
      for (const postings of this.postings) postings.build(this.records.size);
    }
    return record;
  }

  /** Scores an inquiry against the registry; the best `limit` candidates above `minProbability`. */
  search(values: RecordValues, options: SearchOptions = {}): InquiryResult {
    const limit = options.limit ?? 10;
    const minProbability = options.minProbability ?? 0.01;
    const size = this.registered;
    const query = this.records.addQuery("(inquiry)", values);
    try {
      if (this.stamp.length < size + 1) this.stamp = new Int32Array(2 * (size + 1));
      this.generation++;
      const candidates: number[] = [];
      const generation = this.generation;
      const stamp = this.stamp;
      const visit = (record: number) => {
        if (record >= size || stamp[record] === generation) return;
        stamp[record] = generation;
        candidates.push(record);
      };
      for (const postings of this.postings) {
        const key = postings.keyOf(query);
        if (key >= 0) postings.lookup(key, this.options.maxCandidatesPerKey, visit);
      }
      const lambda = Math.min(0.5, this.options.expectedMatchesPerInquiry / Math.max(1, size));
      const scorer = new PairScorer(this.records, { ...this.model, lambda });
      const scored: InquiryMatch[] = [];
      for (const record of candidates) {
        const { weight, probability } = scorer.score(record, query);
        if (probability >= minProbability) {
          scored.push({ record, id: this.records.ids[record] as string, probability, weight });
        }
      }
      scored.sort((a, b) => b.probability - a.probability || b.weight - a.weight);
      const best = scored.slice(0, limit);
      const matches = options.explain
        ? best.map((match) => ({ ...match, explanation: scorer.explain(match.record, query) }))
        : best;
      return { matches, candidates: candidates.length };
    } finally {
      this.records.truncate(size);
    }
  }
}
