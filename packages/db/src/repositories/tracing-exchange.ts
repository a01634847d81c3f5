/**
 * Exchange with other organisations: PFIF 1.4 import and export of persons and notes, CSV import with a
 * column mapping and a preview, and CSV export with HXL hashtags. Imports are all-or-nothing: they run in
 * the caller's one transaction and throw `import_invalid` naming every bad row or record and field before
 * anything is written. Family inquiries are exported only when the family agreed to sharing with partners;
 * restricted details (informants, reporters' contact, photographs) only to contact readers, and never in CSV.
 */
import { AtharError, type ErrorDetail, newId } from "@athar/core";
import {
  allNotes,
  type CsvFieldError,
  type CsvImportOptions,
  type CsvImportResult,
  hxlHeaderLines,
  hxlRow,
  noteStatusStatement,
  type Person,
  type PersonCreate,
  PFIF_NOTE_CONTACT_FIELDS,
  PFIF_PERSON_CONTACT_FIELDS,
  type PfifDocument,
  PfifError,
  type PfifFieldError,
  type PfifNote,
  type PfifNoteFields,
  type PfifPerson,
  type PfifPersonFields,
  parsePfif,
  personToPfif,
  pfifPersonToCreate,
  pfifRecordIdOf,
  readCsvImport,
  type StatusStatementInput,
  serializePfif,
  statementToPfifNote,
  toPfifTimestamp,
} from "@athar/registry";
import type { Kysely } from "kysely";
import type { Database } from "../schema";
import type { WriteContext } from "../store";
import { scoreAgainst, upsertCandidate } from "./matches";
import { addStatusStatement, chunks, contentHash, createPerson, getPersons } from "./persons";

type Reader = Kysely<Database>;

/** At most this many problems are listed in an error; the message gives the total. */
export const MAX_REPORTED_PROBLEMS = 200;

function importInvalid(what: string, details: ErrorDetail[]): AtharError {
  const shown = details.slice(0, MAX_REPORTED_PROBLEMS);
  const more = details.length > shown.length ? ` (the first ${shown.length} are listed)` : "";
  return new AtharError(
    "import_invalid",
    `${what}: ${details.length} problem${details.length === 1 ? "" : "s"}${more}; nothing was imported. First: ${shown[0]?.path ?? ""}: ${shown[0]?.message ?? ""}`,
    shown,
  );
}

// ─── PFIF import ────────────────────────────────────────────────────────────────────────────────────────

export interface PfifImportReport {
  persons: { created: number; alreadyPresent: number };
  notes: { created: number; alreadyPresent: number };
  statusStatements: number;
  /** PFIF duplicate markers (linked_person_record_id) turned into proposals for review. */
  linksProposed: number;
  warnings: string[];
  /** Ids of the records created, in document order. */
  createdIds: string[];
}

const pfifProblem = (e: PfifFieldError): ErrorDetail => ({
  path: `line ${e.line}, record ${e.recordId || "(no id)"}, field ${e.field}`,
  message: e.message,
});

function statementFromNote(note: PfifNote): StatusStatementInput | null {
  const made = noteStatusStatement(note);
  if (!made) return null;
  return {
    status: made.status,
    source: made.source,
    sourceReference: made.reference,
    statedOn: made.statedOn,
    documented: false,
    note: "",
  };
}

async function existingByExternalIds(
  db: Reader,
  system: string | null,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const chunk of chunks(ids)) {
    if (chunk.length === 0) continue;
    let query = db.selectFrom("persons").select(["id", "external_id"]).where("external_id", "in", chunk);
    if (system !== null) query = query.where("external_system", "=", system);
    for (const row of await query.execute()) if (row.external_id) found.set(row.external_id, row.id);
  }
  return found;
}

/**
 * Imports a PFIF document. Persons already imported (same person_record_id) are kept as they are and
 * their new notes added, so that importing the same feed twice adds nothing.
 */
export async function importPfif(w: WriteContext, xml: string): Promise<PfifImportReport> {
  let document: PfifDocument;
  try {
    document = parsePfif(xml);
  } catch (error) {
    if (error instanceof PfifError)
      throw importInvalid("the PFIF document cannot be read", [
        { path: `line ${error.line}`, message: error.message },
      ]);
    throw error;
  }
  const problems: ErrorDetail[] = [];
  const seen = new Map<string, number>();
  const creates = new Map<string, { pfif: PfifPerson; create: PersonCreate }>();
  for (const pfif of document.persons) {
    const id = pfif.fields.person_record_id ?? "";
    const earlier = seen.get(id);
    if (id !== "" && earlier !== undefined) {
      problems.push({
        path: `line ${pfif.line}, record ${id}, field person_record_id`,
        message: `also on line ${earlier}`,
      });
      continue;
    }
    seen.set(id, pfif.line);
    const result = pfifPersonToCreate(pfif);
    if (result.person === null) problems.push(...result.errors.map(pfifProblem));
    else creates.set(id, { pfif, create: result.person });
  }
  const notes = allNotes(document);
  const existingPersons = await existingByExternalIds(w.trx, null, [...seen.keys()]);
  const noteIds = notes.map((n) => n.fields.note_record_id ?? "");
  const existingNotes = new Set<string>();
  for (const chunk of chunks(noteIds.filter(Boolean))) {
    const rows = await w.trx
      .selectFrom("pfif_notes")
      .select("note_record_id")
      .where("note_record_id", "in", chunk)
      .execute();
    for (const row of rows) existingNotes.add(row.note_record_id);
  }
  const referenced = [...new Set(notes.map((n) => n.fields.person_record_id ?? ""))].filter(
    (id) => id !== "" && !seen.has(id),
  );
  for (const [external, personId] of await existingByExternalIds(w.trx, null, referenced))
    existingPersons.set(external, personId);
  const seenNotes = new Set<string>();
  for (const note of notes) {
    const noteId = note.fields.note_record_id ?? "";
    const personId = note.fields.person_record_id ?? "";
    const where = `line ${note.line}, note ${noteId || "(no id)"}`;
    if (noteId === "")
      problems.push({
        path: `${where}, field note_record_id`,
        message: "a PFIF note needs a note_record_id",
      });
    else if (seenNotes.has(noteId))
      problems.push({ path: `${where}, field note_record_id`, message: "the note appears twice" });
    seenNotes.add(noteId);
    if (!creates.has(personId) && !existingPersons.has(personId)) {
      problems.push({
        path: `${where}, field person_record_id`,
        message: `no person "${personId}" in the document or the registry`,
      });
    }
  }
  if (problems.length > 0) throw importInvalid("the PFIF document has errors", problems);

  const report: PfifImportReport = {
    persons: { created: 0, alreadyPresent: 0 },
    notes: { created: 0, alreadyPresent: 0 },
    statusStatements: 0,
    linksProposed: 0,
    warnings: document.warnings,
    createdIds: [],
  };
  const personIdOf = new Map(existingPersons);
  const newNotes = notes.filter((n) => !existingNotes.has(n.fields.note_record_id ?? ""));
  report.notes.alreadyPresent = notes.length - newNotes.length;
  const statementOfNote = new Map<PfifNote, string>();
  for (const [externalId, { pfif, create }] of creates) {
    if (existingPersons.has(externalId)) {
      report.persons.alreadyPresent++;
      continue;
    }
    const ownNotes = newNotes.filter((n) => n.fields.person_record_id === externalId);
    const statements = ownNotes.map((note) => ({ note, statement: statementFromNote(note) }));
    const person = await createPerson(
      w,
      { ...create, statuses: statements.flatMap((s) => (s.statement ? [s.statement] : [])) },
      { action: "person.import_pfif" },
    );
    let k = 0;
    for (const { note, statement } of statements) {
      if (statement) statementOfNote.set(note, (person.statuses[k++] as { id: string }).id);
    }
    report.statusStatements += person.statuses.length;
    personIdOf.set(externalId, person.id);
    report.createdIds.push(person.id);
    report.persons.created++;
    await w.trx
      .insertInto("person_pfif")
      .values({
        person_id: person.id,
        fields_json: JSON.stringify(pfif.fields),
        extensions_json: JSON.stringify(pfif.extensions),
        imported_hash: contentHash(person),
        imported_at: w.now.toISOString(),
      })
      .execute();
  }
  const positionRow = await w.trx
    .selectFrom("pfif_notes")
    .select((eb) => eb.fn.max<number>("position").as("p"))
    .executeTakeFirst();
  let position = Number(positionRow?.p ?? 0);
  for (const note of newNotes) {
    const personId = personIdOf.get(note.fields.person_record_id ?? "") as string;
    let statementId = statementOfNote.get(note) ?? null;
    if (statementId === null && existingPersons.has(note.fields.person_record_id ?? "")) {
      // A new note on a person imported earlier: its status statement is added to that record.
      const statement = statementFromNote(note);
      if (statement) {
        const updated = await addStatusStatement(w, personId, statement);
        statementId = updated.statuses.at(-1)?.id ?? null;
        report.statusStatements++;
      }
    }
    await w.trx
      .insertInto("pfif_notes")
      .values({
        id: newId(),
        person_id: personId,
        note_record_id: note.fields.note_record_id as string,
        position: ++position,
        fields_json: JSON.stringify(note.fields),
        statement_id: statementId,
        imported_at: w.now.toISOString(),
      })
      .execute();
    report.notes.created++;
  }
  // PFIF marks duplicates with linked_person_record_id: a hint for the review queue, never a merge.
  for (const note of newNotes) {
    const a = personIdOf.get(note.fields.person_record_id ?? "");
    const linked = note.fields.linked_person_record_id;
    const b = linked
      ? (personIdOf.get(linked) ?? (await existingByExternalIds(w.trx, null, [linked])).get(linked))
      : undefined;
    if (!a || !b || a === b) continue;
    const [left, right] = await getPersons(w.trx, [a, b]);
    if (!left || !right || left.clusterId === right.clusterId) continue;
    const explanation = (await scoreAgainst(w.trx, left, [right])).get(right.id);
    if (!explanation) continue;
    const { outcome } = await upsertCandidate(w, left, right, explanation);
    if (outcome === "created" || outcome === "reopened") report.linksProposed++;
  }
  await w.audit({
    action: "registry.import_pfif",
    entityType: "registry",
    entityId: null,
    after: { ...report, createdIds: undefined, created: report.createdIds.length },
  });
  return report;
}

// ─── PFIF export ────────────────────────────────────────────────────────────────────────────────────────

/** PFIF record ids made here are `<domain>/person.<uuid>`; until configuration names the deployment's domain. */
export const DEFAULT_PFIF_DOMAIN = "athar.local";
export const DEFAULT_PFIF_SOURCE_NAME = "Athar";

export interface PfifExportOptions {
  domain: string;
  sourceName: string;
  includeRestricted: boolean;
}

/** Records that may leave the organisation: everything but inquiries whose family did not agree. */
async function exportableIds(db: Reader): Promise<string[]> {
  const rows = await db
    .selectFrom("persons")
    .leftJoin("inquiries", "inquiries.sought_person_id", "persons.id")
    .select(["persons.id", "persons.source_kind", "inquiries.consent_json"])
    .orderBy("persons.created_at")
    .orderBy("persons.id")
    .execute();
  return rows
    .filter(
      (r) =>
        r.source_kind !== "inquiry" ||
        (r.consent_json !== null &&
          (JSON.parse(r.consent_json) as { shareWithPartners?: boolean }).shareWithPartners === true),
    )
    .map((r) => r.id);
}

function withoutContact<T extends Record<string, string | undefined>>(
  fields: T,
  contact: readonly string[],
): T {
  const out = { ...fields };
  for (const key of contact) delete out[key];
  return out;
}

/** All exportable persons with their notes and status statements, as a PFIF 1.4 document. */
export async function exportPfif(
  db: Reader,
  options: PfifExportOptions,
): Promise<{ xml: string; persons: number; notes: number }> {
  const ids = await exportableIds(db);
  const persons: PfifPerson[] = [];
  let noteCount = 0;
  for (const chunk of chunks(ids, 200)) {
    const records = await getPersons(db, chunk);
    const raws = await db.selectFrom("person_pfif").selectAll().where("person_id", "in", chunk).execute();
    const rawOf = new Map(raws.map((r) => [r.person_id, r]));
    const noteRows = await db
      .selectFrom("pfif_notes")
      .selectAll()
      .where("person_id", "in", chunk)
      .orderBy("position")
      .execute();
    for (const person of records) {
      persons.push(
        toPfifPerson(
          person,
          rawOf.get(person.id) ?? null,
          noteRows.filter((n) => n.person_id === person.id),
          options,
        ),
      );
      noteCount += persons.at(-1)?.notes.length ?? 0;
    }
  }
  return { xml: serializePfif(persons), persons: persons.length, notes: noteCount };
}

function toPfifPerson(
  person: Person,
  raw: { fields_json: string; extensions_json: string; imported_hash: string } | null,
  noteRows: { fields_json: string; statement_id: string | null }[],
  options: PfifExportOptions,
): PfifPerson {
  const original = raw ? (JSON.parse(raw.fields_json) as PfifPersonFields) : null;
  let fields: PfifPersonFields;
  let extensions: PfifPerson["extensions"];
  if (raw && original && contentHash(person) === raw.imported_hash) {
    // Unchanged since it came: export it as it came, with our entry date (PFIF: when this repository got it).
    fields = { ...original, entry_date: toPfifTimestamp(person.createdAt) };
    extensions = JSON.parse(raw.extensions_json) as PfifPerson["extensions"];
  } else {
    ({ fields, extensions } = personToPfif(person, {
      domain: options.domain,
      includeRestricted: options.includeRestricted,
      original,
      sourceName: options.sourceName,
    }));
  }
  if (!options.includeRestricted) fields = withoutContact(fields, PFIF_PERSON_CONTACT_FIELDS);
  const recordId = fields.person_record_id ?? pfifRecordIdOf(person, options.domain);
  const fromNotes = new Set(noteRows.map((n) => n.statement_id).filter((id): id is string => id !== null));
  const notes: PfifNote[] = noteRows.map((row) => {
    const noteFields = JSON.parse(row.fields_json) as PfifNoteFields;
    return {
      line: 0,
      fields: {
        ...(options.includeRestricted ? noteFields : withoutContact(noteFields, PFIF_NOTE_CONTACT_FIELDS)),
        person_record_id: recordId,
      },
    };
  });
  for (const statement of person.statuses) {
    if (fromNotes.has(statement.id)) continue;
    notes.push(statementToPfifNote(statement, recordId, options.domain, options.sourceName));
  }
  return { fields, extensions, notes, line: 0 };
}

// ─── CSV ────────────────────────────────────────────────────────────────────────────────────────────────

export interface CsvPreview extends CsvImportResult {
  /** Rows that would be created. */
  valid: number;
}

const csvProblem = (e: CsvFieldError): ErrorDetail => ({
  path: `row ${e.row} (line ${e.line})${e.column ? `, column "${e.column}"` : ""}${e.field ? `, field ${e.field}` : ""}`,
  message: e.message,
});

/** Reads and checks the file, including ids already in the registry; writes nothing. */
export async function previewCsvImport(db: Reader, options: CsvImportOptions): Promise<CsvPreview> {
  const result = readCsvImport(options);
  const withExternal = result.rows.filter((r) => r.person?.source.external);
  const system = withExternal[0]?.person?.source.external?.system ?? null;
  if (system !== null) {
    const existing = await existingByExternalIds(
      db,
      system,
      withExternal.map((r) => r.person?.source.external?.id ?? ""),
    );
    for (const row of withExternal) {
      const externalId = row.person?.source.external?.id ?? "";
      const present = existing.get(externalId);
      if (!present) continue;
      const column = Object.entries(result.mapping).find(([, target]) => target === "external_id")?.[0] ?? "";
      const error: CsvFieldError = {
        row: row.row,
        line: row.line,
        column,
        field: "external_id",
        message: `"${externalId}" of ${system} is already in the registry (record ${present})`,
      };
      row.errors.push(error);
      row.person = null;
      result.errors.push(error);
    }
  }
  result.errors.sort((a, b) => a.row - b.row);
  return { ...result, valid: result.rows.filter((r) => r.person !== null).length };
}

/** Imports every row or none: any error throws import_invalid naming each row, column and field. */
export async function importCsv(
  w: WriteContext,
  options: CsvImportOptions,
): Promise<{ created: number; ids: string[] }> {
  const preview = await previewCsvImport(w.trx, options);
  if (preview.errors.length > 0)
    throw importInvalid("the CSV file has errors", preview.errors.map(csvProblem));
  if (preview.rows.length === 0)
    throw importInvalid("the CSV file has no rows", [{ path: "row 1", message: "no data rows" }]);
  const ids: string[] = [];
  for (const row of preview.rows) {
    if (row.person) ids.push((await createPerson(w, row.person, { action: "person.import_csv" })).id);
  }
  await w.audit({
    action: "registry.import_csv",
    entityType: "registry",
    entityId: null,
    after: { created: ids.length, source: options.source, mapping: preview.mapping },
  });
  return { created: ids.length, ids };
}

/** Exportable records as CSV with an HXL hashtag row; never restricted details. */
export async function exportHxlCsv(db: Reader): Promise<{ csv: string; rows: number }> {
  const ids = await exportableIds(db);
  let csv = hxlHeaderLines();
  for (const chunk of chunks(ids, 200))
    for (const person of await getPersons(db, chunk)) csv += hxlRow(person);
  return { csv, rows: ids.length };
}
