/**
 * INSARAG worksites: one per segment (a cell, a corridor, a suspected space), with an ID a team paints on the
 * structure. The ID is given when a segment is first assigned to a team (so the phone knows it before going
 * below ground): the team's call sign and a four-digit number counting the worksites that team opened
 * (primer §3: worksite IDs TEAM-NNNN). Later teams keep the ID and add their ASR line.
 */
import { newId } from "@athar/core";
import type { Kysely } from "kysely";
import {
  type AsrEntry,
  type AsrLevel,
  type TriageCategory,
  triageOf,
  type VictimMark,
  victimMark,
  type WorksiteMarking,
  worksiteMarking,
} from "../ops/markings";
import type { Database } from "../schema";
import type { WriteContext } from "../store";

export interface Worksite {
  segmentId: string;
  code: string;
}

export async function worksitesOf(
  db: Kysely<Database>,
  siteId: string,
  segmentIds: readonly string[],
): Promise<Map<string, string>> {
  if (segmentIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("worksites")
    .select(["segment_id", "code"])
    .where("site_id", "=", siteId)
    .where("segment_id", "in", [...segmentIds])
    .execute();
  return new Map(rows.map((r) => [r.segment_id, r.code]));
}

/** Gives every segment without a worksite one, opened by this team. Call after the write has audited. */
export async function ensureWorksites(
  w: WriteContext,
  siteId: string,
  team: { id: string; callSign: string },
  segmentIds: readonly string[],
): Promise<Map<string, string>> {
  const existing = await worksitesOf(w.trx, siteId, segmentIds);
  const missing = segmentIds.filter((id) => !existing.has(id));
  if (missing.length === 0) return existing;
  const prefix = `${team.callSign}-`;
  const taken = await w.trx
    .selectFrom("worksites")
    .select("code")
    .where("site_id", "=", siteId)
    .where("code", "like", `${prefix}%`)
    .execute();
  let next =
    1 + taken.reduce((max, row) => Math.max(max, Number.parseInt(row.code.slice(prefix.length), 10) || 0), 0);
  for (const segmentId of missing) {
    const code = `${prefix}${String(next++).padStart(4, "0")}`;
    await w.trx
      .insertInto("worksites")
      .values({
        id: newId(),
        site_id: siteId,
        segment_id: segmentId,
        code,
        opened_by_team_id: team.id,
        created_at: w.now.toISOString(),
      })
      .execute();
    existing.set(segmentId, code);
  }
  return existing;
}

/** What one report says about one worksite, for composing its marking. */
export interface WorksiteObservation {
  teamCallSign: string;
  at: string;
  asrLevel: AsrLevel | null;
  hazards: string[];
  live: number;
  deceased: number;
  alert: boolean;
  triage?: TriageCategory;
  noFurtherWork: boolean;
}

/**
 * The marking of a worksite after a sequence of reports (oldest first): every ASR line, every hazard, the
 * latest triage and victim marks, and the line through it if the latest report says no further work.
 */
export function composeMarking(
  segment: { segmentId: string; label: string; worksiteId: string },
  observations: readonly WorksiteObservation[],
): WorksiteMarking {
  const asr: AsrEntry[] = [];
  const hazards: string[] = [];
  let triage: TriageCategory | null = null;
  const victims: VictimMark[] = [];
  let noFurtherWork = false;
  for (const o of observations) {
    if (o.asrLevel !== null) asr.push({ teamCallSign: o.teamCallSign, level: o.asrLevel, at: o.at });
    for (const h of o.hazards) if (!hazards.includes(h)) hazards.push(h);
    const found = triageOf({ live: o.live, deceased: o.deceased, alert: o.alert }, o.triage);
    if (found) triage = found;
    if (o.live > 0 || o.deceased > 0 || o.alert) victims.push(victimMark(o.live, o.deceased));
    noFurtherWork = o.noFurtherWork;
  }
  return worksiteMarking({ ...segment, hazards, asr, triage, noFurtherWork, victims });
}
