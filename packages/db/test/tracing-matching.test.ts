/**
 * Matching over a seeded synthetic population with known truth (support/tracing-population.ts): households
 * of siblings, each person in an Arabic register and some also at the gate in Latin letters. Both matchers
 * must find the gate records' register entries and hold every pair of siblings down; nothing is merged.
 */
import { fixedClock } from "@athar/core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test-support/databases";
import { matches, persons, Store } from "../src";
import { generatePopulation } from "./support/tracing-population";

const actor = { id: null, name: "tester" };

describeEachDatabase("tracing matching", (database) => {
  let store: Store;
  const truth = new Map<string, string>();
  const household = new Map<string, number>();
  let duplicates = 0;

  beforeAll(async () => {
    store = await Store.open(database().config, { clock: fixedClock("2026-02-01T08:00:00Z") });
    const people = generatePopulation(70, 11);
    await store.write(actor, async (w) => {
      for (const person of people) {
        for (const record of [person.register, person.gate]) {
          if (!record) continue;
          const created = await persons.createPerson(w, record);
          truth.set(created.id, person.key);
          household.set(created.id, person.household);
        }
        if (person.gate) duplicates++;
      }
    });
  });
  afterAll(async () => store?.close());

  async function evaluate() {
    const { candidates } = await matches.listCandidates(store.db, {
      states: ["open"],
      limit: 10_000,
      offset: 0,
    });
    const same = (c: matches.Candidate) => truth.get(c.leftPersonId) === truth.get(c.rightPersonId);
    const siblings = (c: matches.Candidate) =>
      !same(c) && household.get(c.leftPersonId) === household.get(c.rightPersonId);
    const probable = candidates.filter((c) => c.probability >= 0.5);
    return {
      candidates,
      found: probable.filter(same).length,
      wrong: probable.filter((c) => !same(c)).length,
      siblingPairs: candidates.filter(siblings),
    };
  }

  it("proposes with the fallback matcher on a small registry: duplicates found, siblings held down", async () => {
    const report = await store.write(actor, (w) =>
      matches.runFullMatching(w, { minTrainingRecords: Number.POSITIVE_INFINITY }),
    );
    expect(report.engine).toBe("fallback");
    const result = await evaluate();
    expect(result.found / duplicates).toBeGreaterThanOrEqual(0.9);
    expect(result.wrong).toBeLessThanOrEqual(Math.ceil(duplicates * 0.05));
    expect(result.siblingPairs.length).toBeGreaterThan(0); // they are shown to reviewers, flagged …
    for (const pair of result.siblingPairs) {
      expect(pair.guarded).toBe(true);
      expect(pair.probability).toBeLessThanOrEqual(0.1); // … and never probable
    }
    // Nothing was merged: every record is still its own cluster.
    const clusters = await store.db.selectFrom("persons").select(["id", "cluster_id"]).execute();
    expect(clusters.every((r) => r.id === r.cluster_id)).toBe(true);
  });

  it("trains the linkage engine's model, stores it, and then scores single records with it", async () => {
    await store.db.deleteFrom("match_candidates").execute();
    const report = await store.write(actor, (w) => matches.runFullMatching(w, { minTrainingRecords: 100 }));
    expect(report.engine).toBe("linkage");
    expect(report.records).toBe(truth.size);
    expect(await matches.latestModel(store.db)).not.toBeNull();
    const result = await evaluate();
    expect(result.found / duplicates).toBeGreaterThanOrEqual(0.9);
    expect(result.wrong).toBeLessThanOrEqual(Math.ceil(duplicates * 0.05));
    for (const pair of result.siblingPairs) expect(pair.probability).toBeLessThanOrEqual(0.1);
    const explanation = result.candidates[0]?.explanation;
    expect(explanation?.engine).toBe("linkage");
    expect(explanation?.fields.length).toBeGreaterThan(3);

    const someone = [...truth.keys()][0] as string;
    const single = await store.write(actor, (w) => matches.proposeForPerson(w, someone));
    expect(single.engine).toBe("linkage");
  });
});
