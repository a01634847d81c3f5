/**
 * PFIF person and note records ↔ Athar person records and status statements.
 *
 * Import keeps the PFIF record as received (the storage layer stores it), so that a record nobody has
 * edited since is exported exactly as it came; an edited record is exported from its current content, with
 * the PFIF fields Athar does not model (age, profile_urls, expiry_date, source_url) taken from the original.
 */
import { GOVERNORATES, type Governorate, parseGovernorate } from "../governorates";
import { fullNameOf, type NamePart, type PersonName, placeNamePart } from "../names";
import { formatPartialDate, type PartialDate, PartialDateError, parsePartialDate } from "../partial-date";
import { type Person, type PersonCreate, personCreateSchema } from "../person";
import type { PersonStatus, StatementSource, StatusStatement } from "../status";
import type { ExtensionField, PfifNote, PfifNoteStatus, PfifPerson, PfifPersonFields } from "./pfif-document";

export interface PfifFieldError {
  /** Line of the record in the document. */
  line: number;
  recordId: string;
  field: string;
  message: string;
}

/** The part of a PFIF record id before the first "/": the domain of the repository that made it. */
export function pfifDomainOf(recordId: string): string {
  const slash = recordId.indexOf("/");
  return slash > 0 ? recordId.slice(0, slash) : "pfif";
}

const lines = (value: string | undefined): string[] =>
  (value ?? "")
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);

function dateOf(
  value: string | undefined,
  field: string,
  errors: PfifFieldError[],
  line: number,
  recordId: string,
): PartialDate | null {
  if (value === undefined) return null;
  try {
    return parsePartialDate(value);
  } catch (error) {
    if (!(error instanceof PartialDateError)) throw error;
    errors.push({ line, recordId, field, message: error.message });
    return null;
  }
}

/** `2000-01-16T04:05:06Z` → the calendar day as a partial date. */
function dayOf(timestamp: string | undefined): PartialDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(timestamp ?? "");
  if (!match) return null;
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]), uncertaintyYears: 0 };
}

const EXTENSION_NAME_PARTS: readonly [ExtensionField, NamePart][] = [
  ["father_name", "father"],
  ["grandfather_name", "grandfather"],
  ["mother_given_name", "motherGiven"],
  ["mother_family_name", "motherFamily"],
];

/**
 * A PFIF person as a new record of source `exchange`. Returns the errors instead when a field cannot be
 * read; the caller imports nothing from a document with errors.
 */
export function pfifPersonToCreate(
  pfif: PfifPerson,
): { person: PersonCreate; errors: [] } | { person: null; errors: PfifFieldError[] } {
  const f = pfif.fields;
  const x = pfif.extensions;
  const recordId = f.person_record_id ?? "";
  const errors: PfifFieldError[] = [];
  const error = (field: string, message: string) =>
    errors.push({ line: pfif.line, recordId, field, message });
  if (recordId === "") error("person_record_id", "a PFIF person needs a person_record_id");

  let name: PersonName = { arabic: null, latin: null };
  if (f.given_name) name = placeNamePart(name, "given", f.given_name);
  if (f.family_name) name = placeNamePart(name, "family", f.family_name);
  for (const [field, part] of EXTENSION_NAME_PARTS) {
    const value = x[field];
    if (value) name = placeNamePart(name, part, value);
  }
  const otherNames = lines(f.alternate_names).map((text) => ({ kind: "alternate" as const, text }));
  // Without given and family name, the full name is all there is: keep it, one line per name.
  if (!f.given_name && !f.family_name) {
    for (const text of lines(f.full_name)) otherNames.unshift({ kind: "alternate", text });
  }

  const birthDate = dateOf(f.date_of_birth, "date_of_birth", errors, pfif.line, recordId);
  const uncertainty = x.birth_year_uncertainty ? Number(x.birth_year_uncertainty) : 0;
  const governorateSlug = x.governorate
    ? (GOVERNORATES as readonly string[]).includes(x.governorate)
      ? (x.governorate as Governorate)
      : parseGovernorate(x.governorate)
    : null;
  if (x.governorate && governorateSlug === null)
    error("athar:governorate", `"${x.governorate}" is not a governorate`);

  const reporter =
    f.author_name || f.author_email || f.author_phone
      ? {
          name: f.author_name ?? null,
          role: "author of the PFIF record",
          phone: f.author_phone ?? null,
          email: f.author_email && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(f.author_email) ? f.author_email : null,
          note:
            f.author_email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(f.author_email)
              ? `e-mail: ${f.author_email}`
              : "",
        }
      : null;

  const candidate = {
    source: {
      kind: "exchange",
      reference: f.source_name ?? pfifDomainOf(recordId),
      collectedOn: dayOf(f.source_date),
      external: recordId ? { system: pfifDomainOf(recordId), id: recordId } : null,
      note: f.source_url ? `source: ${f.source_url}` : "",
    },
    name,
    otherNames,
    sex: f.sex === "female" || f.sex === "male" ? f.sex : "unknown",
    birthDate:
      birthDate && uncertainty > 0 && birthDate.month === null
        ? { ...birthDate, uncertaintyYears: Math.min(20, Math.max(0, Math.round(uncertainty))) }
        : birthDate,
    birthPlace: x.birth_place ?? null,
    governorate: governorateSlug,
    nationalId: x.national_id ?? null,
    residence: {
      street: f.home_street ?? null,
      neighborhood: f.home_neighborhood ?? null,
      city: f.home_city ?? null,
      region: f.home_state ?? null,
      postalCode: f.home_postal_code ?? null,
      country: f.home_country ?? null,
    },
    detention: {
      arrestDate: dateOf(x.arrest_date, "athar:arrest_date", errors, pfif.line, recordId),
      arrestPlace: x.arrest_place ?? null,
      facility: x.facility ?? null,
      prisonerNumber: x.prisoner_number ?? null,
      cell: x.cell ?? null,
      lastSeenPlace: x.last_seen_place ?? null,
      lastSeenDate: dateOf(x.last_seen_date, "athar:last_seen_date", errors, pfif.line, recordId),
    },
    description: f.description ?? "",
    restricted: {
      reporter,
      lastSeenBy: null,
      photos: f.photo_url ? [{ ref: f.photo_url, caption: "PFIF photo_url" }] : [],
    },
    statuses: [],
  };
  const parsed = personCreateSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) error(issue.path.join("."), issue.message);
  }
  if (errors.length > 0 || !parsed.success) return { person: null, errors };
  return { person: parsed.data, errors: [] };
}

const NOTE_STATUS_TO_STATUS: Readonly<
  Record<PfifNoteStatus, { status: PersonStatus; source: StatementSource }>
> = {
  information_sought: { status: "sought", source: "exchange" },
  believed_missing: { status: "sought", source: "exchange" },
  believed_alive: { status: "alive", source: "exchange" },
  believed_dead: { status: "deceased", source: "exchange" },
  // The person wrote the note themselves: alive, by their own word.
  is_note_author: { status: "alive", source: "self" },
};

/** The status statement a PFIF note makes, or null when it has no (known) status. */
export function noteStatusStatement(
  note: PfifNote,
): { status: PersonStatus; source: StatementSource; statedOn: PartialDate | null; reference: string } | null {
  const mapped = NOTE_STATUS_TO_STATUS[note.fields.status as PfifNoteStatus];
  if (!mapped) return null;
  return {
    ...mapped,
    statedOn: dayOf(note.fields.source_date),
    reference: `PFIF note ${note.fields.note_record_id ?? ""}`.trim(),
  };
}

const STATUS_TO_NOTE_STATUS: Readonly<Record<PersonStatus, PfifNoteStatus | "">> = {
  sought: "information_sought",
  alive: "believed_alive",
  deceased: "believed_dead",
  unknown: "",
};

/** One of our status statements as a PFIF note (for statements that did not come from a PFIF note). */
export function statementToPfifNote(
  statement: StatusStatement,
  personRecordId: string,
  domain: string,
  authorName: string,
): PfifNote {
  const sourceDate = statement.statedOn
    ? `${formatPartialDateForPfif(statement.statedOn)}`
    : statement.recordedAt;
  return {
    line: 0,
    fields: {
      note_record_id: `${domain}/note.${statement.id}`,
      person_record_id: personRecordId,
      entry_date: toPfifTimestamp(statement.recordedAt),
      author_name: authorName,
      source_date: toPfifTimestamp(sourceDate),
      status: STATUS_TO_NOTE_STATUS[statement.status] || undefined,
      text: [statement.sourceReference, statement.note].filter(Boolean).join("\n") || undefined,
    },
  };
}

/** PFIF timestamps are UTC to the second, with a Z: `2000-01-16T04:05:06Z`. */
export function toPfifTimestamp(iso: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return `${iso}T00:00:00Z`;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 19)}Z`;
}

function formatPartialDateForPfif(date: PartialDate): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.year}-${pad(date.month ?? 1)}-${pad(date.day ?? 1)}`;
}

export interface PersonToPfifOptions {
  /** Domain of record ids this repository makes (`athar.example.org`). */
  domain: string;
  /** Include informants' contact details and photo references (only for contact readers). */
  includeRestricted: boolean;
  /** The PFIF record as imported, when the record came from PFIF. */
  original: PfifPersonFields | null;
  /** Our name for this repository, as PFIF source_name for records made here. */
  sourceName: string;
}

/** Our record id in PFIF form, or the original id for a record imported from PFIF. */
export function pfifRecordIdOf(person: Pick<Person, "id" | "source">, domain: string): string {
  return person.source.external && person.source.kind === "exchange"
    ? person.source.external.id
    : `${domain}/person.${person.id}`;
}

/** The PFIF fields and extension fields of a record, from its current content. */
export function personToPfif(
  person: Person,
  options: PersonToPfifOptions,
): Omit<PfifPerson, "notes" | "line"> {
  const original = options.original ?? {};
  const primary =
    person.name.arabic && fullNameOf(person.name.arabic) ? person.name.arabic : person.name.latin;
  const other = primary === person.name.arabic ? person.name.latin : person.name.arabic;
  const fullName = primary ? fullNameOf(primary) : "";
  const alternates = [
    ...(other && fullNameOf(other) ? [fullNameOf(other)] : []),
    ...person.otherNames.map((o) => o.text),
  ].filter((name) => name !== fullName);
  const reporter = person.restricted.reporter;
  const photo = person.restricted.photos[0];
  const birth = person.birthDate;
  const fields: PfifPersonFields = {
    person_record_id: pfifRecordIdOf(person, options.domain),
    entry_date: toPfifTimestamp(person.createdAt),
    expiry_date: original.expiry_date,
    author_name: options.includeRestricted ? (reporter?.name ?? undefined) : undefined,
    author_email: options.includeRestricted ? (reporter?.email ?? undefined) : undefined,
    author_phone: options.includeRestricted ? (reporter?.phone ?? undefined) : undefined,
    source_name: person.source.kind === "exchange" ? person.source.reference : options.sourceName,
    source_date: toPfifTimestamp(
      person.source.collectedOn ? formatPartialDateForPfif(person.source.collectedOn) : person.createdAt,
    ),
    source_url: original.source_url,
    full_name: fullName || person.otherNames[0]?.text || person.displayName || "(no name)",
    given_name: primary?.given ?? undefined,
    family_name: primary?.family ?? undefined,
    alternate_names: alternates.length > 0 ? alternates.join("\n") : undefined,
    description: person.description || undefined,
    sex: person.sex === "unknown" ? undefined : person.sex,
    date_of_birth: birth ? formatPartialDate({ ...birth, uncertaintyYears: 0 }) : undefined,
    age: original.age,
    home_street: person.residence.street ?? undefined,
    home_neighborhood: person.residence.neighborhood ?? undefined,
    home_city: person.residence.city ?? undefined,
    home_state: person.residence.region ?? undefined,
    home_postal_code: person.residence.postalCode ?? undefined,
    home_country: person.residence.country ?? undefined,
    photo_url: options.includeRestricted ? photo?.ref : undefined,
    profile_urls: original.profile_urls,
  };
  const d = person.detention;
  const extensions: PfifPerson["extensions"] = {
    father_name: primary?.father ?? undefined,
    grandfather_name: primary?.grandfather ?? undefined,
    mother_given_name: primary?.motherGiven ?? undefined,
    mother_family_name: primary?.motherFamily ?? undefined,
    name_script: primary ? (primary === person.name.arabic ? "arabic" : "latin") : undefined,
    national_id: person.nationalId ?? undefined,
    birth_place: person.birthPlace ?? undefined,
    governorate: person.governorate ?? undefined,
    birth_year_uncertainty: birth && birth.uncertaintyYears > 0 ? String(birth.uncertaintyYears) : undefined,
    arrest_date: d.arrestDate ? formatPartialDate({ ...d.arrestDate, uncertaintyYears: 0 }) : undefined,
    arrest_place: d.arrestPlace ?? undefined,
    facility: d.facility ?? undefined,
    prisoner_number: d.prisonerNumber ?? undefined,
    cell: d.cell ?? undefined,
    last_seen_place: d.lastSeenPlace ?? undefined,
    last_seen_date: d.lastSeenDate
      ? formatPartialDate({ ...d.lastSeenDate, uncertaintyYears: 0 })
      : undefined,
  };
  return { fields: dropEmpty(fields), extensions: dropEmpty(extensions) };
}

function dropEmpty<T extends Record<string, string | undefined>>(record: T): T {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(record))
    if (value !== undefined && value !== "") out[key] = value;
  return out as T;
}

/** Fields of a PFIF note that are contact data (removed unless the caller may read contact data). */
export const PFIF_NOTE_CONTACT_FIELDS = [
  "author_email",
  "author_phone",
  "email_of_found_person",
  "phone_of_found_person",
] as const;
export const PFIF_PERSON_CONTACT_FIELDS = [
  "author_name",
  "author_email",
  "author_phone",
  "photo_url",
] as const;
