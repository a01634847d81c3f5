/**
 * Writes a synthetic Syrian person file (syrian-person columns) and its truth.
 *   node --import tsx bench/linkage/generate.ts --records 1000000 --seed 1 --out /tmp/syn-1m.csv
 * Truth goes to <out>.truth.csv: id,person,household.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { formatCsvRow } from "../../packages/linkage/src/csv";
import {
  generateDedupeSet,
  SYNTHETIC_COLUMNS,
  syntheticRow,
} from "../../packages/linkage/src/synthetic/records";

const { values } = parseArgs({
  options: {
    records: { type: "string", default: "50000" },
    seed: { type: "string", default: "1" },
    out: { type: "string" },
  },
});
if (values.out === undefined) throw new Error("--out is required");
const started = performance.now();
const set = generateDedupeSet({ seed: Number(values.seed), records: Number(values.records) });
const rows: string[] = [formatCsvRow(SYNTHETIC_COLUMNS)];
const truth: string[] = [formatCsvRow(["id", "person", "household"])];
for (const record of set.records) {
  rows.push(formatCsvRow(syntheticRow(record)));
  truth.push(formatCsvRow([record.id, record.person, record.household]));
}
writeFileSync(values.out, rows.join(""));
writeFileSync(`${values.out}.truth.csv`, truth.join(""));
console.log(
  `${set.records.length} records in ${((performance.now() - started) / 1000).toFixed(1)} s → ${values.out}`,
);
