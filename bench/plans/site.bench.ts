/**
 * Plans benchmark (issue 5): a 20-level site with about 10 000 spaces.
 * - import of its IMDF archive (zip)          goal < 5 s
 * - hidden-space analysis of the whole site    goal < 2 s
 * - a route query on that site                 goal < 50 ms
 * Run: node --import tsx bench/plans/site.bench.ts [levels] [cellsPerSide] [runs]
 * Prints wall-clock and process CPU time per step (CPU time is what the step costs when the machine is not
 * shared; wall time is what a user waits on this machine now). Records the load average alongside.
 */
import { cpus, loadavg, totalmem } from "node:os";
import {
  addCandidateTargets,
  analyseVoids,
  buildRouteGraph,
  candidateNode,
  exportImdfZip,
  fastestRoute,
  fastestRouteWithinBreaches,
  fewestBreachesRoute,
  importImdfZip,
  OUTSIDE_NODE,
} from "../../packages/plans/src";
import { largeSite } from "../../packages/plans/test/fixtures/large-site";

const levels = Number(process.argv[2] ?? 20);
const cellsPerSide = Number(process.argv[3] ?? 62);
const runs = Number(process.argv[4] ?? 3);

interface Sample {
  wallMs: number;
  cpuMs: number;
}

function measure<T>(action: () => T): { result: T; sample: Sample } {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = action();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { result, sample: { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 } };
}

function repeat<T>(label: string, goalMs: number | null, action: () => T): T {
  let last: T | undefined;
  const samples: Sample[] = [];
  for (let k = 0; k < runs; k++) {
    const { result, sample } = measure(action);
    samples.push(sample);
    last = result;
  }
  const wall = samples.map((s) => s.wallMs).sort((a, b) => a - b);
  const cpu = samples.map((s) => s.cpuMs).sort((a, b) => a - b);
  const median = (xs: number[]) => xs[Math.floor(xs.length / 2)]!;
  const verdict =
    goalMs === null
      ? ""
      : median(wall) < goalMs
        ? `  (goal < ${goalMs} ms: met)`
        : `  (goal < ${goalMs} ms: MISSED on wall time)`;
  console.log(
    `${label.padEnd(44)} wall median ${median(wall).toFixed(1)} ms (min ${wall[0]!.toFixed(1)})  cpu median ${median(cpu).toFixed(1)} ms${verdict}`,
  );
  return last as T;
}

console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? "?"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
);
console.log(
  `load average at start: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
const site = largeSite(levels, cellsPerSide);
const { document } = site;
console.log(
  `site: ${document.levels.length} levels, ${document.spaces.length} spaces, ${document.openings.length} openings`,
);
const zip = exportImdfZip(document, { created: "2025-01-01T00:00:00Z" });
console.log(`archive: ${(zip.length / 2 ** 20).toFixed(1)} MiB zipped`);

const imported = repeat("import IMDF zip (unzip + validate + convert)", 5000, () => {
  const result = importImdfZip(zip);
  if (!result.ok) throw new Error(`import failed: ${result.problems[0]?.message}`);
  return result.document;
});
const analysis = repeat("hidden-space analysis, whole site", 2000, () => analyseVoids(imported));
console.log(
  `  → ${analysis.candidates.length} candidates; reasons: ${[...new Set(analysis.candidates.flatMap((c) => c.reasons))].join(", ")}`,
);
const built = repeat("route graph build (all edges, whole site)", null, () =>
  buildRouteGraph(imported, { keys: false }),
);
console.log(`  → ${built.graph.nodes.length} nodes, ${built.graph.edgeCount} directed edges`);
const { graph, context } = built;
repeat("route query: fastest, outside → deepest cell", 50, () =>
  fastestRoute(graph, OUTSIDE_NODE, site.deepCellId),
);
repeat("route query: fewest breaches", 50, () => fewestBreachesRoute(graph, OUTSIDE_NODE, site.deepCellId));
const within = repeat("route query: fastest with ≤ 3 breaches", 50, () =>
  fastestRouteWithinBreaches(graph, OUTSIDE_NODE, site.deepCellId, 3),
);
console.log(
  `  → ${within?.steps.length ?? 0} steps, ${within?.total.breaches ?? "-"} breaches, likely ${within?.total.time.likely.toFixed(1) ?? "-"} min`,
);
const target = analysis.candidates.find((c) => c.levelId !== null);
if (target) {
  addCandidateTargets(context, [target]);
  repeat("route query: ≤ 2 breaches to a void candidate", 50, () =>
    fastestRouteWithinBreaches(graph, OUTSIDE_NODE, candidateNode(target.id), 2),
  );
}
console.log(
  `load average at end: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
