/**
 * Scores pairs of records under a model: the hot loop of linkage, and the explanation a reviewer sees.
 */
import type { Field } from "./fields/field";
import {
  bitsForProbability,
  type LinkageModel,
  levelBits,
  log2,
  priorBits,
  probabilityFromBits,
} from "./model";
import type { RecordSet } from "./record-set";

export interface FieldContribution {
  readonly field: string;
  readonly level: string;
  readonly label: string;
  readonly left: string;
  readonly right: string;
  readonly m: number;
  readonly u: number;
  /** log2(m/u). */
  readonly bits: number;
  /** log2(u / tf): the term-frequency adjustment (0 when the level has none). */
  readonly termFrequencyBits: number;
  /** Relative frequency of the agreed value, when adjusted. */
  readonly termFrequency: number | undefined;
}

export interface PairExplanation {
  readonly leftId: string;
  readonly rightId: string;
  readonly priorBits: number;
  readonly fields: readonly FieldContribution[];
  /** Σ bits + Σ termFrequencyBits. */
  readonly matchWeight: number;
  /** Probability before any guard. */
  readonly unguardedProbability: number;
  readonly probability: number;
  /** Set when the sibling guard capped the probability. */
  readonly guard: string | undefined;
}

/** Match weights of pairs of one record set under one model. */
export class PairScorer {
  private readonly bits: Float64Array[];
  private readonly tfLevels: Uint8Array[];
  private readonly u: Float64Array[];
  private readonly fields: readonly Field[];
  private readonly levels: Int32Array;
  /** Weight (bits, no prior) above which the sibling guard caps the probability. */
  readonly prior: number;

  constructor(
    readonly records: RecordSet,
    readonly model: LinkageModel,
  ) {
    this.fields = model.fields.map((parameters) => records.field(parameters.name));
    this.bits = model.fields.map(levelBits);
    this.tfLevels = model.fields.map((f) => Uint8Array.from(f.termFrequency, (t) => (t ? 1 : 0)));
    this.u = model.fields.map((f) => Float64Array.from(f.u));
    this.levels = new Int32Array(model.fields.length);
    this.prior = priorBits(model.lambda);
  }

  /** Match weight in bits (no prior); fills `this.lastLevels`. */
  weight(i: number, j: number): number {
    let total = 0;
    const fields = this.fields;
    for (let f = 0; f < fields.length; f++) {
      const field = fields[f] as Field;
      const level = field.compare(i, j);
      this.levels[f] = level;
      if (level === 0) continue;
      total += (this.bits[f] as Float64Array)[level] as number;
      if ((this.tfLevels[f] as Uint8Array)[level] === 1) {
        const tf = field.termFrequency(i, j, level);
        if (tf > 0) total += log2(((this.u[f] as Float64Array)[level] as number) / tf);
      }
    }
    return total;
  }

  /** Levels of the last pair passed to weight(). */
  get lastLevels(): Int32Array {
    return this.levels;
  }

  /** Whether the sibling guard applies to the last pair passed to weight(). */
  guardFired(): boolean {
    const guard = this.model.siblingGuard;
    if (guard === undefined) return false;
    const distinguishing = this.levels[guard.distinguishing] as number;
    const distinguishingLevels = (this.model.fields[guard.distinguishing] as { levels: readonly string[] })
      .levels;
    if (distinguishing !== distinguishingLevels.length - 1) return false;
    let shared = 0;
    for (const f of guard.shared) {
      const level = this.levels[f] as number;
      const count = (this.model.fields[f] as { levels: readonly string[] }).levels.length;
      if (level > 0 && level < count - 1) shared++;
    }
    return shared >= guard.minShared;
  }

  /** Probability of a weight under the model's prior, capped when the guard fired. */
  probability(weight: number, guarded: boolean): number {
    const p = probabilityFromBits(this.prior + weight);
    const cap = this.model.siblingGuard?.maxProbability;
    return guarded && cap !== undefined ? Math.min(p, cap) : p;
  }

  /** The weight a pair needs for probability ≥ p. */
  bitsFor(p: number): number {
    return bitsForProbability(p, this.model.lambda);
  }

  score(i: number, j: number): { weight: number; probability: number; guarded: boolean } {
    const weight = this.weight(i, j);
    const guarded = this.guardFired();
    return { weight, probability: this.probability(weight, guarded), guarded };
  }

  /** Every field's contribution, for the reviewer. */
  explain(i: number, j: number): PairExplanation {
    const weight = this.weight(i, j);
    const guarded = this.guardFired();
    const contributions: FieldContribution[] = this.model.fields.map((parameters, f) => {
      const field = this.fields[f] as Field;
      const level = this.levels[f] as number;
      const m = parameters.m[level] ?? 0;
      const u = parameters.u[level] ?? 0;
      let termFrequency: number | undefined;
      let termFrequencyBits = 0;
      if (level > 0 && parameters.termFrequency[level]) {
        const tf = field.termFrequency(i, j, level);
        if (tf > 0) {
          termFrequency = tf;
          termFrequencyBits = log2(u / tf);
        }
      }
      return {
        field: parameters.name,
        level: parameters.levels[level] ?? "?",
        label: parameters.labels[level] ?? "",
        left: field.display(i),
        right: field.display(j),
        m,
        u,
        bits: level === 0 ? 0 : log2(m / u),
        termFrequencyBits,
        termFrequency,
      };
    });
    const unguarded = probabilityFromBits(this.prior + weight);
    return {
      leftId: this.records.ids[i] as string,
      rightId: this.records.ids[j] as string,
      priorBits: this.prior,
      fields: contributions,
      matchWeight: weight,
      unguardedProbability: unguarded,
      probability: this.probability(weight, guarded),
      guard: guarded
        ? `possible siblings: ${this.model.fields[this.model.siblingGuard?.distinguishing ?? 0]?.name} differs while family names agree; capped at ${this.model.siblingGuard?.maxProbability}`
        : undefined,
    };
  }
}
