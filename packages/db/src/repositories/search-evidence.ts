/**
 * Writes of the search side (evidence, hypotheses, planners' estimates, the likelihood table) to a site's
 * search log, each checked against the whole log: the new events are appended (which takes the audit lock,
 * so no other append can come between) and the log is folded again inside the transaction. An event the fold
 * refuses rolls the write back, so a stored log always folds; probabilities stay a function of the log.
 *
 * Before the first of these writes every space of the site model gets its segment (`syncSpaceSegments`), so
 * that evidence about one cell moves probability against the whole site, not against an empty log.
 */
import { AtharError } from "@athar/core";
import { foldSearchLog, type SearchLogEvent, type SearchState } from "@athar/search";
import type { Kysely } from "kysely";
import { syncSpaceSegments } from "../ops/search-segments";
import type { Database } from "../schema";
import type { WriteContext } from "../store";
import { appendSearchEvents, listSearchEvents, type StoredSearchEvent } from "./search-log";

export interface CheckedAppend {
  /** The events just appended, with their positions. */
  stored: StoredSearchEvent[];
  /** The whole log after the append (including anything committed meanwhile by others). */
  log: StoredSearchEvent[];
  /** The log folded (without history). */
  state: SearchState;
}

/** The newest position of a site's log (0 when empty). */
export async function lastSearchSeq(db: Kysely<Database>, siteId: string): Promise<number> {
  const row = await db
    .selectFrom("search_events")
    .select((eb) => eb.fn.max<number>("seq").as("seq"))
    .where("site_id", "=", siteId)
    .executeTakeFirst();
  return Number(row?.seq ?? 0);
}

/**
 * Appends the events `build` makes from the current log, after adding the segments of spaces the log does
 * not know yet (unless `sync` is false), and checks the result by folding the whole log.
 */
export async function appendCheckedSearchEvents(
  w: WriteContext,
  siteId: string,
  build: (log: readonly StoredSearchEvent[]) => SearchLogEvent[] | Promise<SearchLogEvent[]>,
  options: { sync?: boolean } = {},
): Promise<CheckedAppend> {
  if (options.sync !== false) await syncSpaceSegments(w, siteId);
  const before = await listSearchEvents(w.trx, siteId);
  const events = await build(before);
  const stored = await appendSearchEvents(w, siteId, events);
  // Holding the audit lock now: read what was committed since `before` was read, then fold everything.
  const lastBefore = before.at(-1)?.seq ?? 0;
  const since = await w.trx
    .selectFrom("search_events")
    .select(["seq", "recorded_by", "recorded_at", "payload_json"])
    .where("site_id", "=", siteId)
    .where("seq", ">", lastBefore)
    .orderBy("seq")
    .execute();
  const log: StoredSearchEvent[] = [
    ...before,
    ...since.map((row) => ({
      seq: row.seq,
      recordedBy: row.recorded_by,
      recordedAt: row.recorded_at,
      event: JSON.parse(row.payload_json) as SearchLogEvent,
    })),
  ];
  let state: SearchState;
  try {
    state = foldSearchLog(
      log.map((s) => s.event),
      { history: false },
    );
  } catch (error) {
    if (error instanceof AtharError && error.code === "validation_failed") {
      // Name the problem by the new event it comes from, not by its position in the whole log.
      const offset = log.length - events.length;
      const details = (error.details ?? []).map((detail) => ({
        ...detail,
        path: detail.path?.replace(/^events\.(\d+)/, (_, index: string) =>
          Number(index) >= offset ? `events.${Number(index) - offset}` : `log.${index}`,
        ),
      }));
      throw new AtharError(
        "validation_failed",
        `the change would make the search log inconsistent: ${error.message}`,
        details,
      );
    }
    throw error;
  }
  return { stored, log, state };
}

export interface SpaceSegmentStatus {
  spaceId: string;
  levelId: string;
  /** Ruled-out spaces (or spaces on ruled-out levels) get no segment. */
  ruledOut: boolean;
}

/** The spaces of a site with what the search log needs to know about them (no geometry). */
export async function listSiteSpaceStatuses(
  db: Kysely<Database>,
  siteId: string,
): Promise<SpaceSegmentStatus[]> {
  const rows = await db
    .selectFrom("spaces")
    .innerJoin("levels", "levels.id", "spaces.level_id")
    .innerJoin("buildings", "buildings.id", "levels.building_id")
    .select([
      "spaces.id as id",
      "spaces.status as status",
      "levels.id as level_id",
      "levels.status as level_status",
    ])
    .where("buildings.site_id", "=", siteId)
    .execute();
  return rows.map((row) => ({
    spaceId: row.id,
    levelId: row.level_id,
    ruledOut: row.status === "ruled_out" || row.level_status === "ruled_out",
  }));
}

/** Display names of the users who recorded events (ids that are not users are left out). */
export async function userNames(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)].filter((id) => id.length > 0);
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom("users")
    .select(["id", "display_name", "username"])
    .where("id", "in", unique)
    .execute();
  return new Map(rows.map((row) => [row.id, row.display_name || row.username]));
}
