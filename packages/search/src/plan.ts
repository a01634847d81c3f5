import { AtharError } from "@athar/core";
import { type AllocationOptions, type AllocationResult, allocateEffort } from "./allocation";
import type { SearchState } from "./fold";
import type { SubjectClass } from "./segment";
import { DEFAULT_WATER_SURVIVAL, type SurvivalCurve, survivalProbability } from "./survival";

/**
 * The next plan from the current state: how many hours each team should spend in each segment to maximise
 * the chance of finding a person of one subject class, optionally weighted by the chance that they are
 * still alive (urgency). Rates come from the method catalogue: w = sweep rate / area (likely values).
 *
 * Segments are left out when the team cannot search them: ROW, segments behind an unbreached barrier,
 * hypotheses shown not to exist, segments without an area (hours cannot become coverage), and segments a
 * team is not assigned to. A plan is made for one subject class because methods differ between classes (a
 * knock test finds only responsive people); plan both classes and compare.
 */
export interface PlanResource {
  id: string;
  methodId: string;
  hours: number;
  /** Segments this team may work in; default: every segment. */
  segmentIds?: readonly string[];
}

export interface PlanOptions {
  subjectClass: SubjectClass;
  /** Hours since people were last supplied with water, when the plan is carried out (per segment id or one figure). */
  hoursWithoutWater?: number | Readonly<Record<string, number>>;
  survival?: SurvivalCurve;
  /**
   * Solver settings. Default: stop when the plan's POS is certified within 1e-7 of the best possible (hours
   * of interchangeable teams are not unique anyway, so they are not iterated further).
   */
  allocation?: AllocationOptions;
}

const PLAN_ALLOCATION: AllocationOptions = { tolerance: 1e-7, stepTolerance: Number.POSITIVE_INFINITY };

export interface SearchPlan {
  subjectClass: SubjectClass;
  resources: { id: string; methodId: string; hours: Record<string, number>; unusedHours: number }[];
  /** Probability that the plan finds a person of this class, on the current POA (ROW included). */
  pos: number;
  /** With urgency: probability that the plan finds the person alive. */
  posAlive?: number;
  excluded: {
    segmentId: string;
    reason: "row" | "unreachable" | "does-not-exist" | "no-area" | "no-weight";
  }[];
  solver: Pick<AllocationResult, "method" | "iterations" | "gap" | "converged">;
}

export function planSearch(
  state: SearchState,
  resources: readonly PlanResource[],
  options: PlanOptions,
): SearchPlan {
  const { subjectClass } = options;
  const survival = options.survival ?? DEFAULT_WATER_SURVIVAL;
  const excluded: SearchPlan["excluded"] = [];
  const candidates = state.segments.filter((result) => {
    const { segment } = result;
    const reason =
      segment.kind === "row"
        ? "row"
        : !segment.reachable
          ? "unreachable"
          : result.resolved === false
            ? "does-not-exist"
            : segment.areaM2 === undefined
              ? "no-area"
              : result.poaByClass[subjectClass] === 0
                ? "no-weight"
                : undefined;
    if (reason) excluded.push({ segmentId: segment.id, reason });
    return reason === undefined;
  });
  const hoursWithoutWater = (id: string): number | undefined => {
    const value = options.hoursWithoutWater;
    if (value === undefined) return undefined;
    if (typeof value === "number") return value;
    const hours = value[id];
    if (hours === undefined)
      throw new AtharError("validation_failed", `no time without water given for segment ${id}`);
    return hours;
  };
  const alive = candidates.map((result) => {
    const hours = hoursWithoutWater(result.segment.id);
    return hours === undefined ? 1 : survivalProbability(hours, survival);
  });
  const methods = new Map(state.methods.map((method) => [method.id, method]));
  const rates = resources.map((resource) => {
    if (!(resource.hours >= 0))
      throw new AtharError("validation_failed", `hours of ${resource.id} must be ≥ 0`);
    const method = methods.get(resource.methodId);
    if (!method)
      throw new AtharError("validation_failed", `unknown method ${resource.methodId} for ${resource.id}`);
    const allowed = resource.segmentIds ? new Set(resource.segmentIds) : undefined;
    const sweepRate = method.sweepRate[subjectClass]?.likely ?? 0;
    return candidates.map((result) =>
      allowed && !allowed.has(result.segment.id) ? 0 : sweepRate / result.segment.areaM2!,
    );
  });
  const result = allocateEffort(
    {
      weights: candidates.map((result, i) => result.poaByClass[subjectClass] * alive[i]!),
      rates,
      budgets: resources.map((resource) => resource.hours),
    },
    options.allocation ?? PLAN_ALLOCATION,
  );
  let pos = 0;
  let posAlive = 0;
  candidates.forEach((candidate, i) => {
    const found = -Math.expm1(-result.coverage[i]!);
    pos += candidate.poaByClass[subjectClass] * found;
    posAlive += candidate.poaByClass[subjectClass] * alive[i]! * found;
  });
  const plan: SearchPlan = {
    subjectClass,
    resources: resources.map((resource, r) => ({
      id: resource.id,
      methodId: resource.methodId,
      hours: Object.fromEntries(
        candidates.flatMap((candidate, i) =>
          result.hours[r]![i]! > 0 ? [[candidate.segment.id, result.hours[r]![i]!]] : [],
        ),
      ),
      unusedHours: result.unusedHours[r]!,
    })),
    pos,
    excluded,
    solver: {
      method: result.method,
      iterations: result.iterations,
      gap: result.gap,
      converged: result.converged,
    },
  };
  if (options.hoursWithoutWater !== undefined) plan.posAlive = posAlive;
  return plan;
}
