/**
 * PFIF 1.4 documents (People Finder Interchange Format, http://zesty.ca/pfif/1.4/): `person` records with
 * nested or top-level `note` records, each a flat list of text fields. Values are read as Person Finder's
 * importer reads them: leading and trailing whitespace stripped, inner line breaks kept (multi-line fields
 * such as `alternate_names` hold one value per line). Documents in PFIF 1.2 and 1.3 are read too, with
 * their renamed fields mapped to 1.4 names.
 *
 * PFIF has no father's, grandfather's or mother's name and no national ID. Athar writes those in its own
 * namespace inside `person` (EXTENSION_NAMESPACE); PFIF readers ignore elements of other namespaces, so
 * the document stays valid PFIF 1.4.
 */
import { escapeXmlText, isElement, parseXml, textOf, type XmlElement, XmlError } from "./xml";

export const PFIF_1_4_NAMESPACE = "http://zesty.ca/pfif/1.4";
const OLDER_NAMESPACES = ["http://zesty.ca/pfif/1.3", "http://zesty.ca/pfif/1.2", "http://zesty.ca/pfif/1.1"];
/** A name, not an address: Athar's PFIF extension fields. */
export const EXTENSION_NAMESPACE = "urn:athar:pfif-extension:1";

/** Fields of a person, in PFIF 1.4 order. */
export const PFIF_PERSON_FIELDS = [
  "person_record_id",
  "entry_date",
  "expiry_date",
  "author_name",
  "author_email",
  "author_phone",
  "source_name",
  "source_date",
  "source_url",
  "full_name",
  "given_name",
  "family_name",
  "alternate_names",
  "description",
  "sex",
  "date_of_birth",
  "age",
  "home_street",
  "home_neighborhood",
  "home_city",
  "home_state",
  "home_postal_code",
  "home_country",
  "photo_url",
  "profile_urls",
] as const;
export type PfifPersonField = (typeof PFIF_PERSON_FIELDS)[number];

/** Fields of a note, in PFIF 1.4 order. */
export const PFIF_NOTE_FIELDS = [
  "note_record_id",
  "person_record_id",
  "linked_person_record_id",
  "entry_date",
  "author_name",
  "author_email",
  "author_phone",
  "source_date",
  "author_made_contact",
  "status",
  "email_of_found_person",
  "phone_of_found_person",
  "last_known_location",
  "text",
  "photo_url",
] as const;
export type PfifNoteField = (typeof PFIF_NOTE_FIELDS)[number];

export const PFIF_MANDATORY_PERSON: readonly PfifPersonField[] = [
  "person_record_id",
  "source_date",
  "full_name",
];
export const PFIF_MANDATORY_NOTE: readonly PfifNoteField[] = ["note_record_id", "author_name", "source_date"];

export const PFIF_NOTE_STATUSES = [
  "information_sought",
  "is_note_author",
  "believed_alive",
  "believed_missing",
  "believed_dead",
] as const;
export type PfifNoteStatus = (typeof PFIF_NOTE_STATUSES)[number];

/** Athar's extension fields, written after the PFIF fields of a person. */
export const EXTENSION_FIELDS = [
  "father_name",
  "grandfather_name",
  "mother_given_name",
  "mother_family_name",
  "name_script",
  "national_id",
  "birth_place",
  "governorate",
  "birth_year_uncertainty",
  "arrest_date",
  "arrest_place",
  "facility",
  "prisoner_number",
  "cell",
  "last_seen_place",
  "last_seen_date",
] as const;
export type ExtensionField = (typeof EXTENSION_FIELDS)[number];

export type PfifPersonFields = Partial<Record<PfifPersonField, string>>;
export type PfifNoteFields = Partial<Record<PfifNoteField, string>>;

export interface PfifNote {
  fields: PfifNoteFields;
  line: number;
}

export interface PfifPerson {
  fields: PfifPersonFields;
  extensions: Partial<Record<ExtensionField, string>>;
  notes: PfifNote[];
  line: number;
}

export interface PfifDocument {
  persons: PfifPerson[];
  /** Notes outside any person; they name their person by person_record_id. */
  notes: PfifNote[];
  /** Elements that were skipped, for the import report. */
  warnings: string[];
}

export class PfifError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = "PfifError";
  }
}

/** Fields renamed in PFIF 1.4. */
const RENAMED: Readonly<Record<string, string>> = {
  first_name: "given_name",
  last_name: "family_name",
  other: "description",
  home_zip: "home_postal_code",
  found: "author_made_contact",
};

const isPfif = (ns: string) => ns === PFIF_1_4_NAMESPACE || OLDER_NAMESPACES.includes(ns);

/** Whitespace rule of Person Finder's importer: strip the ends, keep inner line breaks. */
export const cleanPfifValue = (raw: string): string => raw.trim();

function readNote(element: XmlElement, warnings: string[]): PfifNote {
  const fields: PfifNoteFields = {};
  for (const child of element.children) {
    if (!isElement(child)) continue;
    if (!isPfif(child.name.ns)) {
      warnings.push(
        `line ${child.line}: skipped <${child.name.local}> of namespace ${child.name.ns || "(none)"}`,
      );
      continue;
    }
    const local = RENAMED[child.name.local] ?? child.name.local;
    if (!(PFIF_NOTE_FIELDS as readonly string[]).includes(local)) {
      warnings.push(`line ${child.line}: skipped unknown note field <${child.name.local}>`);
      continue;
    }
    const value = cleanPfifValue(textOf(child));
    if (value !== "") fields[local as PfifNoteField] = value;
  }
  return { fields, line: element.line };
}

function readPerson(element: XmlElement, warnings: string[]): PfifPerson {
  const person: PfifPerson = { fields: {}, extensions: {}, notes: [], line: element.line };
  for (const child of element.children) {
    if (!isElement(child)) continue;
    if (child.name.ns === EXTENSION_NAMESPACE) {
      if ((EXTENSION_FIELDS as readonly string[]).includes(child.name.local)) {
        const value = cleanPfifValue(textOf(child));
        if (value !== "") person.extensions[child.name.local as ExtensionField] = value;
      } else {
        warnings.push(`line ${child.line}: skipped unknown extension field <${child.name.local}>`);
      }
      continue;
    }
    if (!isPfif(child.name.ns)) {
      warnings.push(
        `line ${child.line}: skipped <${child.name.local}> of namespace ${child.name.ns || "(none)"}`,
      );
      continue;
    }
    if (child.name.local === "note") {
      person.notes.push(readNote(child, warnings));
      continue;
    }
    const local = RENAMED[child.name.local] ?? child.name.local;
    if (!(PFIF_PERSON_FIELDS as readonly string[]).includes(local)) {
      warnings.push(`line ${child.line}: skipped unknown person field <${child.name.local}>`);
      continue;
    }
    const value = cleanPfifValue(textOf(child));
    if (value !== "") person.fields[local as PfifPersonField] = value;
  }
  // As in Person Finder, nested notes belong to the enclosing person.
  const id = person.fields.person_record_id;
  if (id !== undefined) for (const note of person.notes) note.fields.person_record_id = id;
  return person;
}

/** Reads a PFIF document. Throws PfifError (with the line) for XML that is not well formed or not PFIF. */
export function parsePfif(xml: string): PfifDocument {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (error) {
    if (error instanceof XmlError) throw new PfifError(error.line, error.message.replace(/^line \d+: /, ""));
    throw error;
  }
  if (!isPfif(root.name.ns) || root.name.local !== "pfif") {
    throw new PfifError(root.line, `the root element is not <pfif:pfif> in namespace ${PFIF_1_4_NAMESPACE}`);
  }
  const document: PfifDocument = { persons: [], notes: [], warnings: [] };
  for (const child of root.children) {
    if (!isElement(child)) {
      continue;
    }
    if (isPfif(child.name.ns) && child.name.local === "person") {
      document.persons.push(readPerson(child, document.warnings));
    } else if (isPfif(child.name.ns) && child.name.local === "note") {
      document.notes.push(readNote(child, document.warnings));
    } else {
      document.warnings.push(`line ${child.line}: skipped <${child.name.local}>`);
    }
  }
  return document;
}

/** Every note of the document, nested or not, each with its person_record_id. */
export const allNotes = (document: PfifDocument): PfifNote[] => [
  ...document.persons.flatMap((p) => p.notes),
  ...document.notes,
];

function writeFields<F extends string>(
  fields: Partial<Record<F, string>>,
  order: readonly F[],
  mandatory: readonly F[],
  indent: string,
): string {
  let out = "";
  for (const field of order) {
    const value = fields[field];
    if ((value === undefined || value === "") && !mandatory.includes(field)) continue;
    out += `${indent}<pfif:${field}>${escapeXmlText(value ?? "")}</pfif:${field}>\n`;
  }
  return out;
}

/** Writes a PFIF 1.4 document: persons with their notes nested, fields in the standard order. */
export function serializePfif(persons: readonly PfifPerson[]): string {
  const usesExtension = persons.some((p) => Object.keys(p.extensions).length > 0);
  let out = '<?xml version="1.0" encoding="UTF-8"?>\n';
  out += `<pfif:pfif xmlns:pfif="${PFIF_1_4_NAMESPACE}"${usesExtension ? ` xmlns:athar="${EXTENSION_NAMESPACE}"` : ""}>\n`;
  for (const person of persons) {
    out += "  <pfif:person>\n";
    out += writeFields(person.fields, PFIF_PERSON_FIELDS, PFIF_MANDATORY_PERSON, "    ");
    for (const field of EXTENSION_FIELDS) {
      const value = person.extensions[field];
      if (value !== undefined && value !== "")
        out += `    <athar:${field}>${escapeXmlText(value)}</athar:${field}>\n`;
    }
    for (const note of person.notes) {
      out += "    <pfif:note>\n";
      out += writeFields(note.fields, PFIF_NOTE_FIELDS, PFIF_MANDATORY_NOTE, "      ");
      out += "    </pfif:note>\n";
    }
    out += "  </pfif:person>\n";
  }
  out += "</pfif:pfif>\n";
  return out;
}
