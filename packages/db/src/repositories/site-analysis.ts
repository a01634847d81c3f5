/**
 * Where hidden-space analysis and breach-aware routes meet the rest of Athar:
 * - a candidate becomes a hypothesis for the search: a `segment.added` event of kind `hypothesis` with the
 *   coordinator's prior in the site's search log, and (by default) a suspected space of kind `unknown` on
 *   the site model, so it is drawn on the plan and teams can be sent to it;
 * - a route becomes a breaching assignment: one breach task per breach on the route and an assignment
 *   (method `breach-inspect`) for the target, through the operations repositories.
 * See docs/decisions/site-analysis-hypotheses-and-routes.md.
 */
import { AtharError, type Level, newId, type Space } from "@athar/core";
import { candidateToHypothesis, type Route, type VoidCandidate } from "@athar/plans";
import type { SegmentAddedEvent, SegmentInput } from "@athar/search";
import { segmentAddedEventId } from "../ops/search-segments";
import type { WriteContext } from "../store";
import { type Assignment, createAssignment } from "./assignments";
import { type BreachTask, createBreachTaskInWrite, getBreachTask } from "./breach-tasks";
import { appendSearchEvents } from "./search-log";
import { createLevel, createSpace, getLevel } from "./sites";

export interface HypothesisInput {
  candidate: VoidCandidate;
  /** Prior probability that the hidden space exists, set by the coordinator, in (0, 1]. */
  prior: number;
  /** Also draw it on the plan as a suspected space (and a suspected level when it lies below every level). */
  createSpace: boolean;
  /** The plan version the candidate was computed on (recorded in the audit entry). */
  planVersion: string;
}

export interface HypothesisOutcome {
  segment: SegmentInput;
  eventId: string;
  space: Space | null;
  level: Level | null;
}

/**
 * The segment id of a hypothesis that is a space of the site model is the space's id, and its event id the one
 * operations give space segments, so assignments and the heat map find it like any other space. A hypothesis
 * without a space gets an id of its own.
 */
export async function addHypothesis(
  w: WriteContext,
  siteId: string,
  input: HypothesisInput,
): Promise<HypothesisOutcome> {
  const { candidate } = input;
  if (!(input.prior > 0 && input.prior <= 1)) {
    throw new AtharError("validation_failed", "the prior must be in (0, 1]", [
      { path: "prior", message: "out of range" },
    ]);
  }
  const hypothesis = candidateToHypothesis(candidate, { spaceId: newId(), levelId: newId() }, input.prior);
  let level: Level | null = null;
  let space: Space | null = null;
  let levelName: string | null = null;
  if (input.createSpace) {
    if (hypothesis.level) {
      const { buildingId, name, ordinal } = hypothesis.level;
      level = await createLevel(w, { buildingId, name, ordinal, status: "suspected" });
    }
    const { polygon, name, notes } = hypothesis.space;
    space = await createSpace(w, {
      levelId: level ? level.id : hypothesis.space.levelId,
      name,
      kind: "unknown",
      status: "suspected",
      polygon,
      notes,
    });
    levelName = (level ?? (await getLevel(w.trx, space.levelId))).name;
  } else if (candidate.levelId) {
    levelName = (await getLevel(w.trx, candidate.levelId)).name;
  }
  const segmentId = space ? space.id : `hypothesis:${newId()}`;
  const label = `${levelName ?? `Level ${candidate.levelOrdinal}`} · ${hypothesis.space.name}`.slice(0, 200);
  const levelId = space?.levelId ?? candidate.levelId;
  const segment: SegmentInput = {
    id: segmentId,
    kind: "hypothesis",
    label,
    siteId,
    ...(levelId ? { levelId } : {}),
    ...(candidate.areaM2 > 0 ? { areaM2: candidate.areaM2 } : {}),
    // A hidden space has no known way in: reaching it takes a breach (a breach task marks it reachable).
    reachable: false,
    weight: 1,
    pExists: input.prior,
  };
  const eventId = space ? segmentAddedEventId(space.id) : `site-analysis:${segmentId}`;
  const event: SegmentAddedEvent = {
    id: eventId,
    type: "segment.added",
    at: w.now.toISOString(),
    ...(w.actor.id ? { actor: w.actor.id } : {}),
    segment,
  };
  await appendSearchEvents(w, siteId, [event]);
  await w.audit({
    action: "void_candidate.hypothesis",
    entityType: "site",
    entityId: siteId,
    after: {
      candidateId: candidate.id,
      planVersion: input.planVersion,
      score: candidate.score,
      reasons: candidate.reasons,
      areaM2: candidate.areaM2,
      prior: input.prior,
      segmentId,
      spaceId: space?.id ?? null,
      levelId: level?.id ?? null,
    },
  });
  return { segment, eventId, space, level };
}

export interface BreachingAssignmentInput {
  route: Route;
  /** The search segment the route leads to: a space id or a hypothesis segment id. */
  targetSegmentId: string;
  title: string;
  teamId: string | null;
  /** Assign at once to `teamId`. */
  assign: boolean;
  /** Human-readable route, one line per step (the caller names the places). */
  stepLines: string[];
  /** Segment to name on the breach task of each step (the space behind the barrier), when it is one. */
  segmentBehind: (step: Route["steps"][number]) => string | null;
  methodId?: string;
}

export interface BreachingAssignment {
  assignment: Assignment;
  breachTasks: BreachTask[];
}

const MAX_PLANNED_MINUTES = 24 * 60;
const minutes = (value: number) => `${Math.round(value)}`;

/**
 * One breach task per breach of the route (a forced door names its opening; a wall or slab has none) and an
 * assignment for the target with the route in its notes, planned for the route's likely time. All in the
 * caller's transaction: either everything is created or nothing.
 */
export async function createBreachingAssignment(
  w: WriteContext,
  siteId: string,
  input: BreachingAssignmentInput,
): Promise<BreachingAssignment> {
  const { route } = input;
  if (route.steps.length === 0) {
    throw new AtharError("validation_failed", "the route has no steps: start and target are the same place");
  }
  const total = route.total.time;
  const range = `${minutes(total.min)}–${minutes(total.max)} min (likely ${minutes(total.likely)})`;
  const notes = [
    `Route: ${route.steps.length} step(s), ${route.total.breaches} breach(es), ${range}. Times are illustrative estimates (uncalibrated cost table).`,
    ...input.stepLines.map((line, k) => `${k + 1}. ${line}`),
  ]
    .join("\n")
    .slice(0, 10_000);
  const assignment = await createAssignment(
    w,
    siteId,
    {
      title: input.title.slice(0, 200),
      teamId: input.teamId,
      methodId: input.methodId ?? "breach-inspect",
      segmentIds: [input.targetSegmentId],
      plannedMinutes: Math.min(MAX_PLANNED_MINUTES, Math.max(1, Math.ceil(total.likely))),
      asrTarget: 3,
      safetyNotes: `${route.total.breaches} breach(es) on the way: check structural stability before each.`,
      notes,
    },
    { assign: input.assign },
  );
  const taskIds: string[] = [];
  for (const [k, step] of route.steps.entries()) {
    if (!step.breach) continue;
    const t = step.time;
    taskIds.push(
      await createBreachTaskInWrite(w, siteId, {
        openingId: step.kind === "opening" ? step.featureId : null,
        segmentId: input.segmentBehind(step),
        reportId: null,
        teamId: input.teamId,
        description:
          `Assignment "${assignment.title || assignment.id}", step ${k + 1}: ${input.stepLines[k] ?? step.detail} (${minutes(t.min)}–${minutes(t.max)} min, likely ${minutes(t.likely)}; illustrative)`.slice(
            0,
            10_000,
          ),
      }),
    );
  }
  const breachTasks: BreachTask[] = [];
  for (const id of taskIds) breachTasks.push(await getBreachTask(w.trx, id));
  return { assignment, breachTasks };
}
