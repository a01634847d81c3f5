/**
 * Teams of a site: call sign, organisation, capabilities (and through them the search methods they bring),
 * pseudonymous members, availability, working-time limit and an optional team-leader account. A team leader
 * sees and reports on their team's assignments.
 */
import { AtharError, newId, notFound } from "@athar/core";
import type { Kysely, Selectable } from "kysely";
import { methodsOf, type TeamCapability } from "../ops/capabilities";
import type { Database, TeamsTable } from "../schema";
import type { WriteContext } from "../store";
import { appendOpsLog } from "./ops-log";
import { addSiteMember } from "./sites";
import { getUser } from "./users";

export const TEAM_AVAILABILITIES = ["available", "resting", "unavailable"] as const;
export type TeamAvailability = (typeof TEAM_AVAILABILITIES)[number];

/** Members are recorded by alias and role only: never a real name (docs: protection of the people in the data). */
export interface TeamMember {
  alias: string;
  role: string;
}

export interface TeamInput {
  callSign: string;
  name: string;
  organisation: string;
  capabilities: TeamCapability[];
  members: TeamMember[];
  leaderUserId: string | null;
  availability: TeamAvailability;
  /** Longest work in one operational period (minutes); the recommendations never plan past it. */
  workLimitMinutes: number;
  /** Start of the current operational period; work reported since then counts against the limit. */
  shiftStartedAt: string | null;
  notes: string;
}

export interface Team extends TeamInput {
  id: string;
  siteId: string;
  /** Detection methods the capabilities bring (ids of the search engine's catalogue). */
  methods: string[];
  createdAt: string;
  updatedAt: string;
}

/** Roles that may lead a team in the field (and so report on its assignments). */
const LEADER_ROLES = new Set(["team_lead", "coordinator", "admin"]);

export const toTeam = (row: Selectable<TeamsTable>): Team => {
  const capabilities = JSON.parse(row.capabilities_json) as TeamCapability[];
  return {
    id: row.id,
    siteId: row.site_id,
    callSign: row.call_sign,
    name: row.name,
    organisation: row.organisation,
    capabilities,
    methods: methodsOf(capabilities),
    members: JSON.parse(row.members_json) as TeamMember[],
    leaderUserId: row.leader_user_id,
    availability: row.availability as TeamAvailability,
    workLimitMinutes: row.work_limit_minutes,
    shiftStartedAt: row.shift_started_at,
    notes: row.notes,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
};

export async function getTeam(db: Kysely<Database>, teamId: string): Promise<Team> {
  const row = await db.selectFrom("teams").selectAll().where("id", "=", teamId).executeTakeFirst();
  if (!row) throw notFound("team");
  return toTeam(row);
}

export async function siteIdOfTeam(db: Kysely<Database>, teamId: string): Promise<string> {
  const row = await db.selectFrom("teams").select("site_id").where("id", "=", teamId).executeTakeFirst();
  if (!row) throw notFound("team");
  return row.site_id;
}

export async function listTeams(db: Kysely<Database>, siteId: string): Promise<Team[]> {
  const rows = await db
    .selectFrom("teams")
    .selectAll()
    .where("site_id", "=", siteId)
    .orderBy("call_sign")
    .execute();
  return rows.map(toTeam);
}

/** Teams led by a user, on every site. */
export async function teamsLedBy(db: Kysely<Database>, userId: string): Promise<Team[]> {
  const rows = await db
    .selectFrom("teams")
    .selectAll()
    .where("leader_user_id", "=", userId)
    .orderBy("call_sign")
    .execute();
  return rows.map(toTeam);
}

async function checkLeader(w: WriteContext, siteId: string, leaderUserId: string | null): Promise<void> {
  if (leaderUserId === null) return;
  const user = await getUser(w.trx, leaderUserId);
  if (!user) {
    throw new AtharError("dangling_reference", `user ${leaderUserId} does not exist`, [
      { path: "leaderUserId", message: "no such user" },
    ]);
  }
  if (!user.roles.some((role) => LEADER_ROLES.has(role))) {
    throw new AtharError("validation_failed", "a team leader needs the team_lead (or coordinator) role", [
      { path: "leaderUserId", message: "user has no team_lead role" },
    ]);
  }
  // The leader must see the site to see the team's assignments.
  await addSiteMember(w, siteId, leaderUserId);
}

async function checkCallSignFree(
  w: WriteContext,
  siteId: string,
  callSign: string,
  exceptId?: string,
): Promise<void> {
  let query = w.trx
    .selectFrom("teams")
    .select("id")
    .where("site_id", "=", siteId)
    .where("call_sign", "=", callSign);
  if (exceptId) query = query.where("id", "!=", exceptId);
  if (await query.executeTakeFirst()) {
    throw new AtharError("conflict", `call sign ${callSign} is already used on this site`, [
      { path: "callSign", message: "already used" },
    ]);
  }
}

export async function createTeam(w: WriteContext, siteId: string, input: TeamInput): Promise<Team> {
  const site = await w.trx.selectFrom("sites").select("id").where("id", "=", siteId).executeTakeFirst();
  if (!site) throw notFound("site");
  await checkCallSignFree(w, siteId, input.callSign);
  await checkLeader(w, siteId, input.leaderUserId);
  const at = w.now.toISOString();
  const team: Team = {
    ...input,
    id: newId(),
    siteId,
    methods: methodsOf(input.capabilities),
    capabilities: [...new Set(input.capabilities)],
    createdAt: at,
    updatedAt: at,
  };
  await w.trx
    .insertInto("teams")
    .values({
      id: team.id,
      site_id: siteId,
      call_sign: team.callSign,
      name: team.name,
      organisation: team.organisation,
      capabilities_json: JSON.stringify(team.capabilities),
      members_json: JSON.stringify(team.members),
      leader_user_id: team.leaderUserId,
      availability: team.availability,
      work_limit_minutes: team.workLimitMinutes,
      shift_started_at: team.shiftStartedAt,
      notes: team.notes,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await w.audit({ action: "team.create", entityType: "team", entityId: team.id, after: team });
  await appendOpsLog(w, siteId, {
    type: "ops.team.created",
    entityType: "team",
    entityId: team.id,
    summary: { callSign: team.callSign, availability: team.availability },
  });
  return team;
}

export async function updateTeam(w: WriteContext, teamId: string, input: TeamInput): Promise<Team> {
  const before = await getTeam(w.trx, teamId);
  await checkCallSignFree(w, before.siteId, input.callSign, teamId);
  if (input.leaderUserId !== before.leaderUserId) await checkLeader(w, before.siteId, input.leaderUserId);
  const at = w.now.toISOString();
  const capabilities = [...new Set(input.capabilities)];
  await w.trx
    .updateTable("teams")
    .set({
      call_sign: input.callSign,
      name: input.name,
      organisation: input.organisation,
      capabilities_json: JSON.stringify(capabilities),
      members_json: JSON.stringify(input.members),
      leader_user_id: input.leaderUserId,
      availability: input.availability,
      work_limit_minutes: input.workLimitMinutes,
      shift_started_at: input.shiftStartedAt,
      notes: input.notes,
      updated_at: at,
    })
    .where("id", "=", teamId)
    .execute();
  const after: Team = { ...before, ...input, capabilities, methods: methodsOf(capabilities), updatedAt: at };
  await w.audit({ action: "team.update", entityType: "team", entityId: teamId, before, after });
  await appendOpsLog(w, before.siteId, {
    type: "ops.team.updated",
    entityType: "team",
    entityId: teamId,
    summary: { callSign: after.callSign, availability: after.availability },
  });
  return after;
}

/** Deleting a team keeps its assignments and reports (their team becomes unknown): the record stays. */
export async function deleteTeam(w: WriteContext, teamId: string): Promise<void> {
  const before = await getTeam(w.trx, teamId);
  const active = await w.trx
    .selectFrom("assignments")
    .select("id")
    .where("team_id", "=", teamId)
    .where("status", "in", ["assigned", "in_progress"])
    .executeTakeFirst();
  if (active) {
    throw new AtharError("conflict", "the team has an assignment under way; complete or abort it first", [
      { path: "teamId", message: `assignment ${active.id}` },
    ]);
  }
  await w.trx.deleteFrom("teams").where("id", "=", teamId).execute();
  await w.audit({ action: "team.delete", entityType: "team", entityId: teamId, before });
  await appendOpsLog(w, before.siteId, {
    type: "ops.team.deleted",
    entityType: "team",
    entityId: teamId,
    summary: { callSign: before.callSign },
  });
}

/** Minutes of search effort a team has reported since its operational period began (counted reports). */
export async function workedMinutes(
  db: Kysely<Database>,
  teamId: string,
  since: string | null,
): Promise<number> {
  let query = db
    .selectFrom("field_reports")
    .select((eb) => eb.fn.sum<number>("effort_minutes").as("minutes"))
    .where("team_id", "=", teamId)
    .where("counted", "=", 1);
  if (since) query = query.where("received_at", ">=", since);
  const row = await query.executeTakeFirst();
  return Number(row?.minutes ?? 0);
}
