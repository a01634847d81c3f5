/**
 * Allocation benchmark (issue 3): 10 000 segments and 50 resources, goal < 200 ms.
 * Run: node --import tsx bench/search/allocation.bench.ts [runs]
 */
import {
  type AllocationOptions,
  type AllocationProblem,
  allocateEffort,
  optimalityViolation,
  prepareAllocation,
} from "../../packages/search/src";
import { findProportionalGroups } from "../../packages/search/src/allocation-aggregated";
import { denseInstance, mixedSiteInstance, siteInstance } from "./instances";
import { describeMachine, repeat } from "./measure";

const runs = Number(process.argv[2] ?? 3);
describeMachine();

const single = siteInstance(10_000, 1);
const one = repeat("one resource, 10 000 segments (water-filling)", 200, runs, () => allocateEffort(single));
console.log(`  method ${one.result.method}, POS ${one.result.pos.toFixed(6)}`);

const loose = (tolerance: number): AllocationOptions => ({
  tolerance,
  stepTolerance: Number.POSITIVE_INFINITY,
  maxSweeps: 400,
});
const TOLERANCES: [string, AllocationOptions][] = [
  ["POS certified within 1e-5", loose(1e-5)],
  ["POS certified within 1e-6", loose(1e-6)],
  ["default (gap 1e-9, hours moving < 1e-9 of the budget)", { maxSweeps: 400 }],
  // What `athar search allocate` asks for at this size (defaultContractOptions).
  [
    "CLI contract (gap 1e-11, hours moving < 1e-12)",
    { tolerance: 1e-11, stepTolerance: 1e-12, maxSweeps: 20_000 },
  ],
];

function run(name: string, problem: AllocationProblem, cases: [string, AllocationOptions][]): void {
  const groups = findProportionalGroups(prepareAllocation(problem));
  console.log(`${name}: ${groups?.count ?? "?"} groups of proportional rate columns`);
  for (const [label, options] of cases) {
    const { result } = repeat(`  ${label}`, 200, runs, () => allocateEffort(problem, options));
    const check = optimalityViolation(problem, result);
    console.log(
      `    method ${result.method}, sweeps ${result.iterations}, certified gap ${result.gap.toExponential(2)}, converged ${result.converged}, POS ${result.pos.toFixed(9)}, worst marginal-rate violation ${check.maxViolation.toExponential(2)}`,
    );
  }
}

run("site-like (teams by zone, rate = sweep rate / area), 10 000 × 50", siteInstance(10_000, 50), [
  ...TOLERANCES,
  ["coordinate descent forced, POS within 1e-5", { ...loose(1e-5), solver: "coordinate-descent" }],
  ["coordinate descent forced, POS within 1e-6", { ...loose(1e-6), solver: "coordinate-descent" }],
]);
run(
  "mixed site (as above, 10 % of spaces with unrelated rates), 10 000 × 50",
  mixedSiteInstance(10_000, 50, 0.1),
  [
    ...TOLERANCES,
    ["coordinate descent forced, POS within 1e-5", { ...loose(1e-5), solver: "coordinate-descent" }],
    ["coordinate descent forced, POS within 1e-6", { ...loose(1e-6), solver: "coordinate-descent" }],
  ],
);
run("dense worst case (every team everywhere, unrelated rates), 10 000 × 50", denseInstance(10_000, 50), [
  ["POS certified within 1e-5", loose(1e-5)],
  ["POS certified within 1e-6", loose(1e-6)],
]);
