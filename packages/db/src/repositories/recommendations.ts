/**
 * Recommendations: for each available team, where to search next, for how long, with how much POS per hour,
 * why (the evidence and searches behind the segment's probability), and which better places are shut
 * behind a barrier. All the search theory is the engine's (packages/search): `foldSearchLog` for the state,
 * `planSearch` for the optimal hours (Washburn-style allocation over several teams, with the survival
 * weighting when the time without water is given). This file only gathers the inputs from storage:
 *
 * - the site's search log, plus a segment for every space the log does not know yet (as the first
 *   assignment would add it), so that every space competes;
 * - reachability from the site model now (barriers: locked or sealed openings) and open breach tasks, not
 *   only the log's reachability flags, which change when operations learn of a barrier;
 * - teams that are available and not under way, their best method for the subject class (a team's method
 *   with the highest sweep rate for that class is best in every segment, as rates scale with 1/area), and
 *   their working time left, capped by the planning horizon;
 * - segments already in an assignment that is assigned or under way are left to that assignment.
 */

import {
  type EvidenceResult,
  foldSearchLog,
  type PlanResource,
  planSearch,
  type SearchLogEvent,
  type SearchState,
  type SegmentResult,
  type SubjectClass,
} from "@athar/search";
import type { Kysely } from "kysely";
import { clearsOf, methodsOf } from "../ops/capabilities";
import {
  readLogKnowledge,
  readSiteModel,
  segmentAddedEventId,
  segmentForSpace,
} from "../ops/search-segments";
import type { Database } from "../schema";
import { listAssignments } from "./assignments";
import { listBreachTasks } from "./breach-tasks";
import { listSearchEvents } from "./search-log";
import { listTeams, workedMinutes } from "./teams";

export interface RecommendationOptions {
  subjectClass: SubjectClass;
  /** Hours each team plans for at most (its working time left may be less). */
  horizonHours: number;
  /** Hours since people were last given water, when the plan is carried out: weights by survival. */
  hoursWithoutWater: number | null;
  /** Suggestions per team. */
  perTeam: number;
  now: Date;
}

export interface Why {
  poa: number;
  /** POA before any search (evidence only): how much the searches so far have moved it. */
  poaBeforeSearch: number;
  podSoFar: number;
  searches: number;
  alerts: number;
  pExists: number | null;
  evidence: {
    id: string;
    kind: string;
    grade: string;
    status: string;
    assertion: string;
    likelihoodRatio: number | null;
    summary: string | null;
  }[];
  text: string;
}

export interface Recommendation {
  segmentId: string;
  label: string;
  levelId: string | null;
  methodId: string;
  /** The plan's hours, and the same rounded to whole minutes for people. */
  hours: number;
  minutes: number;
  /** POS gained (subject class of the plan) if this team spends these minutes here. */
  expectedGain: number;
  gainPerHour: number;
  why: Why;
}

export interface TeamRecommendations {
  teamId: string;
  callSign: string;
  methodId: string | null;
  hoursAvailable: number;
  /** POS per hour of the last minute this team spends (equal in every segment it searches, at the optimum). */
  marginalGainPerHour: number;
  recommendations: Recommendation[];
  note: string | null;
}

export interface BlockedOption {
  segmentId: string;
  label: string;
  poa: number;
  /** POS per hour the best available team would get in its first hour there, were it open. */
  gainPerHourIfOpen: number;
  /** Teams whose marginal rate it beats: it would be a better use of them. */
  betterFor: string[];
  blockedBy: {
    openingId: string;
    name: string;
    kind: string;
    state: string;
    lock: string;
    material: string;
  }[];
  singleBreach: boolean;
  breachTasks: { id: string; status: string }[];
  /** Teams whose capabilities can clear a door (and walls or slabs). */
  canClear: string[];
  suggestion: string;
}

export interface Recommendations {
  siteId: string;
  subjectClass: SubjectClass;
  horizonHours: number;
  hoursWithoutWater: number | null;
  computedAt: string;
  /** Events of the search log the state was folded from. */
  logEvents: number;
  pos: number;
  posAlive: number | null;
  teams: TeamRecommendations[];
  blocked: BlockedOption[];
  busySegments: string[];
  warnings: string[];
}

function whyOf(result: SegmentResult, evidence: readonly EvidenceResult[], subjectClass: SubjectClass): Why {
  const records = evidence
    .filter((e) => e.counted && e.record.target.segmentId === result.segment.id)
    .map((e) => ({
      id: e.record.id,
      kind: e.record.kind,
      grade: `${e.record.grade.reliability}${e.record.grade.credibility}`,
      status: e.record.status,
      assertion: e.record.assertion,
      likelihoodRatio: e.likelihood ? e.likelihood.l1[subjectClass] / e.likelihood.l0 : null,
      summary: e.record.summary ?? null,
    }));
  const pod = result.pod[subjectClass];
  const parts = [`POA ${(result.poa * 100).toFixed(1)}%`];
  if (records.length > 0) {
    parts.push(
      `${records.length} piece${records.length > 1 ? "s" : ""} of evidence (${records.map((r) => `${r.kind} ${r.grade}${r.likelihoodRatio ? ` ×${r.likelihoodRatio.toFixed(1)}` : ""}`).join(", ")})`,
    );
  } else parts.push("no evidence points here: prior weight only");
  if (result.alerts > 0) parts.push(`${result.alerts} alert${result.alerts > 1 ? "s" : ""} to confirm`);
  parts.push(
    result.searches > 0
      ? `searched ${result.searches}× (POD so far ${(pod * 100).toFixed(0)}%)`
      : "never searched",
  );
  if (result.pExists !== undefined)
    parts.push(`exists with probability ${(result.pExists * 100).toFixed(0)}%`);
  return {
    poa: result.poa,
    poaBeforeSearch: result.poaBeforeSearch,
    podSoFar: pod,
    searches: result.searches,
    alerts: result.alerts,
    pExists: result.pExists ?? null,
    evidence: records,
    text: parts.join("; "),
  };
}

export async function recommend(
  db: Kysely<Database>,
  siteId: string,
  options: RecommendationOptions,
): Promise<Recommendations> {
  const { subjectClass } = options;
  const [stored, knowledge, model, teams, active, openTasks] = await Promise.all([
    listSearchEvents(db, siteId),
    readLogKnowledge(db, siteId),
    readSiteModel(db, siteId),
    listTeams(db, siteId),
    listAssignments(db, siteId, { status: ["assigned", "in_progress"], limit: 5000 }),
    listBreachTasks(db, siteId, { status: ["open", "in_progress"] }),
  ]);

  // The log, plus the segments the first assignment would add for spaces it does not know yet.
  const events: SearchLogEvent[] = stored.map((s) => s.event);
  const at = options.now.toISOString();
  for (const space of model.spaces.values()) {
    if (knowledge.segments.has(space.id)) continue;
    const segment = segmentForSpace(siteId, space, model.reach.reachable.has(space.id));
    if (segment) events.push({ id: segmentAddedEventId(space.id), at, type: "segment.added", segment });
  }
  const folded = foldSearchLog(events, { history: false });

  // Reachability now: the site model for spaces, the log for the rest; an open breach task shuts a segment.
  const taskSegments = new Set(openTasks.flatMap((t) => (t.segmentId ? [t.segmentId] : [])));
  const reachableNow = (result: SegmentResult): boolean => {
    const id = result.segment.id;
    if (taskSegments.has(id)) return false;
    if (model.spaces.has(id)) return model.reach.reachable.has(id);
    return result.segment.reachable;
  };
  const state: SearchState = {
    ...folded,
    segments: folded.segments.map((r) =>
      r.segment.kind === "row" ? r : { ...r, segment: { ...r.segment, reachable: reachableNow(r) } },
    ),
  };
  const byId = new Map(state.segments.map((r) => [r.segment.id, r]));
  const methods = new Map(state.methods.map((m) => [m.id, m]));
  const catalogue = state.methods.map((m) => m.id);

  const busy = new Set(active.flatMap((a) => a.segments.map((s) => s.segmentId)));
  const underWay = new Set(
    active.filter((a) => a.status === "in_progress").flatMap((a) => (a.teamId ? [a.teamId] : [])),
  );
  const open = state.segments.filter(
    (r) =>
      r.segment.kind !== "row" &&
      r.segment.reachable &&
      !busy.has(r.segment.id) &&
      r.segment.areaM2 !== undefined,
  );
  const allowed = open.map((r) => r.segment.id);

  const teamRows: TeamRecommendations[] = [];
  const resources: (PlanResource & { row: TeamRecommendations })[] = [];
  for (const team of teams) {
    if (team.availability !== "available" || underWay.has(team.id)) continue;
    const worked = await workedMinutes(db, team.id, team.shiftStartedAt);
    const hoursAvailable = Math.max(0, Math.min(options.horizonHours, (team.workLimitMinutes - worked) / 60));
    const candidates = methodsOf(team.capabilities, catalogue)
      .map((id) => ({ id, rate: methods.get(id)?.sweepRate[subjectClass]?.likely ?? 0 }))
      .filter((m) => m.rate > 0)
      .sort((a, b) => b.rate - a.rate || a.id.localeCompare(b.id));
    const row: TeamRecommendations = {
      teamId: team.id,
      callSign: team.callSign,
      methodId: candidates[0]?.id ?? null,
      hoursAvailable,
      marginalGainPerHour: 0,
      recommendations: [],
      note: null,
    };
    teamRows.push(row);
    if (!row.methodId) {
      row.note = `no method of this team detects ${subjectClass} people`;
      continue;
    }
    if (hoursAvailable <= 0) {
      row.note = "no working time left in this operational period";
      continue;
    }
    resources.push({ id: team.id, methodId: row.methodId, hours: hoursAvailable, segmentIds: allowed, row });
  }

  const rateOf = (methodId: string, result: SegmentResult): number =>
    result.segment.areaM2
      ? (methods.get(methodId)?.sweepRate[subjectClass]?.likely ?? 0) / result.segment.areaM2
      : 0;
  const poaOf = (result: SegmentResult): number => result.poaByClass[subjectClass];

  let pos = 0;
  let posAlive: number | null = null;
  const warnings = [...state.warnings];
  if (resources.length > 0 && open.length > 0) {
    const plan = planSearch(
      state,
      resources.map(({ row: _row, ...resource }) => resource),
      {
        subjectClass,
        ...(options.hoursWithoutWater !== null ? { hoursWithoutWater: options.hoursWithoutWater } : {}),
      },
    );
    pos = plan.pos;
    posAlive = plan.posAlive ?? null;
    if (!plan.solver.converged)
      warnings.push(`the allocation stopped with a gap of ${plan.solver.gap} (not converged)`);
    // Coverage of each segment under the whole plan, to split a shared segment's gain between its teams.
    const coverage = new Map<string, number>();
    plan.resources.forEach((planned) => {
      for (const [segmentId, hours] of Object.entries(planned.hours)) {
        const result = byId.get(segmentId) as SegmentResult;
        coverage.set(segmentId, (coverage.get(segmentId) ?? 0) + rateOf(planned.methodId, result) * hours);
      }
    });
    plan.resources.forEach((planned, r) => {
      const row = (resources[r] as (typeof resources)[number]).row;
      const items: Recommendation[] = [];
      for (const [segmentId, hours] of Object.entries(planned.hours)) {
        const result = byId.get(segmentId) as SegmentResult;
        const mine = rateOf(planned.methodId, result) * hours;
        const total = coverage.get(segmentId) ?? mine;
        const gain = poaOf(result) * (Math.exp(-(total - mine)) - Math.exp(-total));
        const marginal = poaOf(result) * rateOf(planned.methodId, result) * Math.exp(-total);
        row.marginalGainPerHour = Math.max(row.marginalGainPerHour, marginal);
        items.push({
          segmentId,
          label: result.segment.label ?? segmentId,
          levelId: result.segment.levelId ?? null,
          methodId: planned.methodId,
          hours,
          minutes: Math.max(1, Math.round(hours * 60)),
          expectedGain: gain,
          gainPerHour: hours > 0 ? gain / hours : 0,
          why: whyOf(result, state.evidence, subjectClass),
        });
      }
      items.sort((a, b) => b.gainPerHour - a.gainPerHour || a.segmentId.localeCompare(b.segmentId));
      row.recommendations = items.slice(0, options.perTeam);
      if (items.length === 0) row.note = "nothing open to search with this team's method";
    });
  } else if (resources.length > 0) {
    for (const { row } of resources) row.note = "every reachable segment is already assigned";
  }

  // Shut segments that would beat what a team does at the margin.
  const clearers = teams.filter((t) => clearsOf(t.capabilities).includes("door")).map((t) => t.callSign);
  const openings = new Map(model.openings.map((o) => [o.id, o]));
  const blocked: BlockedOption[] = [];
  for (const result of state.segments) {
    if (result.segment.kind === "row" || result.segment.reachable || busy.has(result.segment.id)) continue;
    if (result.resolved === false || result.segment.areaM2 === undefined || poaOf(result) <= 0) continue;
    let best = 0;
    const betterFor: string[] = [];
    for (const { row, methodId } of resources) {
      const first = poaOf(result) * rateOf(methodId, result);
      best = Math.max(best, first);
      if (first > row.marginalGainPerHour) betterFor.push(row.callSign);
    }
    if (betterFor.length === 0) continue;
    const reach = model.reach.blocked.get(result.segment.id);
    const blockers = (reach?.openingIds ?? []).flatMap((id) => {
      const o = openings.get(id);
      return o
        ? [
            {
              openingId: o.id,
              name: o.name,
              kind: o.kind,
              state: o.state,
              lock: o.lock,
              material: o.material,
            },
          ]
        : [];
    });
    const tasks = openTasks
      .filter(
        (t) =>
          t.segmentId === result.segment.id ||
          (t.openingId !== null && reach?.openingIds.includes(t.openingId)),
      )
      .map((t) => ({ id: t.id, status: t.status }));
    const what =
      blockers.length > 0
        ? blockers.map((b) => `${b.kind} ${b.name || b.openingId} (${b.state})`).join(", ")
        : "a barrier met by a team";
    blocked.push({
      segmentId: result.segment.id,
      label: result.segment.label ?? result.segment.id,
      poa: result.poa,
      gainPerHourIfOpen: best,
      betterFor,
      blockedBy: blockers,
      singleBreach: reach?.singleBreach ?? true,
      breachTasks: tasks,
      canClear: clearers,
      suggestion:
        tasks.length > 0
          ? `breach task ${tasks.map((t) => t.status).join(", ")}: clearing ${what} opens it`
          : `open a breach task for ${what}${clearers.length > 0 ? ` (teams that can: ${clearers.join(", ")})` : " (no team on site can breach)"}`,
    });
  }
  blocked.sort((a, b) => b.gainPerHourIfOpen - a.gainPerHourIfOpen);

  return {
    siteId,
    subjectClass,
    horizonHours: options.horizonHours,
    hoursWithoutWater: options.hoursWithoutWater,
    computedAt: options.now.toISOString(),
    logEvents: stored.length,
    pos,
    posAlive,
    teams: teamRows,
    blocked: blocked.slice(0, 20),
    busySegments: [...busy].sort(),
    warnings,
  };
}
