/**
 * Deduplicates a synthetic file on all cores and scores the result against its truth.
 *   node --import tsx bench/linkage/generate.ts --records 1000000 --out /tmp/syn-1m.csv
 *   node --import tsx bench/linkage/dedupe.ts --in /tmp/syn-1m.csv [--threads 2]
 * Reports wall time per stage, peak memory (RSS, sampled), pairwise precision/recall/F1 of the links and of
 * the clusters, and links or clusters that join siblings (records of one household, different people).
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { clusterRun } from "../../packages/linkage/src/linkage";
import { linkFiles } from "../../packages/linkage/src/node/parallel-linkage";
import { syrianPersonSettings } from "../../packages/linkage/src/presets/syrian-person";
import { parseLinkageSettings } from "../../packages/linkage/src/settings";

const { values } = parseArgs({
  options: {
    in: { type: "string" },
    threads: { type: "string" },
    threshold: { type: "string", default: "0.5" },
    "show-siblings": { type: "string", default: "0" },
  },
});
const input = values.in;
if (input === undefined) throw new Error("--in is required");
let peak = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 100);
const stages: string[] = [];
const started = performance.now();
const settings = parseLinkageSettings(syrianPersonSettings);
const { records, run } = await linkFiles(settings, [{ path: input, sourceIndex: 0 }], "dedupe", {
  threads: values.threads === undefined ? undefined : Number(values.threads),
  threshold: Number(values.threshold),
  onStage: (stage, ms) => stages.push(`${stage} ${(ms / 1000).toFixed(1)} s`),
});
const clusterStarted = performance.now();
const clustering = clusterRun(records, run);
stages.push(`cluster ${((performance.now() - clusterStarted) / 1000).toFixed(1)} s`);
const total = (performance.now() - started) / 1000;
peak = Math.max(peak, process.memoryUsage().rss);
clearInterval(sampler);

const truth = new Map<string, { person: number; household: number }>();
for (const line of readFileSync(`${input}.truth.csv`, "utf8").split(/\r?\n/).slice(1)) {
  const [id, person, household] = line.split(",");
  if (id) truth.set(id, { person: Number(person), household: Number(household) });
}
const person = records.ids.map((id) => truth.get(id)?.person ?? -1);
const household = records.ids.map((id) => truth.get(id)?.household ?? -1);
const count = new Map<number, number>();
for (const p of person) count.set(p, (count.get(p) ?? 0) + 1);
let truePairs = 0;
for (const c of count.values()) truePairs += (c * (c - 1)) / 2;
let linkTp = 0;
let siblingLinks = 0;
const showSiblings = Number(values["show-siblings"]);
for (const match of run.matches) {
  if (person[match.left] === person[match.right]) linkTp++;
  else if (household[match.left] === household[match.right]) {
    siblingLinks++;
    if (siblingLinks <= showSiblings) {
      const e = run.explain(match.left, match.right);
      console.error(
        `sibling link p=${e.probability.toFixed(3)} ${e.fields.map((f) => `${f.field}=${f.left}|${f.right}:${f.level}:${(f.bits + f.termFrequencyBits).toFixed(1)}`).join("  ")} corr=${e.correlations.map((c) => c.bits.toFixed(1)).join(",")}`,
      );
    }
  }
}
// Cluster pairs: every pair inside a cluster counts as a predicted match.
const members = new Map<number, number[]>();
clustering.clusterOf.forEach((cluster, record) => {
  const list = members.get(cluster);
  if (list === undefined) members.set(cluster, [record]);
  else list.push(record);
});
let clusterPairs = 0;
let clusterTp = 0;
let siblingClusterPairs = 0;
for (const list of members.values()) {
  for (let x = 0; x < list.length; x++) {
    for (let y = x + 1; y < list.length; y++) {
      clusterPairs++;
      const a = list[x] as number;
      const b = list[y] as number;
      if (person[a] === person[b]) clusterTp++;
      else if (household[a] === household[b]) siblingClusterPairs++;
    }
  }
}
const f1 = (tp: number, predicted: number) => {
  const precision = tp / predicted;
  const recall = tp / truePairs;
  return {
    precision: precision.toFixed(4),
    recall: recall.toFixed(4),
    f1: ((2 * precision * recall) / (precision + recall)).toFixed(4),
  };
};
console.log(
  JSON.stringify(
    {
      records: records.size,
      wallSeconds: Number(total.toFixed(1)),
      stages,
      peakRssMiB: Math.round(peak / 2 ** 20),
      comparedPairs: run.compared,
      lambda: run.model.lambda,
      truePairs,
      links: { count: run.matches.length, ...f1(linkTp, run.matches.length), siblingLinks },
      clusters: {
        count: clustering.clusters,
        ...f1(clusterTp, clusterPairs),
        siblingPairs: siblingClusterPairs,
        refusedLinks: clustering.refused.length,
      },
    },
    null,
    2,
  ),
);
