/**
 * The matcher used until the registry is large enough to train the linkage engine's model (EM needs
 * thousands of records; a registry that has just opened has a handful). It is the same Fellegi–Sunter
 * form — each field's agreement level adds log2(m/u) bits, the prior adds log2(λ/(1−λ)), and
 * P = 1 / (1 + 2^−(prior + W)) — with m and u fixed in FALLBACK_LEVELS instead of estimated. The values are
 * assumptions, stated here and in the README, chosen so that a full name with a date agrees far above the
 * threshold, a given and family name alone stays near it (a reviewer looks), and siblings are held down by
 * the same guard the engine uses: a different given name with two or more shared parentage names caps
 * the probability. Nothing is ever merged on this score alone: it only fills the review queue.
 */
import type { LinkageColumn, LinkageValues } from "./linkage-record";
import { parsePartialDate, partialDateRange, partialDatesOverlap } from "./partial-date";
import type { Explanation, FieldContribution } from "./review";

/** How two written names compare, as the linkage engine's name keys tell. */
export type NameAgreement = "exact" | "same_name" | "skeleton" | "differ";
export type NameComparer = (a: string, b: string) => NameAgreement;

interface Level {
  label: string;
  m: number;
  u: number;
}

export const FALLBACK_LEVELS = {
  name: {
    exact: { label: "same spelling", m: 0.75, u: 0.01 },
    same_name: { label: "same name, other spelling or script", m: 0.12, u: 0.005 },
    partial: {
      label: "one is the start of the other (a mother's given name and her full name)",
      m: 0.08,
      u: 0.008,
    },
    skeleton: { label: "same consonants", m: 0.08, u: 0.02 },
    differ: { label: "different names", m: 0.05, u: 0.965 },
  },
  date: {
    exact: { label: "same date", m: 0.6, u: 0.001 },
    compatible: { label: "agree on every part both know", m: 0.3, u: 0.05 },
    near: { label: "within a year", m: 0.05, u: 0.1 },
    differ: { label: "different dates", m: 0.05, u: 0.849 },
  },
  sex: {
    same: { label: "same", m: 0.98, u: 0.5 },
    differ: { label: "different", m: 0.02, u: 0.5 },
  },
  identifier: {
    same: { label: "same number", m: 0.95, u: 0.000001 },
    differ: { label: "different numbers", m: 0.05, u: 0.999999 },
  },
  place: {
    same: { label: "same place", m: 0.6, u: 0.05 },
    differ: { label: "different places", m: 0.4, u: 0.95 },
  },
} as const satisfies Record<string, Record<string, Level>>;

/** Prior probability that two records are the same person: 1 in 10,000. */
export const FALLBACK_LAMBDA = 1e-4;
export const SIBLING_GUARD_MAX_PROBABILITY = 0.1;
const PARENTAGE: readonly LinkageColumn[] = ["father_name", "grandfather_name", "family_name", "mother_name"];
const NAME_COLUMNS: readonly LinkageColumn[] = ["given_name", ...PARENTAGE];

const bitsOf = (level: Level) => Math.log2(level.m / level.u);
const priorBits = (lambda: number) => Math.log2(lambda / (1 - lambda));

function dateLevel(a: string, b: string): Level {
  const da = parsePartialDate(a);
  const db = parsePartialDate(b);
  if (!da || !db) return FALLBACK_LEVELS.date.differ;
  const full = (d: typeof da) => d.day !== null && d.uncertaintyYears === 0;
  if (full(da) && full(db) && partialDateRange(da).earliest === partialDateRange(db).earliest) {
    return FALLBACK_LEVELS.date.exact;
  }
  if (partialDatesOverlap(da, db)) return FALLBACK_LEVELS.date.compatible;
  if (Math.abs(da.year - db.year) <= 1 + da.uncertaintyYears + db.uncertaintyYears)
    return FALLBACK_LEVELS.date.near;
  return FALLBACK_LEVELS.date.differ;
}

const placeKey = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");

type NameLevel = keyof typeof FALLBACK_LEVELS.name;

/**
 * The whole values first; when they differ, word by word. Names of as many words that agree word by word
 * (`فاطمة الصباغ` and `Fatima Sabbagh`: the keys of a two-word value are not those of its words) agree at
 * the weakest of their words' levels; a shorter name that agrees word by word with the start of the longer
 * one (`Huda` and `هدى صالح`) is a partial agreement.
 */
function nameLevel(a: string, b: string, compareNames: NameComparer): NameLevel {
  const whole = compareNames(a, b);
  if (whole !== "differ") return whole;
  const [short, long] = [a, b].map((v) => v.trim().split(/\s+/)).sort((x, y) => x.length - y.length) as [
    string[],
    string[],
  ];
  const words = short.map((word, i) => compareNames(word, long[i] as string));
  if (words.includes("differ")) return "differ";
  if (short.length < long.length) return "partial";
  if (short.length === 1) return "differ"; // one word each: the whole comparison already said so
  return words.includes("skeleton") ? "skeleton" : "same_name";
}

/** Scores one pair and explains it field by field, in the form the review queue shows. */
export function fallbackExplanation(
  left: LinkageValues,
  right: LinkageValues,
  compareNames: NameComparer,
): Explanation {
  const fields: FieldContribution[] = [];
  const push = (field: LinkageColumn, level: string, spec: Level) =>
    fields.push({
      field,
      level,
      label: spec.label,
      left: left[field],
      right: right[field],
      bits: bitsOf(spec),
      termFrequencyBits: 0,
    });
  const nameLevels = new Map<LinkageColumn, NameLevel>();
  for (const column of NAME_COLUMNS) {
    if (left[column] === "" || right[column] === "") continue;
    const agreement = nameLevel(left[column], right[column], compareNames);
    nameLevels.set(column, agreement);
    push(column, agreement, FALLBACK_LEVELS.name[agreement]);
  }
  if (left.sex !== "" && right.sex !== "") {
    const same = left.sex === right.sex;
    push("sex", same ? "same" : "differ", same ? FALLBACK_LEVELS.sex.same : FALLBACK_LEVELS.sex.differ);
  }
  if (left.birth_date !== "" && right.birth_date !== "") {
    const level = dateLevel(left.birth_date, right.birth_date);
    const id = (Object.entries(FALLBACK_LEVELS.date).find(([, spec]) => spec === level)?.[0] ??
      "differ") as string;
    push("birth_date", id, level);
  }
  if (left.birth_place !== "" && right.birth_place !== "") {
    const same = placeKey(left.birth_place) === placeKey(right.birth_place);
    push(
      "birth_place",
      same ? "same" : "differ",
      same ? FALLBACK_LEVELS.place.same : FALLBACK_LEVELS.place.differ,
    );
  }
  if (left.national_id !== "" && right.national_id !== "") {
    const same = left.national_id === right.national_id;
    push(
      "national_id",
      same ? "same" : "differ",
      same ? FALLBACK_LEVELS.identifier.same : FALLBACK_LEVELS.identifier.differ,
    );
  }
  const prior = priorBits(FALLBACK_LAMBDA);
  const matchWeight = fields.reduce((sum, f) => sum + f.bits, 0);
  const unguarded = 1 / (1 + 2 ** -(prior + matchWeight));
  const sharedParentage = PARENTAGE.filter((c) => {
    const level = nameLevels.get(c);
    return level === "exact" || level === "same_name";
  }).length;
  const sameNationalId = fields.some((f) => f.field === "national_id" && f.level === "same");
  const siblingLike = nameLevels.get("given_name") === "differ" && sharedParentage >= 2 && !sameNationalId;
  const guard = siblingLike
    ? `different given names with ${sharedParentage} parentage names in common: possibly siblings`
    : null;
  return {
    engine: "fallback",
    priorBits: prior,
    fields,
    matchWeight,
    probability: guard ? Math.min(unguarded, SIBLING_GUARD_MAX_PROBABILITY) : unguarded,
    guard,
  };
}

/** Probability before the sibling guard, from an explanation. */
export const unguardedProbability = (explanation: Explanation): number =>
  1 / (1 + 2 ** -(explanation.priorBits + explanation.matchWeight));
