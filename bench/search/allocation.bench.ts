/**
 * Allocation benchmark (issue 3): 10 000 segments and 50 resources, goal < 200 ms.
 * Run: node --import tsx bench/search/allocation.bench.ts [runs]
 */
import { allocateEffort, optimalityViolation } from "../../packages/search/src";
import { denseInstance, siteInstance } from "./instances";
import { describeMachine, repeat } from "./measure";

const runs = Number(process.argv[2] ?? 3);
describeMachine();

const single = siteInstance(10_000, 1);
const one = repeat("one resource, 10 000 segments (water-filling)", 200, runs, () => allocateEffort(single));
console.log(`  method ${one.result.method}, POS ${one.result.pos.toFixed(6)}`);

for (const [name, problem] of [
  ["site-like (teams by zone, rate = sweep rate / area)", siteInstance(10_000, 50)],
  ["dense worst case (every team everywhere, unrelated rates)", denseInstance(10_000, 50)],
] as const) {
  for (const [label, options] of [
    [
      "POS certified within 1e-5",
      { tolerance: 1e-5, stepTolerance: Number.POSITIVE_INFINITY, maxSweeps: 400 },
    ],
    [
      "POS certified within 1e-6",
      { tolerance: 1e-6, stepTolerance: Number.POSITIVE_INFINITY, maxSweeps: 400 },
    ],
    [
      "default (gap 1e-9, hours moving < 1e-9 of the budget)",
      { tolerance: 1e-9, stepTolerance: 1e-9, maxSweeps: 400 },
    ],
  ] as const) {
    const { result } = repeat(`${name}, 10 000 × 50, ${label}`, 200, runs, () =>
      allocateEffort(problem, options),
    );
    const check = optimalityViolation(problem, result);
    console.log(
      `  sweeps ${result.iterations}, certified gap ${result.gap.toExponential(2)}, converged ${result.converged}, POS ${result.pos.toFixed(9)}, worst marginal-rate violation ${check.maxViolation.toExponential(2)}`,
    );
  }
}
