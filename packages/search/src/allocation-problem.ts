import { AtharError } from "@athar/core";
import { z } from "zod";
import { type AllocationOptions, allocateEffort } from "./allocation";

/**
 * The plain-JSON allocation contract of `athar search allocate` (kept stable: outside checks use it).
 *
 * Input:  { "segments": [{ "id": "A", "poa": 0.5, "reachable"?: true }, …],
 *           "resources": [{ "id": "k9", "hours": 4, "rate": { "A": 0.125, "B": 0.25 } }, …] }
 *   poa: non-negative weights, normalised here; rate[segment] = coverage per hour of that resource in that
 *   segment; a segment missing from `rate` cannot be searched by that resource; reachable: false excludes a
 *   segment behind an unbreached barrier.
 * Output: { "allocation": { "k9": { "A": 1.11, "B": 0, … } }, "pos": 0.2438, "posterior": { "A": 0.4028, … } }
 *   hours per resource and segment (every input segment listed, 0 where none), the probability of success of
 *   the whole plan on the normalised POA, and the normalised POA after the plan finds nothing.
 */
export interface AllocationProblemInput {
  segments: { id: string; poa: number; reachable?: boolean }[];
  resources: { id: string; hours: number; rate: Record<string, number> }[];
}

export interface AllocationProblemOutput {
  allocation: Record<string, Record<string, number>>;
  pos: number;
  posterior: Record<string, number>;
}

const finite = z.number().refine(Number.isFinite, { message: "must be a finite number" });
const schema = z.strictObject({
  segments: z
    .array(
      z.strictObject({
        id: z.string().min(1),
        poa: finite.refine((v) => v >= 0, { message: "must be ≥ 0" }),
        reachable: z.boolean().optional(),
      }),
    )
    .min(1, { message: "at least one segment is needed" }),
  resources: z.array(
    z.strictObject({
      id: z.string().min(1),
      hours: finite.refine((v) => v >= 0, { message: "hours must be ≥ 0" }),
      rate: z.record(
        z.string(),
        finite.refine((v) => v >= 0, { message: "rate must be ≥ 0" }),
      ),
    }),
  ),
});

export function parseAllocationProblem(value: unknown): AllocationProblemInput {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new AtharError(
      "validation_failed",
      "invalid allocation problem",
      result.error.issues.map((issue) => ({
        path: issue.path.map(String).join(".") || "(root)",
        message: issue.message,
      })),
    );
  }
  const problem = result.data;
  const details: { path: string; message: string }[] = [];
  const ids = new Set<string>();
  problem.segments.forEach((segment, i) => {
    if (ids.has(segment.id))
      details.push({ path: `segments.${i}.id`, message: `duplicate segment id ${segment.id}` });
    ids.add(segment.id);
  });
  if (problem.segments.every((segment) => segment.poa === 0))
    details.push({ path: "segments", message: "the POA weights must not all be 0" });
  const resourceIds = new Set<string>();
  problem.resources.forEach((resource, r) => {
    if (resourceIds.has(resource.id))
      details.push({ path: `resources.${r}.id`, message: `duplicate resource id ${resource.id}` });
    resourceIds.add(resource.id);
    for (const segmentId of Object.keys(resource.rate)) {
      if (!ids.has(segmentId))
        details.push({
          path: `resources.${r}.rate.${segmentId}`,
          message: `unknown segment id ${segmentId}`,
        });
    }
  });
  if (details.length > 0) throw new AtharError("validation_failed", "invalid allocation problem", details);
  return problem;
}

/** Hours below this share of a resource's budget are reported as 0 (rounding of the solver). */
const NEGLIGIBLE_HOURS = 1e-12;

export interface AllocationDiagnostics {
  method: string;
  iterations: number;
  /** Certified bound on how far `pos` is from the best possible. */
  gap: number;
  converged: boolean;
}

/**
 * Tight by default (the contract promises the optimum): a certified gap of 1e-12 (more for large problems,
 * where rounding in the sums alone reaches that) and hours that stopped moving.
 */
export function defaultContractOptions(problem: AllocationProblemInput): AllocationOptions {
  return {
    tolerance: 1e-12 * Math.max(1, problem.segments.length / 1000),
    stepTolerance: 1e-12,
    maxSweeps: 20_000,
  };
}

export function solveAllocationProblem(
  problem: AllocationProblemInput,
  options?: AllocationOptions,
): AllocationProblemOutput {
  return solveAllocationProblemWithDiagnostics(problem, options).output;
}

export function solveAllocationProblemWithDiagnostics(
  problem: AllocationProblemInput,
  options: AllocationOptions = defaultContractOptions(problem),
): { output: AllocationProblemOutput; diagnostics: AllocationDiagnostics } {
  const index = new Map(problem.segments.map((segment, i) => [segment.id, i]));
  const n = problem.segments.length;
  const result = allocateEffort(
    {
      weights: problem.segments.map((segment) => segment.poa),
      reachable: problem.segments.map((segment) => segment.reachable ?? true),
      budgets: problem.resources.map((resource) => resource.hours),
      rates: problem.resources.map((resource) => {
        const row = new Float64Array(n);
        for (const [segmentId, rate] of Object.entries(resource.rate)) row[index.get(segmentId)!] = rate;
        return row;
      }),
    },
    options,
  );
  const allocation: Record<string, Record<string, number>> = {};
  problem.resources.forEach((resource, r) => {
    const row: Record<string, number> = {};
    problem.segments.forEach((segment, i) => {
      const hours = result.hours[r]![i]!;
      row[segment.id] = hours > NEGLIGIBLE_HOURS * Math.max(1, resource.hours) ? hours : 0;
    });
    allocation[resource.id] = row;
  });
  const posterior: Record<string, number> = {};
  problem.segments.forEach((segment, i) => {
    posterior[segment.id] = result.posterior[i]!;
  });
  return {
    output: { allocation, pos: result.pos, posterior },
    diagnostics: {
      method: result.method,
      iterations: result.iterations,
      gap: result.gap,
      converged: result.converged,
    },
  };
}
