/**
 * The coordinator's board in one read: every team with what it is doing now and how much working time it
 * has left, assignments by status, open breach tasks, unsettled conflicts, and the operations-log position
 * the board is current to (a client then follows `ops.*` live events from that `seq`).
 */
import type { Kysely } from "kysely";
import type { Database } from "../schema";
import { type Assignment, type AssignmentStatus, listAssignments } from "./assignments";
import { type BreachTask, listBreachTasks } from "./breach-tasks";
import { type FieldReport, listReports } from "./field-reports";
import { listTeams, type Team, workedMinutes } from "./teams";

export interface BoardTeam {
  team: Team;
  /** The assignment under way, else the first one assigned. */
  current: Assignment | null;
  queued: Assignment[];
  workedMinutes: number;
  remainingMinutes: number;
}

export interface Board {
  siteId: string;
  teams: BoardTeam[];
  assignments: Record<AssignmentStatus, Assignment[]>;
  openBreachTasks: BreachTask[];
  conflicts: FieldReport[];
  /** The newest operations-log entry included. */
  lastSeq: number;
}

/** How many finished assignments of each kind the board shows. */
const RECENT = 25;

export async function readBoard(db: Kysely<Database>, siteId: string): Promise<Board> {
  const teams = await listTeams(db, siteId);
  const last = await db
    .selectFrom("ops_events")
    .select((eb) => eb.fn.max<number>("seq").as("seq"))
    .where("site_id", "=", siteId)
    .executeTakeFirst();
  const open = await listAssignments(db, siteId, {
    status: ["draft", "assigned", "in_progress"],
    limit: 2000,
  });
  const completed = await listAssignments(db, siteId, { status: ["completed"], limit: RECENT });
  const aborted = await listAssignments(db, siteId, { status: ["aborted"], limit: RECENT });
  const assignments: Record<AssignmentStatus, Assignment[]> = {
    draft: open.filter((a) => a.status === "draft"),
    assigned: open.filter((a) => a.status === "assigned"),
    in_progress: open.filter((a) => a.status === "in_progress"),
    completed,
    aborted,
  };
  const boardTeams: BoardTeam[] = [];
  for (const team of teams) {
    const mine = open.filter((a) => a.teamId === team.id && a.status !== "draft");
    const current =
      mine.find((a) => a.status === "in_progress") ?? mine.find((a) => a.status === "assigned") ?? null;
    const worked = await workedMinutes(db, team.id, team.shiftStartedAt);
    boardTeams.push({
      team,
      current,
      queued: mine.filter((a) => a !== current),
      workedMinutes: worked,
      remainingMinutes: Math.max(0, team.workLimitMinutes - worked),
    });
  }
  return {
    siteId,
    teams: boardTeams,
    assignments,
    openBreachTasks: await listBreachTasks(db, siteId, { status: ["open", "in_progress"] }),
    conflicts: await listReports(db, { siteId, status: ["conflict"] }),
    lastSeq: Number(last?.seq ?? 0),
  };
}
