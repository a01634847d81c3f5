/**
 * FEBRL 4a ↔ 4b (the standard record-linkage benchmark, test-data/febrl): 5,000 originals and 5,000
 * corrupted duplicates, one true match per record, truth in the number of rec_id. Linked with the shipped
 * settings file examples/febrl/link.json at the default threshold.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runLinkage } from "../src/linkage";
import { RecordSet } from "../src/record-set";
import { parseLinkageSettings } from "../src/settings";

const data = (name: string) => new URL(`../../../test-data/febrl/${name}`, import.meta.url);
const settingsFile = new URL("../../../examples/febrl/link.json", import.meta.url);

describe("FEBRL 4a ↔ 4b", () => {
  it("links with F1 ≥ 0.98 at the default threshold", () => {
    const settings = parseLinkageSettings(JSON.parse(readFileSync(settingsFile, "utf8")), "link.json");
    const records = new RecordSet(settings);
    records.addCsv(readFileSync(data("dataset4a.csv"), "utf8"), { source: "dataset4a.csv", sourceIndex: 0 });
    records.addCsv(readFileSync(data("dataset4b.csv"), "utf8"), { source: "dataset4b.csv", sourceIndex: 1 });
    expect(records.size).toBe(10_000);
    const run = runLinkage(records, "link");
    const person = (id: string) => id.split("-")[1];
    let truePositives = 0;
    for (const match of run.matches) {
      if (person(records.ids[match.left] as string) === person(records.ids[match.right] as string))
        truePositives++;
    }
    const precision = truePositives / run.matches.length;
    const recall = truePositives / 5000;
    const f1 = (2 * precision * recall) / (precision + recall);
    expect(f1).toBeGreaterThanOrEqual(0.98);
    // The explanation of any link adds up to its weight.
    const first = run.matches[0];
    if (first === undefined) throw new Error("no links");
    const explanation = run.explain(first.left, first.right);
    const sum = explanation.fields.reduce((total, field) => total + field.bits + field.termFrequencyBits, 0);
    expect(sum).toBeCloseTo(explanation.matchWeight, 9);
  });
});
