/** Wall-clock and process CPU time of a step, repeated; the machine is shared, so both are printed. */
import { cpus, loadavg, totalmem } from "node:os";

export interface Sample {
  wallMs: number;
  cpuMs: number;
}

export function measure<T>(action: () => T): { result: T; sample: Sample } {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = action();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { result, sample: { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 } };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

/** Runs `action` `runs` times and prints median and minimum of wall and CPU time against the goal. */
export function repeat<T>(
  label: string,
  goalMs: number | null,
  runs: number,
  action: () => T,
): { result: T; medianCpuMs: number; medianWallMs: number } {
  const samples: Sample[] = [];
  let last: T | undefined;
  for (let k = 0; k < runs; k++) {
    const { result, sample } = measure(action);
    samples.push(sample);
    last = result;
  }
  const wall = samples.map((s) => s.wallMs);
  const cpu = samples.map((s) => s.cpuMs);
  const verdict =
    goalMs === null
      ? ""
      : median(cpu) <= goalMs
        ? ` (goal ${goalMs} ms: met on CPU time)`
        : ` (goal ${goalMs} ms: MISSED on CPU time)`;
  console.log(
    `${label}: wall median ${median(wall).toFixed(1)} ms (min ${Math.min(...wall).toFixed(1)}), CPU median ${median(cpu).toFixed(1)} ms (min ${Math.min(...cpu).toFixed(1)})${verdict}`,
  );
  return { result: last as T, medianCpuMs: median(cpu), medianWallMs: median(wall) };
}

export function describeMachine(): void {
  const cpu = cpus()[0];
  console.log(
    `machine: ${cpus().length} × ${cpu?.model ?? "?"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
}
