/**
 * The synthetic Syrian population (seeded) and the engine on it: a small version of the 50,000-record
 * benchmark (bench/linkage/dedupe.ts), with siblings who must never be linked nor clustered.
 */
import { describe, expect, it } from "vitest";
import { clusterRun, runLinkage } from "../src/linkage";
import { syrianPersonSettings } from "../src/presets/index";
import { RecordSet } from "../src/record-set";
import { parseLinkageSettings } from "../src/settings";
import { generatePopulation } from "../src/synthetic/population";
import { generateDedupeSet, generateLinkSet } from "../src/synthetic/records";

describe("synthetic population", () => {
  it("is the same for the same seed and different for another", () => {
    const a = generateDedupeSet({ seed: 3, records: 300 });
    const b = generateDedupeSet({ seed: 3, records: 300 });
    const c = generateDedupeSet({ seed: 4, records: 300 });
    expect(a.records).toEqual(b.records);
    expect(a.records).not.toEqual(c.records);
  });

  it("gives siblings the same father, grandfather, family and mother, and different given names", () => {
    const { persons } = generatePopulation({ seed: 11, persons: 3000 });
    const households = new Map<number, typeof persons>();
    for (const person of persons)
      households.set(person.household, [...(households.get(person.household) ?? []), person]);
    let pairs = 0;
    for (const members of households.values()) {
      for (let x = 0; x < members.length; x++) {
        for (let y = x + 1; y < members.length; y++) {
          const [p, q] = [members[x], members[y]];
          if (!p || !q) continue;
          pairs++;
          expect(q.father).toBe(p.father);
          expect(q.grandfather).toBe(p.grandfather);
          expect(q.family).toBe(p.family);
          expect(q.motherGiven).toBe(p.motherGiven);
          expect(q.given.arabic).not.toBe(p.given.arabic);
        }
      }
    }
    expect(pairs).toBeGreaterThan(2000);
    // Skewed frequencies: the most common given name is far more common than the median one.
    const counts = new Map<string, number>();
    for (const person of persons) counts.set(person.given.arabic, (counts.get(person.given.arabic) ?? 0) + 1);
    const sorted = [...counts.values()].sort((a, b) => b - a);
    expect(sorted[0] as number).toBeGreaterThan(8 * (sorted[Math.floor(sorted.length / 2)] as number));
  });

  it("writes records in both scripts, with gaps, partial dates and estimates", () => {
    const { left, right } = generateLinkSet({ seed: 5, persons: 2000 });
    const all = [...left, ...right];
    const arabic = all.filter((record) => /[\u0600-\u06FF]/.test(record.values.given_name)).length;
    expect(arabic / all.length).toBeGreaterThan(0.3);
    expect(arabic / all.length).toBeLessThan(0.7);
    expect(all.some((record) => record.values.grandfather_name === "")).toBe(true);
    expect(all.some((record) => /^\d{4}$/.test(record.values.birth_date))).toBe(true);
    expect(all.some((record) => /^(about|حوالي) \d{4}$/.test(record.values.birth_date))).toBe(true);
  });
});

describe("deduplicating 5,000 synthetic records", () => {
  it("reaches F1 ≥ 0.95 and never links or clusters siblings", () => {
    const set = generateDedupeSet({ seed: 7, records: 5000 });
    const records = new RecordSet(parseLinkageSettings(syrianPersonSettings));
    for (const record of set.records) records.add(record.id, record.values);
    const run = runLinkage(records, "dedupe");
    const person = set.records.map((record) => record.person);
    const household = set.records.map((record) => record.household);
    const perPerson = new Map<number, number>();
    for (const p of person) perPerson.set(p, (perPerson.get(p) ?? 0) + 1);
    let truePairs = 0;
    for (const count of perPerson.values()) truePairs += (count * (count - 1)) / 2;
    let truePositives = 0;
    let siblingLinks = 0;
    for (const match of run.matches) {
      if (person[match.left] === person[match.right]) truePositives++;
      else if (household[match.left] === household[match.right]) siblingLinks++;
    }
    const precision = truePositives / run.matches.length;
    const recall = truePositives / truePairs;
    expect((2 * precision * recall) / (precision + recall)).toBeGreaterThanOrEqual(0.95);
    expect(siblingLinks).toBe(0);
    const clustering = clusterRun(records, run);
    const byCluster = new Map<number, number[]>();
    for (let record = 0; record < clustering.clusterOf.length; record++) {
      const cluster = clustering.clusterOf[record] as number;
      byCluster.set(cluster, [...(byCluster.get(cluster) ?? []), record]);
    }
    for (const members of byCluster.values()) {
      for (const a of members) {
        for (const b of members) {
          if (person[a] !== person[b]) expect(household[a]).not.toBe(household[b]);
        }
      }
    }
  });
});
