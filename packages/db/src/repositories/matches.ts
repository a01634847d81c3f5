/**
 * Proposed matches, their review, and merges. The matcher proposes pairs of records; a reviewer accepts,
 * rejects or marks them unsure, with a reason. Accepting joins the two records' clusters (a merge); a merge
 * can be undone, and both are in the audit trail. Nothing is ever merged without a reviewer's accept, and
 * a pair the sibling guard flagged needs an explicit override.
 */
import { AtharError, newId, notFound } from "@athar/core";
import type { LinkageModel } from "@athar/linkage";
import {
  type CandidateKind,
  type CandidateState,
  DECISION_STATE,
  type Explanation,
  fallbackExplanation,
  linkageValuesOf,
  type Person,
  type ReviewDecisionInput,
  unguardedProbability,
} from "@athar/registry";
import type { Kysely, Selectable } from "kysely";
import type { Database, MatchCandidatesTable, MergesTable } from "../schema";
import type { WriteContext } from "../store";
import { chunks, getPerson, getPersons } from "./persons";
import {
  compareNames,
  dedupeWithEngine,
  LINKAGE_PRESET,
  MIN_TRAINING_RECORDS,
  scoreWithModel,
} from "./tracing-engine";
import { blockingKeys, blockingRuleOf } from "./tracing-keys";

type Reader = Kysely<Database>;

/** Pairs at or above this probability go to the review queue (recall first: a person decides). */
export const PROPOSE_THRESHOLD = 0.3;
/** At most this many registry records are scored against one record. */
export const MAX_CANDIDATES_PER_RECORD = 300;

export interface Candidate {
  id: string;
  kind: CandidateKind;
  leftPersonId: string;
  rightPersonId: string;
  inquiryId: string | null;
  probability: number;
  matchWeight: number;
  guarded: boolean;
  explanation: Explanation;
  state: CandidateState;
  reason: string;
  createdAt: string;
  updatedAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
}

const toCandidate = (row: Selectable<MatchCandidatesTable>): Candidate => ({
  id: row.id,
  kind: row.kind as CandidateKind,
  leftPersonId: row.left_person_id,
  rightPersonId: row.right_person_id,
  inquiryId: row.inquiry_id,
  probability: row.probability,
  matchWeight: row.match_weight,
  guarded: row.guarded === 1,
  explanation: JSON.parse(row.explanation_json) as Explanation,
  state: row.state as CandidateState,
  reason: row.reason,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  decidedAt: row.decided_at,
  decidedBy: row.decided_by,
});

export interface Merge {
  id: string;
  targetClusterId: string;
  mergedClusterId: string;
  memberIds: string[];
  candidateId: string | null;
  reason: string;
  createdAt: string;
  createdBy: string;
  undoneAt: string | null;
  undoneBy: string | null;
  undoReason: string | null;
}

const toMerge = (row: Selectable<MergesTable>): Merge => ({
  id: row.id,
  targetClusterId: row.target_cluster_id,
  mergedClusterId: row.merged_cluster_id,
  memberIds: JSON.parse(row.member_ids_json) as string[],
  candidateId: row.candidate_id,
  reason: row.reason,
  createdAt: row.created_at,
  createdBy: row.created_by,
  undoneAt: row.undone_at,
  undoneBy: row.undone_by,
  undoReason: row.undo_reason,
});

// ─── reads ──────────────────────────────────────────────────────────────────────────────────────────────

export async function getCandidate(db: Reader, id: string): Promise<Candidate> {
  const row = await db.selectFrom("match_candidates").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("match candidate");
  return toCandidate(row);
}

export interface QueueFilter {
  states: CandidateState[];
  kind?: CandidateKind | undefined;
  inquiryId?: string | undefined;
  personId?: string | undefined;
  limit: number;
  offset: number;
}

/** The review queue: inquiries first, then by probability, oldest first among equals. */
export async function listCandidates(
  db: Reader,
  filter: QueueFilter,
): Promise<{ candidates: Candidate[]; total: number }> {
  let query = db.selectFrom("match_candidates").where("state", "in", filter.states);
  if (filter.kind) query = query.where("kind", "=", filter.kind);
  if (filter.inquiryId) query = query.where("inquiry_id", "=", filter.inquiryId);
  const personId = filter.personId;
  if (personId) {
    query = query.where((eb) =>
      eb.or([eb("left_person_id", "=", personId), eb("right_person_id", "=", personId)]),
    );
  }
  const total = await query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const rows = await query
    .selectAll()
    // "inquiry" sorts before "duplicate" descending.
    .orderBy("kind", "desc")
    .orderBy("probability", "desc")
    .orderBy("created_at")
    .orderBy("id")
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  return { candidates: rows.map(toCandidate), total: Number(total.n) };
}

export async function listMerges(db: Reader, clusterId: string | null, limit = 200): Promise<Merge[]> {
  let query = db.selectFrom("merges").selectAll();
  if (clusterId) {
    query = query.where((eb) =>
      eb.or([eb("target_cluster_id", "=", clusterId), eb("merged_cluster_id", "=", clusterId)]),
    );
  }
  return (await query.orderBy("created_at", "desc").orderBy("id").limit(limit).execute()).map(toMerge);
}

export async function getMerge(db: Reader, id: string): Promise<Merge> {
  const row = await db.selectFrom("merges").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("merge");
  return toMerge(row);
}

// ─── proposing ──────────────────────────────────────────────────────────────────────────────────────────

/** The newest stored linkage model, or null before the registry was large enough to train one. */
export async function latestModel(db: Reader): Promise<LinkageModel | null> {
  const row = await db
    .selectFrom("linkage_models")
    .select("model_json")
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .executeTakeFirst();
  return row ? (JSON.parse(row.model_json) as { model: LinkageModel }).model : null;
}

async function blockingRows(
  db: Reader,
  keys: readonly string[],
  exclude: string,
): Promise<Map<string, Set<number>>> {
  const rules = new Map<string, Set<number>>();
  for (const chunk of chunks(keys)) {
    if (chunk.length === 0) continue;
    const rows = await db
      .selectFrom("person_name_keys")
      .select(["person_id", "key"])
      .where("key", "in", chunk)
      .where("person_id", "!=", exclude)
      .limit(50_000)
      .execute();
    for (const row of rows) {
      const set = rules.get(row.person_id) ?? new Set<number>();
      set.add(blockingRuleOf(row.key));
      rules.set(row.person_id, set);
    }
  }
  return rules;
}

/**
 * Blocking in SQL: the records sharing at least one blocking key with this one (tracing-keys.ts), or its
 * national ID; those sharing more rules first, at most MAX_CANDIDATES_PER_RECORD, none of its own cluster.
 */
export async function blockingCandidates(db: Reader, person: Person): Promise<string[]> {
  const rules = await blockingRows(db, blockingKeys(person), person.id);
  const score = new Map([...rules].map(([id, set]) => [id, set.size]));
  if (person.nationalId) {
    const same = await db
      .selectFrom("persons")
      .select("id")
      .where("national_id", "=", person.nationalId)
      .where("id", "!=", person.id)
      .execute();
    for (const row of same) score.set(row.id, 100);
  }
  const ranked = [...score]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([id]) => id)
    .slice(0, MAX_CANDIDATES_PER_RECORD * 2);
  const clusterRows: { id: string; cluster_id: string }[] = [];
  for (const chunk of chunks(ranked)) {
    if (chunk.length > 0)
      clusterRows.push(
        ...(await db.selectFrom("persons").select(["id", "cluster_id"]).where("id", "in", chunk).execute()),
      );
  }
  const sameCluster = new Set(clusterRows.filter((r) => r.cluster_id === person.clusterId).map((r) => r.id));
  return ranked.filter((id) => !sameCluster.has(id)).slice(0, MAX_CANDIDATES_PER_RECORD);
}

function pairOf(a: Person, b: Person): { left: Person; right: Person; kind: CandidateKind } {
  const aInquiry = a.source.kind === "inquiry";
  const bInquiry = b.source.kind === "inquiry";
  if (aInquiry && !bInquiry) return { left: a, right: b, kind: "inquiry" };
  if (bInquiry && !aInquiry) return { left: b, right: a, kind: "inquiry" };
  return a.id < b.id ? { left: a, right: b, kind: "duplicate" } : { left: b, right: a, kind: "duplicate" };
}

/** Whether a scored pair goes to the queue: probable, or flagged as possible siblings although probable. */
const worthProposing = (explanation: Explanation, threshold: number) =>
  explanation.probability >= threshold ||
  (explanation.guard !== null && unguardedProbability(explanation) >= threshold);

export type UpsertOutcome = "created" | "updated" | "kept" | "reopened";

/**
 * Stores a proposal. An open or unsure pair gets its new score; a rejected pair stays rejected unless one
 * of its records changed since the decision; an accepted pair is left alone.
 */
export async function upsertCandidate(
  w: WriteContext,
  a: Person,
  b: Person,
  explanation: Explanation,
): Promise<{ outcome: UpsertOutcome; candidate: Candidate | null }> {
  const { left, right, kind } = pairOf(a, b);
  const at = w.now.toISOString();
  const existing = await w.trx
    .selectFrom("match_candidates")
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb("left_person_id", "=", left.id), eb("right_person_id", "=", right.id)]),
        eb.and([eb("left_person_id", "=", right.id), eb("right_person_id", "=", left.id)]),
      ]),
    )
    .executeTakeFirst();
  const score = {
    probability: explanation.probability,
    match_weight: explanation.matchWeight,
    guarded: explanation.guard === null ? 0 : 1,
    explanation_json: JSON.stringify(explanation),
    left_version: existing?.left_person_id === right.id ? right.version : left.version,
    right_version: existing?.left_person_id === right.id ? left.version : right.version,
    updated_at: at,
  };
  if (existing) {
    const state = existing.state as CandidateState;
    if (state === "accepted") return { outcome: "kept", candidate: toCandidate(existing) };
    if (state === "rejected") {
      const unchanged =
        existing.left_version === score.left_version && existing.right_version === score.right_version;
      if (unchanged) return { outcome: "kept", candidate: toCandidate(existing) };
    }
    const reopen = state === "rejected" || state === "superseded";
    await w.trx
      .updateTable("match_candidates")
      .set({ ...score, ...(reopen ? { state: "open", decided_at: null, decided_by: null } : {}) })
      .where("id", "=", existing.id)
      .execute();
    const candidate = await getCandidate(w.trx, existing.id);
    if (reopen) {
      await w.audit({
        action: "match.reopen",
        entityType: "match_candidate",
        entityId: existing.id,
        before: { state, reason: existing.reason },
        after: { state: "open", probability: candidate.probability },
      });
    }
    return { outcome: reopen ? "reopened" : "updated", candidate };
  }
  let inquiryId: string | null = null;
  if (kind === "inquiry") {
    const inquiry = await w.trx
      .selectFrom("inquiries")
      .select("id")
      .where("sought_person_id", "=", left.id)
      .executeTakeFirst();
    inquiryId = inquiry?.id ?? null;
  }
  const row: MatchCandidatesTable = {
    id: newId(),
    kind,
    left_person_id: left.id,
    right_person_id: right.id,
    inquiry_id: inquiryId,
    ...score,
    left_version: left.version,
    right_version: right.version,
    state: "open",
    created_at: at,
    decided_at: null,
    decided_by: null,
    reason: "",
  };
  await w.trx.insertInto("match_candidates").values(row).execute();
  const candidate = toCandidate(row);
  await w.audit({
    action: "match.propose",
    entityType: "match_candidate",
    entityId: row.id,
    after: {
      kind,
      leftPersonId: left.id,
      rightPersonId: right.id,
      probability: row.probability,
      engine: explanation.engine,
    },
  });
  return { outcome: "created", candidate };
}

/** Scores a record against others, with the stored engine model when there is one, else the fallback. */
export async function scoreAgainst(
  db: Reader,
  person: Person,
  others: readonly Person[],
): Promise<Map<string, Explanation>> {
  const left = linkageValuesOf(person.id, person);
  const rights = others.map((o) => linkageValuesOf(o.id, o));
  const model = await latestModel(db);
  if (model) {
    const scored = scoreWithModel(model, left, rights);
    if (scored.size === rights.length) return scored;
  }
  return new Map(rights.map((right) => [right.id, fallbackExplanation(left, right, compareNames)]));
}

export interface ProposalReport {
  engine: "linkage" | "fallback";
  compared: number;
  created: number;
  updated: number;
  reopened: number;
}

/** Finds and scores the records that may be this one, and queues the probable ones. */
export async function proposeForPerson(
  w: WriteContext,
  personId: string,
  threshold = PROPOSE_THRESHOLD,
): Promise<ProposalReport> {
  const person = await getPerson(w.trx, personId);
  const others = await getPersons(w.trx, await blockingCandidates(w.trx, person));
  const scores = await scoreAgainst(w.trx, person, others);
  const report: ProposalReport = {
    engine: "fallback",
    compared: others.length,
    created: 0,
    updated: 0,
    reopened: 0,
  };
  for (const other of others) {
    const explanation = scores.get(other.id);
    if (!explanation) continue;
    report.engine = explanation.engine;
    if (!worthProposing(explanation, threshold)) continue;
    const { outcome } = await upsertCandidate(w, person, other, explanation);
    if (outcome === "created") report.created++;
    else if (outcome === "updated") report.updated++;
    else if (outcome === "reopened") report.reopened++;
  }
  return report;
}

export interface FullRunReport extends ProposalReport {
  records: number;
  skipped: number;
}

/**
 * Matches the whole registry. With enough records, the engine deduplicates it (blocking, EM training,
 * scoring) and its model is stored for later single-record proposals; with fewer, each record is scored
 * against its blocking candidates with the fallback matcher.
 */
export async function runFullMatching(
  w: WriteContext,
  options: { threshold?: number; minTrainingRecords?: number } = {},
): Promise<FullRunReport> {
  const threshold = options.threshold ?? PROPOSE_THRESHOLD;
  const ids = (await w.trx.selectFrom("persons").select("id").orderBy("id").execute()).map((r) => r.id);
  const report: FullRunReport = {
    engine: "fallback",
    records: ids.length,
    compared: 0,
    created: 0,
    updated: 0,
    reopened: 0,
    skipped: 0,
  };
  const tally = (outcome: UpsertOutcome) => {
    if (outcome === "created") report.created++;
    else if (outcome === "updated") report.updated++;
    else if (outcome === "reopened") report.reopened++;
  };
  if (ids.length >= (options.minTrainingRecords ?? MIN_TRAINING_RECORDS)) {
    const persons = await getPersons(w.trx, ids);
    const byId = new Map(persons.map((p) => [p.id, p]));
    const run = dedupeWithEngine(
      persons.map((p) => linkageValuesOf(p.id, p)),
      Math.min(threshold, 0.05),
    );
    await w.trx
      .insertInto("linkage_models")
      .values({
        id: newId(),
        created_at: w.now.toISOString(),
        records: persons.length,
        model_json: JSON.stringify({ preset: LINKAGE_PRESET, model: run.model }),
      })
      .execute();
    report.engine = "linkage";
    report.compared = run.compared;
    report.skipped = run.skipped.length;
    for (const pair of run.pairs) {
      const a = byId.get(pair.leftId);
      const b = byId.get(pair.rightId);
      if (!a || !b || a.clusterId === b.clusterId || !worthProposing(pair.explanation, threshold)) continue;
      tally((await upsertCandidate(w, a, b, pair.explanation)).outcome);
    }
  } else {
    // A small registry: block in memory (same rule as blockingCandidates) and score with the fallback.
    const all = await getPersons(w.trx, ids);
    const keysOf = new Map(all.map((p) => [p.id, blockingKeys(p)]));
    const holders = new Map<string, string[]>();
    for (const [id, keys] of keysOf) {
      for (const key of keys) {
        const list = holders.get(key);
        if (list) list.push(id);
        else holders.set(key, [id]);
      }
    }
    const byNationalId = new Map<string, string[]>();
    for (const p of all)
      if (p.nationalId) byNationalId.set(p.nationalId, [...(byNationalId.get(p.nationalId) ?? []), p.id]);
    const byId = new Map(all.map((p) => [p.id, p]));
    for (const person of all) {
      const pairIds = new Set<string>();
      for (const key of keysOf.get(person.id) ?? []) {
        // Each pair once.
        for (const other of holders.get(key) ?? []) if (other > person.id) pairIds.add(other);
      }
      for (const other of byNationalId.get(person.nationalId ?? "") ?? [])
        if (other > person.id) pairIds.add(other);
      const others = [...pairIds]
        .map((id) => byId.get(id))
        .filter((o): o is Person => o !== undefined && o.clusterId !== person.clusterId);
      report.compared += others.length;
      const left = linkageValuesOf(person.id, person);
      for (const other of others) {
        const explanation = fallbackExplanation(left, linkageValuesOf(other.id, other), compareNames);
        if (!worthProposing(explanation, threshold)) continue;
        tally((await upsertCandidate(w, person, other, explanation)).outcome);
      }
    }
  }
  await w.audit({ action: "match.run", entityType: "registry", entityId: null, after: report });
  return report;
}

/** A reviewer's own proposal: two records they believe may be one person, scored now and queued. */
export async function proposePair(w: WriteContext, aId: string, bId: string): Promise<Candidate> {
  if (aId === bId) throw new AtharError("validation_failed", "a pair needs two different records");
  const [a, b] = [await getPerson(w.trx, aId), await getPerson(w.trx, bId)];
  if (a.clusterId === b.clusterId) throw new AtharError("conflict", "the two records are already one person");
  const explanation = (await scoreAgainst(w.trx, a, [b])).get(b.id);
  if (!explanation) throw new AtharError("internal_error", "the pair could not be scored");
  const { candidate } = await upsertCandidate(w, a, b, explanation);
  if (!candidate) throw new AtharError("internal_error", "the pair could not be stored");
  return candidate;
}

// ─── review and merges ──────────────────────────────────────────────────────────────────────────────────

async function clusterMembers(
  db: Reader,
  clusterId: string,
): Promise<{ id: string; national_id: string | null; created_at: string }[]> {
  return db
    .selectFrom("persons")
    .select(["id", "national_id", "created_at"])
    .where("cluster_id", "=", clusterId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/**
 * Joins two clusters. The surviving cluster keeps its id; the other's records move into it. Refused when
 * the two hold different national ID numbers (a strong identifier never disagrees within one person).
 */
export async function mergeClusters(
  w: WriteContext,
  clusterA: string,
  clusterB: string,
  options: { candidateId: string | null; reason: string; preferTarget?: string },
): Promise<Merge> {
  if (clusterA === clusterB) throw new AtharError("conflict", "the records are already one person");
  const membersA = await clusterMembers(w.trx, clusterA);
  const membersB = await clusterMembers(w.trx, clusterB);
  if (membersA.length === 0 || membersB.length === 0) throw notFound("cluster");
  const idsA = new Set(membersA.map((m) => m.national_id).filter((n): n is string => n !== null));
  const idsB = new Set(membersB.map((m) => m.national_id).filter((n): n is string => n !== null));
  if (idsA.size > 0 && idsB.size > 0 && ![...idsA].some((n) => idsB.has(n))) {
    throw new AtharError(
      "conflict",
      "the two records carry different national ID numbers; correct one before merging",
      [{ path: "nationalId", message: `${[...idsA].join(", ")} ≠ ${[...idsB].join(", ")}` }],
    );
  }
  const firstA = membersA[0]?.created_at ?? "";
  const firstB = membersB[0]?.created_at ?? "";
  const aSurvives =
    options.preferTarget === clusterA ||
    (options.preferTarget !== clusterB && (firstA < firstB || (firstA === firstB && clusterA < clusterB)));
  const [target, merged, moved] = aSurvives ? [clusterA, clusterB, membersB] : [clusterB, clusterA, membersA];
  const memberIds = moved.map((m) => m.id);
  for (const chunk of chunks(memberIds)) {
    await w.trx.updateTable("persons").set({ cluster_id: target }).where("id", "in", chunk).execute();
  }
  const merge: Merge = {
    id: newId(),
    targetClusterId: target,
    mergedClusterId: merged,
    memberIds,
    candidateId: options.candidateId,
    reason: options.reason,
    createdAt: w.now.toISOString(),
    createdBy: w.actor.name,
    undoneAt: null,
    undoneBy: null,
    undoReason: null,
  };
  await w.trx
    .insertInto("merges")
    .values({
      id: merge.id,
      target_cluster_id: target,
      merged_cluster_id: merged,
      member_ids_json: JSON.stringify(memberIds),
      candidate_id: merge.candidateId,
      reason: merge.reason,
      created_at: merge.createdAt,
      created_by: merge.createdBy,
      undone_at: null,
      undone_by: null,
      undo_reason: null,
    })
    .execute();
  // Other open proposals between the two clusters are settled by this merge.
  const all = [...membersA, ...membersB].map((m) => m.id);
  for (const chunk of chunks(all)) {
    await w.trx
      .updateTable("match_candidates")
      .set({ state: "superseded", updated_at: merge.createdAt })
      .where("state", "in", ["open", "unsure"])
      .where("left_person_id", "in", chunk)
      .where("right_person_id", "in", all)
      .where("id", "!=", options.candidateId ?? "")
      .execute();
  }
  await w.audit({
    action: "cluster.merge",
    entityType: "merge",
    entityId: merge.id,
    before: { clusters: { [clusterA]: membersA.map((m) => m.id), [clusterB]: membersB.map((m) => m.id) } },
    after: { cluster: target, members: all, candidateId: merge.candidateId, reason: merge.reason },
  });
  return merge;
}

/**
 * Undoes a merge: its records return to the cluster they came from. Refused when a later merge moved
 * them again (undo that one first), so that undoing never tears a later decision apart silently.
 */
export async function undoMerge(w: WriteContext, mergeId: string, reason: string): Promise<Merge> {
  const merge = await getMerge(w.trx, mergeId);
  if (merge.undoneAt !== null)
    throw new AtharError("invalid_state_transition", "this merge was already undone");
  const rows: { id: string; cluster_id: string }[] = [];
  for (const chunk of chunks(merge.memberIds)) {
    if (chunk.length > 0)
      rows.push(
        ...(await w.trx
          .selectFrom("persons")
          .select(["id", "cluster_id"])
          .where("id", "in", chunk)
          .execute()),
      );
  }
  const moved = rows.filter((r) => r.cluster_id !== merge.targetClusterId);
  if (moved.length > 0) {
    const later = await w.trx
      .selectFrom("merges")
      .select("id")
      .where("undone_at", "is", null)
      .where("created_at", ">=", merge.createdAt)
      .where("id", "!=", merge.id)
      .where("merged_cluster_id", "=", merge.targetClusterId)
      .executeTakeFirst();
    throw new AtharError(
      "conflict",
      `a later merge${later ? ` (${later.id})` : ""} moved these records again; undo it first`,
    );
  }
  const before = await clusterMembers(w.trx, merge.targetClusterId);
  for (const chunk of chunks(rows.map((r) => r.id))) {
    await w.trx
      .updateTable("persons")
      .set({ cluster_id: merge.mergedClusterId })
      .where("id", "in", chunk)
      .execute();
  }
  const at = w.now.toISOString();
  await w.trx
    .updateTable("merges")
    .set({ undone_at: at, undone_by: w.actor.name, undo_reason: reason })
    .where("id", "=", merge.id)
    .execute();
  if (merge.candidateId) {
    // The decision is reversed: the pair goes back to the queue for someone to decide again.
    await w.trx
      .updateTable("match_candidates")
      .set({
        state: "open",
        updated_at: at,
        decided_at: null,
        decided_by: null,
        reason: `merge undone: ${reason}`,
      })
      .where("id", "=", merge.candidateId)
      .execute();
  }
  await w.audit({
    action: "cluster.unmerge",
    entityType: "merge",
    entityId: merge.id,
    before: { cluster: merge.targetClusterId, members: before.map((m) => m.id) },
    after: {
      clusters: {
        [merge.targetClusterId]: before.map((m) => m.id).filter((id) => !merge.memberIds.includes(id)),
        [merge.mergedClusterId]: merge.memberIds,
      },
      reason,
    },
  });
  return { ...merge, undoneAt: at, undoneBy: w.actor.name, undoReason: reason };
}

/**
 * A reviewer's decision. Accept joins the pair's clusters (the registry record's cluster survives an
 * inquiry match); reject and unsure only record the decision.
 */
export async function decideCandidate(
  w: WriteContext,
  candidateId: string,
  input: ReviewDecisionInput,
): Promise<{ candidate: Candidate; merge: Merge | null }> {
  const before = await getCandidate(w.trx, candidateId);
  if (before.state !== "open" && before.state !== "unsure") {
    throw new AtharError(
      "invalid_state_transition",
      `this proposal is ${before.state}; it is no longer open for review`,
    );
  }
  if (input.decision === "accept" && before.guarded && !input.overrideSiblingWarning) {
    throw new AtharError(
      "validation_failed",
      "the matcher flagged this pair as possible siblings; accept only with overrideSiblingWarning and a reason that says why they are one person",
      [{ path: "overrideSiblingWarning", message: "required for a flagged pair" }],
    );
  }
  const at = w.now.toISOString();
  const state = DECISION_STATE[input.decision];
  let merge: Merge | null = null;
  if (input.decision === "accept") {
    const [left, right] = [
      await getPerson(w.trx, before.leftPersonId),
      await getPerson(w.trx, before.rightPersonId),
    ];
    if (left.clusterId !== right.clusterId) {
      merge = await mergeClusters(w, left.clusterId, right.clusterId, {
        candidateId,
        reason: input.reason,
        ...(before.kind === "inquiry" ? { preferTarget: right.clusterId } : {}),
      });
    }
  }
  await w.trx
    .updateTable("match_candidates")
    .set({ state, reason: input.reason, decided_at: at, decided_by: w.actor.name, updated_at: at })
    .where("id", "=", candidateId)
    .execute();
  const after = await getCandidate(w.trx, candidateId);
  await w.audit({
    action: `match.${input.decision}`,
    entityType: "match_candidate",
    entityId: candidateId,
    before: { state: before.state, reason: before.reason },
    after: {
      state,
      reason: input.reason,
      overrideSiblingWarning: input.overrideSiblingWarning,
      mergeId: merge?.id ?? null,
    },
  });
  return { candidate: after, merge };
}
