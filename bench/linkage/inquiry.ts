/**
 * One inquiry against a registry of a million records: latency (p50, p95, max) and whether the sought
 * person is among the first ten answers.
 *   node --import tsx bench/linkage/generate.ts --records 1000000 --out /tmp/syn-1m.csv
 *   node --import tsx bench/linkage/inquiry.ts --in /tmp/syn-1m.csv [--inquiries 2000]
 * The model is trained on the registry first (as the server would at start-up); the inquiries are new
 * records of registered people, written as a family would give them (often no grandfather, no mother, no
 * national ID, an approximate birth year), drawn from the same seeded population.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { seededRandom } from "@athar/core";
import { InquiryIndex } from "../../packages/linkage/src/inquiry-index";
import { prepareLinkage } from "../../packages/linkage/src/linkage";
import { readRecordFiles } from "../../packages/linkage/src/node/read-records";
import { syrianPersonSettings } from "../../packages/linkage/src/presets/syrian-person";
import { parseLinkageSettings } from "../../packages/linkage/src/settings";
import { generatePopulation } from "../../packages/linkage/src/synthetic/population";
import { DEFAULT_STYLE, renderRecord } from "../../packages/linkage/src/synthetic/records";

const { values } = parseArgs({
  options: {
    in: { type: "string" },
    inquiries: { type: "string", default: "2000" },
    seed: { type: "string", default: "1" },
  },
});
const input = values.in;
if (input === undefined) throw new Error("--in is required");
const settings = parseLinkageSettings(syrianPersonSettings);
let started = performance.now();
const records = readRecordFiles(settings, [{ path: input, sourceIndex: 0 }]);
const readSeconds = (performance.now() - started) / 1000;
started = performance.now();
const { model } = prepareLinkage(records, "dedupe");
const trainSeconds = (performance.now() - started) / 1000;
started = performance.now();
const index = InquiryIndex.build(records, model);
const buildSeconds = (performance.now() - started) / 1000;

// The registry's truth, and the population it was drawn from (same seed and size as generate.ts used).
const personOf = new Map<string, number>();
for (const line of readFileSync(`${input}.truth.csv`, "utf8").split(/\r?\n/).slice(1)) {
  const [id, person] = line.split(",");
  if (id) personOf.set(id, Number(person));
}
const registered = new Set(personOf.values());
const expectedPerPerson = 1 + 0.3 * 1.3;
const population = generatePopulation({
  seed: Number(values.seed),
  persons: Math.ceil((records.size / expectedPerPerson) * 1.05) + 10,
});
const familyStyle = {
  ...DEFAULT_STYLE,
  latinShare: 0.5,
  missing: {
    ...DEFAULT_STYLE.missing,
    grandfather_name: 0.6,
    mother_name: 0.5,
    national_id: 0.8,
    birth_place: 0.6,
  },
};
const random = seededRandom(99);
const candidates = population.persons.filter((person) => registered.has(person.person));
const count = Number(values.inquiries);
const latencies: number[] = [];
let found = 0;
let candidatesTotal = 0;
for (let q = 0; q < count; q++) {
  const person = candidates[Math.floor(random.next() * candidates.length)];
  if (person === undefined) continue;
  const inquiry = renderRecord(person, "inquiry", familyStyle, random);
  const t0 = performance.now();
  const result = index.search(inquiry.values, { limit: 10 });
  latencies.push(performance.now() - t0);
  candidatesTotal += result.candidates;
  if (result.matches.some((match) => personOf.get(match.id) === person.person)) found++;
}
latencies.sort((a, b) => a - b);
const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
console.log(
  JSON.stringify(
    {
      registry: records.size,
      readSeconds: Number(readSeconds.toFixed(1)),
      trainSeconds: Number(trainSeconds.toFixed(1)),
      indexBuildSeconds: Number(buildSeconds.toFixed(1)),
      inquiries: latencies.length,
      latencyMs: {
        p50: Number(at(0.5).toFixed(2)),
        p95: Number(at(0.95).toFixed(2)),
        max: Number(at(1).toFixed(2)),
      },
      meanCandidates: Math.round(candidatesTotal / Math.max(1, latencies.length)),
      foundInTop10: Number((found / Math.max(1, latencies.length)).toFixed(4)),
      rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20),
    },
    null,
    2,
  ),
);
