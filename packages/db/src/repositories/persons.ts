/**
 * Person records of the tracing registry: create, read, update, status statements, search. Every write is
 * audited with the state before and after; restricted details (informants, reporters, photographs) enter
 * the audit trail only as a hash, so that reading the trail does not reveal them while a change to them
 * still shows.
 */
import { AtharError, canonicalJson, newId, notFound } from "@athar/core";
import {
  deriveCurrentStatus,
  type KeyFunction,
  normalizeIdentifier,
  type Person,
  type PersonCreate,
  type PersonFields,
  type PersonStatus,
  personDisplayName,
  personSearchKeys,
  querySpans,
  type RecordSource,
  type RestrictedDetails,
  rankForQuery,
  type StatusStatement,
  type StatusStatementInput,
} from "@athar/registry";
import type { Kysely, Selectable } from "kysely";
import { sha256Hex } from "../audit";
import type { Database, PersonStatusesTable, PersonsTable } from "../schema";
import type { WriteContext } from "../store";
import { blockingKeys, registrySearchKeys, SEARCH_KEY_VERSION } from "./tracing-keys";

type Reader = Kysely<Database>;

/** SQL `in` lists are cut into chunks of this size (both databases accept far more; this keeps plans sane). */
export const IN_CHUNK = 500;

export function chunks<T>(items: readonly T[], size = IN_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

// ─── row mapping ────────────────────────────────────────────────────────────────────────────────────────

type StoredFields = Omit<PersonFields, "source" | "restricted">;

export const toStatement = (row: Selectable<PersonStatusesTable>): StatusStatement => ({
  id: row.id,
  status: row.status as PersonStatus,
  source: row.source as StatusStatement["source"],
  sourceReference: row.source_reference,
  statedOn: row.stated_on_json === null ? null : JSON.parse(row.stated_on_json),
  documented: row.documented === 1,
  note: row.note,
  recordedAt: row.recorded_at,
  recordedBy: row.recorded_by,
});

export function toPerson(row: Selectable<PersonsTable>, statuses: StatusStatement[]): Person {
  const fields = JSON.parse(row.fields_json) as StoredFields;
  return {
    ...fields,
    source: JSON.parse(row.source_json) as RecordSource,
    restricted: JSON.parse(row.restricted_json) as RestrictedDetails,
    id: row.id,
    clusterId: row.cluster_id,
    displayName: row.display_name,
    statuses,
    currentStatus: deriveCurrentStatus(statuses),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    createdBy: row.created_by,
    version: row.version,
  };
}

/** The person as the audit trail records it: restricted details replaced by their hash. */
export function auditedPerson(person: Person): unknown {
  const { restricted, ...rest } = person;
  return { ...rest, restricted: { redacted: true, sha256: sha256Hex(canonicalJson(restricted)) } };
}

/** SHA-256 of a record's content (what PUT replaces), to tell whether it changed since a point in time. */
export function contentHash(person: PersonFields): string {
  const {
    source,
    name,
    otherNames,
    sex,
    birthDate,
    birthPlace,
    governorate,
    nationalId,
    residence,
    detention,
    description,
    restricted,
  } = person;
  return sha256Hex(
    canonicalJson({
      source,
      name,
      otherNames,
      sex,
      birthDate,
      birthPlace,
      governorate,
      nationalId,
      residence,
      detention,
      description,
      restricted,
    }),
  );
}

function columnsOf(fields: PersonFields, statuses: readonly StatusStatement[]) {
  const { source, restricted, ...stored } = fields;
  const current = deriveCurrentStatus([...statuses]);
  return {
    source_kind: source.kind,
    source_json: JSON.stringify(source),
    fields_json: JSON.stringify(stored),
    restricted_json: JSON.stringify(restricted),
    display_name: personDisplayName(fields),
    sex: fields.sex,
    birth_year: fields.birthDate?.year ?? null,
    governorate: fields.governorate,
    national_id: fields.nationalId,
    prisoner_number:
      fields.detention.prisonerNumber === null ? null : normalizeIdentifier(fields.detention.prisonerNumber),
    external_system: source.external?.system ?? null,
    external_id: source.external?.id ?? null,
    current_status: current.status,
    status_conflicting: current.conflicting ? 1 : 0,
  };
}

// ─── reads ──────────────────────────────────────────────────────────────────────────────────────────────

export async function statusesOf(
  db: Reader,
  personIds: readonly string[],
): Promise<Map<string, StatusStatement[]>> {
  const byPerson = new Map<string, StatusStatement[]>(personIds.map((id) => [id, []]));
  for (const chunk of chunks(personIds)) {
    if (chunk.length === 0) continue;
    const rows = await db
      .selectFrom("person_statuses")
      .selectAll()
      .where("person_id", "in", chunk)
      .orderBy("recorded_at")
      .orderBy("id")
      .execute();
    for (const row of rows) byPerson.get(row.person_id)?.push(toStatement(row));
  }
  return byPerson;
}

export async function getPersons(db: Reader, ids: readonly string[]): Promise<Person[]> {
  const rows: Selectable<PersonsTable>[] = [];
  for (const chunk of chunks(ids)) {
    if (chunk.length > 0)
      rows.push(...(await db.selectFrom("persons").selectAll().where("id", "in", chunk).execute()));
  }
  const statuses = await statusesOf(
    db,
    rows.map((r) => r.id),
  );
  const byId = new Map(rows.map((row) => [row.id, toPerson(row, statuses.get(row.id) ?? [])]));
  return ids.map((id) => byId.get(id)).filter((p): p is Person => p !== undefined);
}

export async function getPerson(db: Reader, id: string): Promise<Person> {
  const [person] = await getPersons(db, [id]);
  if (!person) throw notFound("person");
  return person;
}

/** Every record of a cluster, oldest first. */
export async function getCluster(db: Reader, clusterId: string): Promise<Person[]> {
  const ids = await db
    .selectFrom("persons")
    .select("id")
    .where("cluster_id", "=", clusterId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return getPersons(
    db,
    ids.map((r) => r.id),
  );
}

// ─── writes ─────────────────────────────────────────────────────────────────────────────────────────────

async function writeSearchKeys(
  w: WriteContext,
  person: Pick<Person, "id" | "name" | "otherNames" | "birthDate">,
  keys: KeyFunction,
  isNew = false,
) {
  if (!isNew) await w.trx.deleteFrom("person_name_keys").where("person_id", "=", person.id).execute();
  const all = new Set([...personSearchKeys(person, keys), ...blockingKeys(person)]);
  const rows = [...all].map((key) => ({ person_id: person.id, key }));
  for (const chunk of chunks(rows, 200)) await w.trx.insertInto("person_name_keys").values(chunk).execute();
}

function newStatement(w: WriteContext, input: StatusStatementInput): StatusStatement {
  return { ...input, id: newId(), recordedAt: w.now.toISOString(), recordedBy: w.actor.name };
}

async function insertStatements(
  w: WriteContext,
  personId: string,
  statements: readonly StatusStatement[],
): Promise<void> {
  if (statements.length === 0) return;
  await w.trx
    .insertInto("person_statuses")
    .values(
      statements.map((statement) => ({
        id: statement.id,
        person_id: personId,
        status: statement.status,
        source: statement.source,
        source_reference: statement.sourceReference,
        stated_on_json: statement.statedOn === null ? null : JSON.stringify(statement.statedOn),
        documented: statement.documented ? 1 : 0,
        note: statement.note,
        recorded_at: statement.recordedAt,
        recorded_by: statement.recordedBy,
      })),
    )
    .execute();
}

export async function createPerson(
  w: WriteContext,
  input: PersonCreate,
  options: { action?: string } = {},
): Promise<Person> {
  const id = newId();
  const at = w.now.toISOString();
  const { statuses: statusInputs, ...fields } = input;
  const statuses = statusInputs.map((statusInput) => newStatement(w, statusInput));
  const current = deriveCurrentStatus(statuses);
  await w.trx
    .insertInto("persons")
    .values({
      id,
      cluster_id: id,
      ...columnsOf(fields, statuses),
      search_key_version: SEARCH_KEY_VERSION,
      created_at: at,
      updated_at: at,
      created_by: w.actor.name,
      version: 1,
    })
    .execute();
  await insertStatements(w, id, statuses);
  const person: Person = {
    ...fields,
    id,
    clusterId: id,
    displayName: personDisplayName(fields),
    statuses,
    currentStatus: current,
    createdAt: at,
    updatedAt: at,
    createdBy: w.actor.name,
    version: 1,
  };
  await writeSearchKeys(w, person, registrySearchKeys, true);
  await w.audit({
    action: options.action ?? "person.create",
    entityType: "person",
    entityId: id,
    after: auditedPerson(person),
  });
  return person;
}

function assertVersion(person: Person, expected: number): void {
  if (person.version !== expected) {
    throw new AtharError(
      "conflict",
      `the record changed since you opened it (version ${person.version}, yours ${expected}); reload it and redo your change`,
      [{ path: "version", message: `current version is ${person.version}` }],
    );
  }
}

/** Replaces a record's content. `expectedVersion` is the version the editor started from. */
export async function updatePerson(
  w: WriteContext,
  id: string,
  fields: PersonFields,
  expectedVersion: number,
): Promise<Person> {
  const before = await getPerson(w.trx, id);
  assertVersion(before, expectedVersion);
  const at = w.now.toISOString();
  await w.trx
    .updateTable("persons")
    .set({ ...columnsOf(fields, before.statuses), updated_at: at, version: before.version + 1 })
    .where("id", "=", id)
    .execute();
  const after: Person = {
    ...before,
    ...fields,
    displayName: personDisplayName(fields),
    updatedAt: at,
    version: before.version + 1,
  };
  await writeSearchKeys(w, after, registrySearchKeys);
  await w.audit({
    action: "person.update",
    entityType: "person",
    entityId: id,
    before: auditedPerson(before),
    after: auditedPerson(after),
  });
  return after;
}

export async function addStatusStatement(
  w: WriteContext,
  personId: string,
  input: StatusStatementInput,
): Promise<Person> {
  const before = await getPerson(w.trx, personId);
  const statement = newStatement(w, input);
  await insertStatements(w, personId, [statement]);
  const statuses = [...before.statuses, statement];
  const current = deriveCurrentStatus(statuses);
  const at = w.now.toISOString();
  await w.trx
    .updateTable("persons")
    .set({
      current_status: current.status,
      status_conflicting: current.conflicting ? 1 : 0,
      updated_at: at,
      version: before.version + 1,
    })
    .where("id", "=", personId)
    .execute();
  await w.audit({
    action: "person.status_add",
    entityType: "person",
    entityId: personId,
    before: { currentStatus: before.currentStatus },
    after: { statement, currentStatus: current },
  });
  return { ...before, statuses, currentStatus: current, updatedAt: at, version: before.version + 1 };
}

/**
 * Deletes a record (a mistaken entry, or at the end of its retention period). Refused while the record is
 * the subject of an inquiry or joined to other records: those must be closed or separated first.
 */
export async function deletePerson(w: WriteContext, id: string, reason: string): Promise<void> {
  const before = await getPerson(w.trx, id);
  const inquiry = await w.trx
    .selectFrom("inquiries")
    .select("id")
    .where("sought_person_id", "=", id)
    .executeTakeFirst();
  if (inquiry) {
    throw new AtharError(
      "conflict",
      `the record is the sought person of inquiry ${inquiry.id}; it cannot be deleted`,
    );
  }
  const others = await w.trx
    .selectFrom("persons")
    .select("id")
    .where("cluster_id", "=", before.clusterId)
    .where("id", "!=", id)
    .executeTakeFirst();
  if (others || before.clusterId !== id) {
    throw new AtharError("conflict", "the record is merged with other records; undo the merge first");
  }
  await w.trx.deleteFrom("persons").where("id", "=", id).execute();
  await w.audit({
    action: "person.delete",
    entityType: "person",
    entityId: id,
    before: auditedPerson(before),
    after: { reason },
  });
}

/** Rewrites every record's search keys written by an older key function. Returns how many it rewrote. */
export async function reindexSearchKeys(w: WriteContext, batch = 1000): Promise<number> {
  let done = 0;
  for (;;) {
    const rows = await w.trx
      .selectFrom("persons")
      .select(["id", "fields_json"])
      .where("search_key_version", "!=", SEARCH_KEY_VERSION)
      .limit(batch)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      const fields = JSON.parse(row.fields_json) as StoredFields;
      await writeSearchKeys(
        w,
        { id: row.id, name: fields.name, otherNames: fields.otherNames, birthDate: fields.birthDate },
        registrySearchKeys,
      );
      await w.trx
        .updateTable("persons")
        .set({ search_key_version: SEARCH_KEY_VERSION })
        .where("id", "=", row.id)
        .execute();
    }
    done += rows.length;
  }
  if (done > 0)
    await w.audit({ action: "registry.reindex", entityType: "registry", entityId: null, after: { done } });
  return done;
}

// ─── search ─────────────────────────────────────────────────────────────────────────────────────────────

export interface PersonSearch {
  q?: string | undefined;
  nationalId?: string | undefined;
  prisonerNumber?: string | undefined;
  status?: PersonStatus | undefined;
  sourceKind?: string | undefined;
  governorate?: string | undefined;
  limit: number;
  offset: number;
}

export interface PersonHit {
  person: Person;
  /** Query words covered, weighted by key strength; 0 when no name was searched. */
  rank: number;
  clusterSize: number;
}

export interface PersonSearchResult {
  hits: PersonHit[];
  /** Clusters matching (each cluster is one hit). */
  total: number;
  /** The name query matched more records than are ranked; ask for a more precise search. */
  truncated: boolean;
}

/** Records matched by a name query are ranked up to this many; beyond, the result says it was truncated. */
export const MAX_RANKED = 20_000;

/**
 * Name candidates: the words of the query are looked up from the rarest to the most common, each narrowing
 * the set left by the previous, so that "Mohammad Ahmad Haddad" costs what "Haddad" costs.
 */
async function nameCandidates(
  db: Reader,
  query: string,
  keys: KeyFunction,
): Promise<{ ranks: Map<string, number>; truncated: boolean }> {
  const { words, spans } = querySpans(query, keys);
  const empty = { ranks: new Map<string, number>(), truncated: false };
  if (words.length === 0) return empty;
  const allKeys = [...new Set(spans.flatMap((s) => s.keys))];
  const counts = new Map<string, number>();
  for (const chunk of chunks(allKeys)) {
    const rows = await db
      .selectFrom("person_name_keys")
      .select(["key", (eb) => eb.fn.countAll<number>().as("n")])
      .where("key", "in", chunk)
      .groupBy("key")
      .execute();
    for (const row of rows) counts.set(row.key, Number(row.n));
  }
  const wordKeys = words.map((_, w) => [
    ...new Set(
      spans.filter((s) => s.from <= w && w <= s.to).flatMap((s) => s.keys.filter((k) => counts.has(k))),
    ),
  ]);
  if (wordKeys.some((k) => k.length === 0)) return empty;
  const order = wordKeys
    .map((k, w) => ({ w, size: k.reduce((sum, key) => sum + (counts.get(key) ?? 0), 0) }))
    .sort((a, b) => a.size - b.size);
  let candidates: Set<string> | null = null;
  let truncated = false;
  for (const { w } of order) {
    const found = new Set<string>();
    const keyList = wordKeys[w] as string[];
    if (candidates === null) {
      const rows = await db
        .selectFrom("person_name_keys")
        .select("person_id")
        .where("key", "in", keyList)
        .limit(MAX_RANKED + 1)
        .execute();
      for (const row of rows) found.add(row.person_id);
      if (rows.length > MAX_RANKED) truncated = true;
    } else {
      for (const chunk of chunks([...candidates])) {
        const rows = await db
          .selectFrom("person_name_keys")
          .select("person_id")
          .where("key", "in", keyList)
          .where("person_id", "in", chunk)
          .execute();
        for (const row of rows) found.add(row.person_id);
      }
    }
    candidates =
      candidates === null ? found : new Set([...found].filter((id) => (candidates as Set<string>).has(id)));
    if (candidates.size === 0) return { ranks: new Map(), truncated };
  }
  const keysByPerson = new Map<string, Set<string>>();
  for (const chunk of chunks([...(candidates ?? [])])) {
    const rows = await db
      .selectFrom("person_name_keys")
      .select(["person_id", "key"])
      .where("person_id", "in", chunk)
      .where("key", "in", allKeys)
      .execute();
    for (const row of rows) {
      const set = keysByPerson.get(row.person_id) ?? new Set<string>();
      set.add(row.key);
      keysByPerson.set(row.person_id, set);
    }
  }
  const ranks = new Map<string, number>();
  for (const [personId, personKeys] of keysByPerson) {
    const rank = rankForQuery(words.length, spans, personKeys);
    if (rank !== null) ranks.set(personId, rank);
  }
  return { ranks, truncated };
}

/**
 * Registry search. Results are clusters (one hit per person, shown by its best-ranked record), ranked by
 * how well the name matches, then by most recently changed.
 */
export async function searchPersons(db: Reader, search: PersonSearch): Promise<PersonSearchResult> {
  let ranks: Map<string, number> | null = null;
  let truncated = false;
  if (search.q && search.q.trim() !== "") {
    const found = await nameCandidates(db, search.q, registrySearchKeys);
    ranks = found.ranks;
    truncated = found.truncated;
    if (ranks.size === 0) return { hits: [], total: 0, truncated };
  }
  let base = db.selectFrom("persons").select(["id", "cluster_id", "updated_at"]);
  if (search.nationalId) base = base.where("national_id", "=", normalizeIdentifier(search.nationalId));
  if (search.prisonerNumber)
    base = base.where("prisoner_number", "=", normalizeIdentifier(search.prisonerNumber));
  if (search.status) base = base.where("current_status", "=", search.status);
  if (search.sourceKind) base = base.where("source_kind", "=", search.sourceKind);
  if (search.governorate) base = base.where("governorate", "=", search.governorate);
  let rows: { id: string; cluster_id: string; updated_at: string }[] = [];
  if (ranks) {
    for (const chunk of chunks([...ranks.keys()]))
      rows.push(...(await base.where("id", "in", chunk).execute()));
  } else {
    rows = await base.orderBy("updated_at", "desc").orderBy("id").limit(MAX_RANKED).execute();
    truncated = rows.length >= MAX_RANKED;
  }
  const rankOf = (id: string) => ranks?.get(id) ?? 0;
  rows.sort(
    (a, b) =>
      rankOf(b.id) - rankOf(a.id) || b.updated_at.localeCompare(a.updated_at) || a.id.localeCompare(b.id),
  );
  const bestOfCluster = new Map<string, string>();
  for (const row of rows) if (!bestOfCluster.has(row.cluster_id)) bestOfCluster.set(row.cluster_id, row.id);
  const clusterIds = [...bestOfCluster.keys()];
  const page = clusterIds.slice(search.offset, search.offset + search.limit);
  const persons = await getPersons(
    db,
    page.map((clusterId) => bestOfCluster.get(clusterId) as string),
  );
  const sizes = new Map<string, number>();
  for (const chunk of chunks(page)) {
    if (chunk.length === 0) continue;
    const counted = await db
      .selectFrom("persons")
      .select(["cluster_id", (eb) => eb.fn.countAll<number>().as("n")])
      .where("cluster_id", "in", chunk)
      .groupBy("cluster_id")
      .execute();
    for (const row of counted) sizes.set(row.cluster_id, Number(row.n));
  }
  return {
    hits: persons.map((person) => ({
      person,
      rank: rankOf(person.id),
      clusterSize: sizes.get(person.clusterId) ?? 1,
    })),
    total: clusterIds.length,
    truncated,
  };
}
