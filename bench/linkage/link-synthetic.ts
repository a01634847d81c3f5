/**
 * Linking two synthetic sources: a register found in a facility (mostly Arabic script) and an aid list
 * (mostly Latin script), each person at most once per source, half of the register's people on the list.
 *   node --import tsx bench/linkage/link-synthetic.ts [--persons 30000] [--seed 5]
 */
import { parseArgs } from "node:util";
import { runLinkage } from "../../packages/linkage/src/linkage";
import { syrianPersonSettings } from "../../packages/linkage/src/presets/syrian-person";
import { RecordSet } from "../../packages/linkage/src/record-set";
import { parseLinkageSettings } from "../../packages/linkage/src/settings";
import { generateLinkSet } from "../../packages/linkage/src/synthetic/records";

const { values } = parseArgs({
  options: { persons: { type: "string", default: "30000" }, seed: { type: "string", default: "5" } },
});
const set = generateLinkSet({ seed: Number(values.seed), persons: Number(values.persons) });
const started = performance.now();
const records = new RecordSet(parseLinkageSettings(syrianPersonSettings));
for (const record of set.left) records.add(record.id, record.values, 0);
for (const record of set.right) records.add(record.id, record.values, 1);
const run = runLinkage(records, "link");
const seconds = (performance.now() - started) / 1000;
const person = [...set.left, ...set.right].map((record) => record.person);
const household = [...set.left, ...set.right].map((record) => record.household);
const leftPeople = new Set(set.left.map((record) => record.person));
const truePairs = set.right.filter((record) => leftPeople.has(record.person)).length;
let truePositives = 0;
let siblingLinks = 0;
for (const match of run.matches) {
  if (person[match.left] === person[match.right]) truePositives++;
  else if (household[match.left] === household[match.right]) siblingLinks++;
}
const precision = truePositives / run.matches.length;
const recall = truePositives / truePairs;
console.log(
  JSON.stringify(
    {
      left: set.left.length,
      right: set.right.length,
      truePairs,
      seconds: Number(seconds.toFixed(1)),
      links: run.matches.length,
      precision: Number(precision.toFixed(4)),
      recall: Number(recall.toFixed(4)),
      f1: Number(((2 * precision * recall) / (precision + recall)).toFixed(4)),
      siblingLinks,
    },
    null,
    2,
  ),
);
