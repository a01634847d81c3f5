/**
 * Cross-script comparison on the transliteration pairs (test-data/translit, Arabic → Latin, mostly
 * names of non-Arab origin): for every Arabic name, the Latin names of the same split that share its
 * skeleton or its coarse skeleton are its candidates (blocking); the similarity of a candidate is 1 for the
 * same dictionary name and otherwise Jaro–Winkler on the skeletons. The threshold is chosen on `eval`
 * (best F1) and reported on `test`:
 *   node --import tsx bench/linkage/translit.ts
 */
import { readFileSync } from "node:fs";
import { sameName } from "../../packages/linkage/src/names/dictionary";
import { nameKeys } from "../../packages/linkage/src/names/name-keys";
import { jaroWinkler } from "../../packages/linkage/src/similarity";

type Split = "train" | "eval" | "test";
const file = (split: Split) => new URL(`../../test-data/translit/ar2en-${split}.txt`, import.meta.url);

interface Scored {
  readonly similarity: number;
  readonly correct: boolean;
}

function evaluate(split: Split) {
  const lines = readFileSync(file(split), "utf8")
    .split(/\r?\n/)
    .filter((line) => line.includes("\t"));
  const gold = new Map<string, Set<string>>();
  const latin = new Set<string>();
  for (const line of lines) {
    const [arabic, english] = line.split("\t") as [string, string];
    const set = gold.get(arabic) ?? new Set<string>();
    set.add(english);
    gold.set(arabic, set);
    latin.add(english);
  }
  const latinKeys = new Map([...latin].map((name) => [name, nameKeys(name)] as const));
  const bySkeleton = new Map<string, string[]>();
  for (const [name, keys] of latinKeys) {
    if (keys === undefined) continue;
    for (const key of new Set([`s:${keys.skeleton}`, `c:${keys.coarse}`])) {
      const list = bySkeleton.get(key) ?? [];
      list.push(name);
      bySkeleton.set(key, list);
    }
  }
  let found = 0;
  let candidates = 0;
  const scored: Scored[] = [];
  for (const [arabic, correct] of gold) {
    const keys = nameKeys(arabic);
    if (keys === undefined) continue;
    const pool = new Set([
      ...(bySkeleton.get(`s:${keys.skeleton}`) ?? []),
      ...(bySkeleton.get(`c:${keys.coarse}`) ?? []),
    ]);
    candidates += pool.size;
    if ([...correct].some((name) => pool.has(name))) found++;
    for (const name of pool) {
      const other = latinKeys.get(name);
      if (other === undefined) continue;
      const similarity =
        keys.names.length > 0 && sameName(keys.names, other.names)
          ? 1
          : jaroWinkler(keys.skeleton, other.skeleton);
      scored.push({ similarity, correct: correct.has(name) });
    }
  }
  return {
    names: gold.size,
    pairs: lines.length,
    candidateRecall: found / gold.size,
    meanCandidates: candidates / gold.size,
    scored,
    gold,
  };
}

function atThreshold(result: ReturnType<typeof evaluate>, threshold: number) {
  let predicted = 0;
  let correct = 0;
  for (const item of result.scored) {
    if (item.similarity < threshold) continue;
    predicted++;
    if (item.correct) correct++;
  }
  let goldPairs = 0;
  for (const set of result.gold.values()) goldPairs += set.size;
  const precision = correct / Math.max(1, predicted);
  const recall = correct / goldPairs;
  return { threshold, precision, recall, f1: (2 * precision * recall) / Math.max(1e-12, precision + recall) };
}

const tuning = evaluate("eval");
let best = atThreshold(tuning, 0.5);
for (let t = 0.5; t <= 1.0001; t += 0.01) {
  const candidate = atThreshold(tuning, Number(t.toFixed(2)));
  if (candidate.f1 > best.f1) best = candidate;
}
const train = evaluate("train");
const test = evaluate("test");
const round = (x: number) => Number(x.toFixed(4));
console.log(
  JSON.stringify(
    {
      thresholdChosenOnEval: best.threshold,
      eval: { candidateRecall: round(tuning.candidateRecall), atThreshold: best },
      train: { candidateRecall: round(train.candidateRecall), meanCandidates: round(train.meanCandidates) },
      test: {
        arabicNames: test.names,
        pairs: test.pairs,
        candidateRecall: round(test.candidateRecall),
        meanCandidates: round(test.meanCandidates),
        ...Object.fromEntries(
          Object.entries(atThreshold(test, best.threshold)).map(([k, v]) => [k, round(v)]),
        ),
      },
    },
    null,
    2,
  ),
);
