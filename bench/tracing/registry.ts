/**
 * Tracing registry benchmark: a synthetic registry of N records (households of siblings, Arabic registers,
 * Latin gate records), then
 *  - registry search by name (p50/p95 of 50 queries),
 *  - proposals for one new inquiry record, with the fallback matcher and then with the linkage engine's
 *    stored model (p50/p95 of 50 inquiries),
 *  - a full matching run (the engine: blocking, EM training, scoring) over the registry.
 *
 *   node --import tsx bench/tracing/registry.ts [--records 20000] [--db sqlite|postgres]
 */
import { parseArgs } from "node:util";
import { seededRandom } from "@athar/core";
import { matches, persons, Store } from "@athar/db";
import { personCreateSchema } from "@athar/registry";
import { generatePopulation } from "../../packages/db/test/support/tracing-population";
import { createTestDatabase } from "../../test-support/databases";

const { values } = parseArgs({
  options: { records: { type: "string", default: "20000" }, db: { type: "string", default: "sqlite" } },
});
const target = Number(values.records);
const kind = values.db === "postgres" ? "postgres" : "sqlite";
const actor = { id: null, name: "bench" };

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
const summary = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return `p50 ${percentile(sorted, 0.5).toFixed(1)} ms, p95 ${percentile(sorted, 0.95).toFixed(1)} ms, max ${(sorted.at(-1) ?? 0).toFixed(1)} ms`;
};

const database = await createTestDatabase(kind);
const store = await Store.open(database.config);
try {
  // About 2.9 records per household (children, and a third of them again at the gate).
  const people = generatePopulation(Math.ceil(target / 2.9), 2026);
  const records = people.flatMap((p) => [p.register, ...(p.gate ? [p.gate] : [])]).slice(0, target);
  let t = performance.now();
  for (let i = 0; i < records.length; i += 1000) {
    await store.write(actor, async (w) => {
      for (const record of records.slice(i, i + 1000)) await persons.createPerson(w, record);
    });
  }
  const insertSeconds = (performance.now() - t) / 1000;
  console.log(`${kind}: ${records.length} records inserted in ${insertSeconds.toFixed(1)} s`);

  const random = seededRandom(7);
  const queries = Array.from({ length: 50 }, () => {
    const someone = random.pick(people).register.name.arabic;
    return random.next() < 0.5
      ? `${someone?.given} ${someone?.family}`
      : `${someone?.given} ${someone?.father} ${someone?.family}`;
  });
  const searchTimes: number[] = [];
  let hits = 0;
  for (const q of queries) {
    t = performance.now();
    const result = await persons.searchPersons(store.db, { q, limit: 50, offset: 0 });
    searchTimes.push(performance.now() - t);
    hits += result.total;
  }
  console.log(`search (50 queries, mean ${(hits / 50).toFixed(0)} hits): ${summary(searchTimes)}`);

  const inquiryRecords = Array.from({ length: 50 }, () => {
    const someone = random.pick(people);
    return personCreateSchema.parse({
      ...someone.register,
      source: { kind: "inquiry", reference: "bench" },
      birthDate: someone.register.birthDate
        ? { year: someone.register.birthDate.year, uncertaintyYears: 2 }
        : null,
      statuses: [],
    });
  });
  async function proposeAll(label: string) {
    const times: number[] = [];
    let engine = "";
    for (const record of inquiryRecords) {
      const created = await store.write(actor, (w) => persons.createPerson(w, record));
      t = performance.now();
      const report = await store.write(actor, (w) => matches.proposeForPerson(w, created.id));
      times.push(performance.now() - t);
      engine = report.engine;
    }
    console.log(`proposals for one inquiry, ${label} (${engine}): ${summary(times)}`);
  }
  await proposeAll("before training");

  t = performance.now();
  const run = await store.write(actor, (w) => matches.runFullMatching(w));
  console.log(
    `full matching run (${run.engine}): ${run.records} records, ${run.compared} pairs compared, ${run.created} proposals, ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  await proposeAll("with the stored model");
} finally {
  await store.close();
  await database.drop();
}
