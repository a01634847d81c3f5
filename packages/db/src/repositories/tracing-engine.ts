/**
 * The bridge to the linkage engine (@athar/linkage): name comparison for the fallback matcher, and
 * Fellegi–Sunter scoring with the engine's trained model. The registry's records are given to the engine
 * in its `syrian-person` preset's columns (linkageValuesOf).
 */
import {
  type LinkageModel,
  nameKeys,
  type PairExplanation,
  PairScorer,
  PRESETS,
  parseLinkageSettings,
  RecordSet,
  runLinkage,
  sameName,
} from "@athar/linkage";
import type { Explanation, LinkageValues, NameComparer } from "@athar/registry";

export const LINKAGE_PRESET = "syrian-person";

/** Below this many records, EM has too little to learn from and the fallback matcher scores instead. */
export const MIN_TRAINING_RECORDS = 2000;

const settings = () => parseLinkageSettings(PRESETS[LINKAGE_PRESET]);

export const compareNames: NameComparer = (a, b) => {
  const ka = nameKeys(a);
  const kb = nameKeys(b);
  if (!ka || !kb) return "differ";
  if (ka.script === kb.script && ka.normalized === kb.normalized) return "exact";
  if (sameName(ka.names, kb.names)) return "same_name";
  // Both known to the dictionary as different names (Mohammad and Mahmoud, Hasan and Hussein): different,
  // although their consonants may agree.
  if (ka.names.length > 0 && kb.names.length > 0) return "differ";
  if (ka.skeleton === kb.skeleton) return "skeleton";
  return "differ";
};

export function toExplanation(e: PairExplanation): Explanation {
  return {
    engine: "linkage",
    priorBits: e.priorBits,
    fields: e.fields.map((f) => ({
      field: f.field,
      level: f.level,
      label: f.label,
      left: f.left,
      right: f.right,
      bits: f.bits,
      termFrequencyBits: f.termFrequencyBits,
    })),
    matchWeight: e.matchWeight,
    probability: e.probability,
    guard: e.guard ?? null,
  };
}

function recordSetOf(values: readonly LinkageValues[]): { records: RecordSet; skipped: string[] } {
  const records = new RecordSet(settings());
  const skipped: string[] = [];
  for (const value of values) {
    try {
      records.add(value.id, value);
    } catch {
      // A value the engine cannot read (it validates dates its own way): the record sits out this run.
      skipped.push(value.id);
    }
  }
  return { records, skipped };
}

/**
 * Scores one record against others with a stored model. Term frequencies come from this small set, so a
 * name shared by every candidate counts as common: the scores err low, never high.
 */
export function scoreWithModel(
  model: LinkageModel,
  left: LinkageValues,
  rights: readonly LinkageValues[],
): Map<string, Explanation> {
  const { records } = recordSetOf([left, ...rights]);
  const out = new Map<string, Explanation>();
  if (records.ids[0] !== left.id) return out;
  const scorer = new PairScorer(records, model);
  for (let j = 1; j < records.size; j++)
    out.set(records.ids[j] as string, toExplanation(scorer.explain(0, j)));
  return out;
}

export interface EngineDedupe {
  model: LinkageModel;
  pairs: { leftId: string; rightId: string; explanation: Explanation }[];
  compared: number;
  skipped: string[];
}

/** Deduplicates the whole registry with the engine: blocking, EM training, scoring. */
export function dedupeWithEngine(values: readonly LinkageValues[], threshold: number): EngineDedupe {
  const { records, skipped } = recordSetOf(values);
  const run = runLinkage(records, "dedupe", { threshold });
  const pairs = run.matches.map((m) => ({
    leftId: records.ids[m.left] as string,
    rightId: records.ids[m.right] as string,
    explanation: toExplanation(run.explain(m.left, m.right)),
  }));
  return { model: run.model, pairs, compared: run.compared, skipped };
}
