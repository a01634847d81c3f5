/**
 * Grid benchmark (issue 3): Bayesian update of 1 000 000 cells, goal < 50 ms.
 * Run: node --import tsx bench/search/grid.bench.ts [runs]
 */
import { seededRandom } from "../../packages/core/src";
import { updateGridAfterSearch, updateGridWithLikelihood } from "../../packages/search/src";
import { describeMachine, repeat } from "./measure";

const runs = Number(process.argv[2] ?? 7);
describeMachine();
const n = 1_000_000;
const random = seededRandom(3);
const poa = Float64Array.from({ length: n }, () => random.next());
const pod = Float64Array.from({ length: n }, () => 0.8 * random.next());
const likelihood = Float64Array.from({ length: n }, () => 0.05 + random.next());
const out = new Float64Array(n);
repeat("unsuccessful search, POD per cell, 1 000 000 cells", 50, runs, () =>
  updateGridAfterSearch(poa, pod, out),
);
repeat("unsuccessful search, one POD for all, 1 000 000 cells", 50, runs, () =>
  updateGridAfterSearch(poa, 0.3, out),
);
repeat("likelihood update, 1 000 000 cells", 50, runs, () => updateGridWithLikelihood(poa, likelihood, out));
