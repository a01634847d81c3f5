/**
 * FEBRL 4a ↔ 4b with the shipped settings (examples/febrl/link.json), at several thresholds:
 *   node --import tsx bench/linkage/febrl.ts
 */
import { readFileSync } from "node:fs";
import { runLinkage } from "../../packages/linkage/src/linkage";
import { RecordSet } from "../../packages/linkage/src/record-set";
import { parseLinkageSettings } from "../../packages/linkage/src/settings";

const data = (name: string) => new URL(`../../test-data/febrl/${name}`, import.meta.url);
const started = performance.now();
const settings = parseLinkageSettings(
  JSON.parse(readFileSync(new URL("../../examples/febrl/link.json", import.meta.url), "utf8")),
);
const records = new RecordSet(settings);
records.addCsv(readFileSync(data("dataset4a.csv"), "utf8"), { source: "dataset4a.csv", sourceIndex: 0 });
records.addCsv(readFileSync(data("dataset4b.csv"), "utf8"), { source: "dataset4b.csv", sourceIndex: 1 });
const run = runLinkage(records, "link", { threshold: 0.01 });
const seconds = (performance.now() - started) / 1000;
const person = (index: number) => (records.ids[index] as string).split("-")[1];
const rows = [0.01, 0.1, 0.5, 0.9, 0.99].map((threshold) => {
  const kept = run.matches.filter((match) => match.probability >= threshold);
  const truePositives = kept.filter((match) => person(match.left) === person(match.right)).length;
  const precision = truePositives / kept.length;
  const recall = truePositives / 5000;
  return {
    threshold,
    links: kept.length,
    precision: Number(precision.toFixed(4)),
    recall: Number(recall.toFixed(4)),
    f1: Number(((2 * precision * recall) / (precision + recall)).toFixed(4)),
  };
});
console.log(
  JSON.stringify(
    {
      records: records.size,
      comparedPairs: run.compared,
      lambda: run.model.lambda,
      seconds: Number(seconds.toFixed(1)),
      rows,
    },
    null,
    2,
  ),
);
