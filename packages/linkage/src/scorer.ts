/**
 * Scores pairs of records under a model: the hot loop of linkage, and the explanation a reviewer sees.
 */
import { agreementMask, agreementTables } from "./correlation";
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
  /** Corrections for correlated fields (siblings agree on all parents' names), in bits. */
  readonly correlations: readonly { readonly fields: readonly string[]; readonly bits: number }[];
  /** Σ bits + Σ termFrequencyBits + Σ correlation bits. */
  readonly matchWeight: number;
  /** Probability before any guard. */
  readonly unguardedProbability: number;
  readonly probability: number;
  /** Why a guard capped the probability, when one did. */
  readonly guard: string | undefined;
}

/** Evidence, in bits, that one field of a proof must give on its own (see guardFired). */
export const PROOF_BITS = 4;
/** Evidence, in bits, that a proof with a part below PROOF_BITS needs in all. */
export const WEAK_PROOF_BITS = 10;

const DIFFERENT_NAMES = 2;

export const GUARD_NONE = 0;
/** The parents' names agree and nothing proves this is not a brother or sister. */
export const GUARD_SIBLINGS = 1;
/** A strong identifier (national ID) disagrees outright. */
export const GUARD_CONFLICT = 2;

/** Match weights of pairs of one record set under one model. */
export class PairScorer {
  private readonly bits: Float64Array[];
  private readonly tfLevels: Uint8Array[];
  private readonly u: Float64Array[];
  private readonly fields: readonly Field[];
  private readonly levels: Int32Array;
  /** Term-frequency bits of the last pair, after the correlated-group rule. */
  private readonly tfBits: Float64Array;
  /** For each field, the correlated group it belongs to (-1 if none). */
  private readonly groupOf: Int32Array;
  private readonly groupBest: Float64Array;
  private readonly groupBestField: Int32Array;
  /** Per field and level: 0 agreement or missing, 1 disagreement ("else"), 2 two different listed names. */
  private readonly disagreement: Uint8Array[];
  /** Per field and level: 1 when the level counts as agreeing. */
  private readonly agreeTables: Uint8Array[];
  /** The prior in bits, log2(λ/(1−λ)). */
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
    this.tfBits = new Float64Array(model.fields.length);
    this.groupOf = new Int32Array(model.fields.length).fill(-1);
    model.correlatedGroups.forEach((group, g) => {
      for (const f of group.fields) this.groupOf[f] = g;
    });
    this.groupBest = new Float64Array(model.correlatedGroups.length);
    this.groupBestField = new Int32Array(model.correlatedGroups.length);
    this.agreeTables = agreementTables(this.fields);
    this.disagreement = model.fields.map((parameters) =>
      Uint8Array.from(parameters.levels, (id, level) =>
        id === "different" ? DIFFERENT_NAMES : level === parameters.levels.length - 1 ? 1 : 0,
      ),
    );
    this.prior = priorBits(model.lambda);
  }

  /**
   * Match weight in bits (no prior). Term-frequency bonuses of fields in one correlated group do not add
   * up: siblings share a rare family name and their father's rare name because they are one family, so only
   * the largest bonus in the group counts (penalties for common values all count).
   */
  weight(i: number, j: number): number {
    let total = 0;
    const fields = this.fields;
    const groups = this.groupBest.length;
    for (let g = 0; g < groups; g++) {
      this.groupBest[g] = 0;
      this.groupBestField[g] = -1;
    }
    for (let f = 0; f < fields.length; f++) {
      const field = fields[f] as Field;
      const level = field.compare(i, j);
      this.levels[f] = level;
      this.tfBits[f] = 0;
      if (level === 0) continue;
      total += (this.bits[f] as Float64Array)[level] as number;
      if ((this.tfLevels[f] as Uint8Array)[level] === 1) {
        const tf = field.termFrequency(i, j, level);
        if (tf <= 0) continue;
        const bonus = log2(((this.u[f] as Float64Array)[level] as number) / tf);
        const g = this.groupOf[f] as number;
        if (g < 0 || bonus <= 0) {
          this.tfBits[f] = bonus;
          total += bonus;
        } else if (bonus > (this.groupBest[g] as number)) {
          this.groupBest[g] = bonus;
          this.groupBestField[g] = f;
        }
      }
    }
    for (let g = 0; g < groups; g++) {
      const f = this.groupBestField[g] as number;
      if (f < 0) continue;
      this.tfBits[f] = this.groupBest[g] as number;
      total += this.groupBest[g] as number;
    }
    const tables = this.agreeTables;
    for (const group of this.model.correlatedGroups) {
      let released = false;
      for (const f of group.unlessAgreeing) {
        if ((tables[f] as Uint8Array)[this.levels[f] as number] === 1) released = true;
      }
      if (released) continue;
      let mask = 0;
      const groupFields = group.fields;
      for (let k = 0; k < groupFields.length; k++) {
        const f = groupFields[k] as number;
        if ((tables[f] as Uint8Array)[this.levels[f] as number] === 1) mask |= 1 << k;
      }
      total += group.correctionBits[mask] as number;
    }
    return total;
  }

  /** Levels of the last pair passed to weight(). */
  get lastLevels(): Int32Array {
    return this.levels;
  }

  private strongAgreement(f: number, level: number): boolean {
    // Same spelling, or for names the same listed name (not a guess from an unlisted spelling).
    return level === 1 || (level <= 3 && (this.fields[f] as Field).type === "name");
  }

  /**
   * Which guard applies to the last pair passed to weight(): a conflict on a strong identifier, or possible
   * siblings (the parents' fields agree, and the given name differs outright or no proof of identity holds).
   */
  guardFired(): number {
    for (const f of this.model.strongIdentifiers) {
      const level = this.levels[f] as number;
      if (level > 0 && level === (this.bits[f] as Float64Array).length - 1) return GUARD_CONFLICT;
    }
    const guard = this.model.siblingGuard;
    if (guard === undefined) return GUARD_NONE;
    const shared = this.sharedParents(guard.shared);
    if (shared === 0) return GUARD_NONE;
    // A distinguishing field that disagrees outright (another given name, another birth date) points to a
    // brother or sister as soon as one parent's field agrees; then only a proof that does not rest on those
    // fields (the national ID) lifts the cap. Otherwise the cap needs `minShared` parents' fields and no proof.
    let differs = false;
    for (const f of guard.distinguishing) {
      if ((this.disagreement[f] as Uint8Array)[this.levels[f] as number] !== 0) differs = true;
    }
    if (shared < guard.minShared && !differs) return GUARD_NONE;
    if (!differs && guard.proofs.length === 0) return GUARD_NONE;
    for (const proof of guard.proofs) {
      if (differs && proof.some((part) => guard.distinguishing.includes(part.field))) continue;
      // A strong part needs the same spelling or listed name, however common. Other parts must each give
      // evidence, term frequency included (a skeleton shared with Mahmoud is none for Mohammad), one of them
      // odds of 16:1 on its own (PROOF_BITS), and when one is weaker than that, together 2^10:1
      // (WEAK_PROOF_BITS): a given name that only resembles the other (Mahmoud, Mohammad and Ahmad share
      // their consonants, and brothers bear them) needs a date that siblings do not share.
      let holds = true;
      let strongest = proof.length === 0 ? Number.POSITIVE_INFINITY : 0;
      let weakest = Number.POSITIVE_INFINITY;
      let total = 0;
      for (const part of proof) {
        const level = this.levels[part.field] as number;
        if (level === 0) {
          holds = false;
          break;
        }
        if (part.strong) {
          if (!this.strongAgreement(part.field, level)) holds = false;
          strongest = Number.POSITIVE_INFINITY;
          continue;
        }
        const bits = this.fieldBits(part.field, level);
        if (bits <= 0) holds = false;
        strongest = Math.max(strongest, bits);
        weakest = Math.min(weakest, bits);
        total += bits;
        if (!holds) break;
      }
      holds &&= strongest >= PROOF_BITS && (weakest >= PROOF_BITS || total >= WEAK_PROOF_BITS);
      if (holds) return GUARD_NONE;
    }
    return GUARD_SIBLINGS;
  }

  /** How many of the parents' fields give evidence for the match (a misspelt one as well as an identical one). */
  private sharedParents(fields: readonly number[]): number {
    let shared = 0;
    for (const f of fields) {
      const level = this.levels[f] as number;
      if (level > 0 && this.fieldBits(f, level) > 0) shared++;
    }
    return shared;
  }

  /** A field's contribution to the last pair, term-frequency adjustment included (Mohammad counts little). */
  private fieldBits(f: number, level: number): number {
    return ((this.bits[f] as Float64Array)[level] as number) + (this.tfBits[f] as number);
  }

  /**
   * A reason why the records of the last pair passed to weight() cannot be one person, not merely a lack of
   * evidence that they are: a strong identifier disagrees, or the parents' fields agree while a
   * distinguishing field (given name, birth date) disagrees outright. Clustering refuses chains through such
   * pairs.
   */
  hardConflict(): string | undefined {
    for (const f of this.model.strongIdentifiers) {
      const level = this.levels[f] as number;
      if (level > 0 && level === (this.bits[f] as Float64Array).length - 1) {
        return `different ${this.model.fields[f]?.name}`;
      }
    }
    const guard = this.model.siblingGuard;
    if (guard === undefined) return undefined;
    const shared = this.sharedParents(guard.shared);
    if (shared === 0) return undefined;
    for (const f of guard.distinguishing) {
      if ((this.disagreement[f] as Uint8Array)[this.levels[f] as number] !== 0) {
        return `possible siblings (a parent's name agrees, ${this.model.fields[f]?.name} differs)`;
      }
    }
    return undefined;
  }

  /** The cap a guard puts on the probability (1 for none). */
  guardCap(guard: number): number {
    if (guard === GUARD_CONFLICT) return this.model.conflictMaxProbability;
    if (guard === GUARD_SIBLINGS) return this.model.siblingGuard?.maxProbability ?? 1;
    return 1;
  }

  /** Probability of a weight under the model's prior, capped when a guard fired. */
  probability(weight: number, guard: number): number {
    const p = probabilityFromBits(this.prior + weight);
    return guard === GUARD_NONE ? p : Math.min(p, this.guardCap(guard));
  }

  /** The weight a pair needs for probability ≥ p. */
  bitsFor(p: number): number {
    return bitsForProbability(p, this.model.lambda);
  }

  score(i: number, j: number): { weight: number; probability: number; guard: number } {
    const weight = this.weight(i, j);
    const guard = this.guardFired();
    return { weight, probability: this.probability(weight, guard), guard };
  }

  /** Every field's contribution, for the reviewer. */
  explain(i: number, j: number): PairExplanation {
    const weight = this.weight(i, j);
    const guard = this.guardFired();
    const contributions: FieldContribution[] = this.model.fields.map((parameters, f) => {
      const field = this.fields[f] as Field;
      const level = this.levels[f] as number;
      const m = parameters.m[level] ?? 0;
      const u = parameters.u[level] ?? 0;
      let termFrequency: number | undefined;
      if (level > 0 && parameters.termFrequency[level]) {
        const tf = field.termFrequency(i, j, level);
        if (tf > 0) termFrequency = tf;
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
        termFrequencyBits: this.tfBits[f] as number,
        termFrequency,
      };
    });
    const correlations = this.model.correlatedGroups.map((group) => {
      const mask = agreementMask(group, this.fields, this.levels);
      return {
        fields: group.fields
          .filter((_, k) => (mask & (1 << k)) !== 0)
          .map((f) => this.model.fields[f]?.name ?? "?"),
        bits: group.correctionBits[mask] as number,
      };
    });
    const unguarded = probabilityFromBits(this.prior + weight);
    const cap = this.guardCap(guard);
    return {
      leftId: this.records.ids[i] as string,
      rightId: this.records.ids[j] as string,
      priorBits: this.prior,
      fields: contributions,
      correlations,
      matchWeight: weight,
      unguardedProbability: unguarded,
      probability: this.probability(weight, guard),
      guard:
        guard === GUARD_CONFLICT
          ? `conflicting identifiers: ${this.model.strongIdentifiers.map((f) => this.model.fields[f]?.name).join(", ")} disagree; probability capped at ${cap}`
          : guard === GUARD_SIBLINGS
            ? `possible siblings: the parents' names agree and nothing tells this person from a brother or sister (the given name or the birth date differs, or there is no proof of identity: the same given name, a similar one with the same birth date, or the national ID); probability capped at ${cap}`
            : undefined,
    };
  }
}
