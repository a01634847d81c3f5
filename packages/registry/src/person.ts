/**
 * A person record: what one source says about one person. Several records may describe the same person
 * (a register entry, a family's inquiry, the gate registration); reviewers join them into one cluster
 * without ever rewriting a record, so each keeps its source and can be separated again.
 */
import { normalizeArabic } from "@athar/core";
import { z } from "zod";
import { GOVERNORATES } from "./governorates";
import {
  displayNameOf,
  hasAnyPart,
  type OtherName,
  otherNameSchema,
  type PersonName,
  personNameSchema,
} from "./names";
import { partialDateSchema } from "./partial-date";
import { restrictedSchema } from "./restricted";
import { recordSourceSchema } from "./sources";
import {
  type CurrentStatus,
  currentStatusSchema,
  type StatusStatement,
  statusStatementInputSchema,
  statusStatementSchema,
} from "./status";

export const SEXES = ["male", "female", "unknown"] as const;
export type Sex = (typeof SEXES)[number];

const text = (max: number) => z.string().trim().min(1).max(max).nullable().default(null);

/**
 * National ID or document number: Arabic-Indic digits read, spaces, dashes and dots dropped, letters
 * upper-cased (foreign passports). The Syrian national number is 11 digits, but documents of other
 * countries and older cards differ, so only the character set and length are checked.
 */
export function normalizeIdentifier(raw: string): string {
  return normalizeArabic(raw)
    .replace(/[\s.\-/]/g, "")
    .toUpperCase();
}

export const identifierSchema = z
  .string()
  .transform(normalizeIdentifier)
  .pipe(z.string().regex(/^[0-9A-Z]{4,20}$/, "4 to 20 digits or letters"))
  .nullable()
  .default(null);

export const residenceSchema = z.strictObject({
  street: text(200),
  neighborhood: text(200),
  city: text(200),
  /** Province or governorate as written (the governorate slug is a separate field). */
  region: text(200),
  postalCode: text(40),
  /** ISO 3166-1 alpha-2 when known (PFIF home_country). */
  country: text(100),
});
export type Residence = z.infer<typeof residenceSchema>;

export const EMPTY_RESIDENCE: Residence = {
  street: null,
  neighborhood: null,
  city: null,
  region: null,
  postalCode: null,
  country: null,
};

export const detentionSchema = z.strictObject({
  arrestDate: partialDateSchema.nullable().default(null),
  arrestPlace: text(300),
  /** Branch, prison or facility as the source names it. */
  facility: text(300),
  prisonerNumber: text(50),
  cell: text(100),
  lastSeenPlace: text(300),
  lastSeenDate: partialDateSchema.nullable().default(null),
});
export type Detention = z.infer<typeof detentionSchema>;

export const EMPTY_DETENTION: Detention = {
  arrestDate: null,
  arrestPlace: null,
  facility: null,
  prisonerNumber: null,
  cell: null,
  lastSeenPlace: null,
  lastSeenDate: null,
};

export const photoRefSchema = z.strictObject({
  /** A reference into the attachment store; never the image itself. */
  ref: z.string().trim().min(1).max(500),
  caption: z.string().trim().max(500).default(""),
  takenOn: partialDateSchema.nullable().default(null),
});
export type PhotoRef = z.infer<typeof photoRefSchema>;

/** A person who gave information (a witness, the author of a PFIF record): an informant identity. */
export const informantSchema = z.strictObject({
  name: text(200),
  /** Their relation to the person or role: "cellmate", "guard", "neighbour". */
  role: text(200),
  phone: text(50),
  email: z.email().max(200).nullable().default(null),
  note: z.string().trim().max(1000).default(""),
});
export type Informant = z.infer<typeof informantSchema>;

/**
 * What only the roles that need it may see (ROLE_GROUPS.contactReaders): who last saw the person, who
 * reported the record, and photographs.
 */
export const restrictedDetailsSchema = z.strictObject({
  lastSeenBy: informantSchema.nullable().default(null),
  reporter: informantSchema.nullable().default(null),
  photos: z.array(photoRefSchema).max(20).default([]),
});
export type RestrictedDetails = z.infer<typeof restrictedDetailsSchema>;

export const EMPTY_RESTRICTED: RestrictedDetails = { lastSeenBy: null, reporter: null, photos: [] };

const personShape = {
  source: recordSourceSchema,
  name: personNameSchema.default({ arabic: null, latin: null }),
  otherNames: z.array(otherNameSchema).max(20).default([]),
  sex: z.enum(SEXES).default("unknown"),
  birthDate: partialDateSchema.nullable().default(null),
  birthPlace: text(300),
  governorate: z.enum(GOVERNORATES).nullable().default(null),
  nationalId: identifierSchema,
  residence: residenceSchema.default(EMPTY_RESIDENCE),
  detention: detentionSchema.default(EMPTY_DETENTION),
  /** Physical description, clothing, circumstances: free text. */
  description: z.string().trim().max(5000).default(""),
  restricted: restrictedDetailsSchema.default(EMPTY_RESTRICTED),
};

interface Identifiable {
  name: PersonName;
  otherNames: OtherName[];
  nationalId: string | null;
  detention: Detention;
  description: string;
}

/** A record must say something that can identify someone: a name, a number, or a description of remains. */
function refineIdentifiable(person: Identifiable, context: z.RefinementCtx): void {
  const identifiable =
    hasAnyPart(person.name.arabic) ||
    hasAnyPart(person.name.latin) ||
    person.otherNames.length > 0 ||
    person.nationalId !== null ||
    person.detention.prisonerNumber !== null ||
    person.description.length > 0;
  if (!identifiable) {
    context.addIssue({
      code: "custom",
      path: ["name"],
      message: "give at least a name, another name, a national ID, a prisoner number or a description",
    });
  }
}

/** The editable content of a record (PUT replaces it whole). */
export const personFieldsSchema = z.strictObject(personShape).superRefine(refineIdentifiable);
export type PersonFields = z.infer<typeof personFieldsSchema>;

/** A new record, with the status statements its source makes. */
export const personCreateSchema = z
  .strictObject({ ...personShape, statuses: z.array(statusStatementInputSchema).max(20).default([]) })
  .superRefine(refineIdentifiable);
export type PersonCreate = z.infer<typeof personCreateSchema>;

const { source: _source, ...shapeWithoutSource } = personShape;

/** What a family knows about the person they seek: a record whose source (the inquiry) the server sets. */
export const soughtPersonSchema = z
  .strictObject({ ...shapeWithoutSource, statuses: z.array(statusStatementInputSchema).max(20).default([]) })
  .superRefine(refineIdentifiable);
export type SoughtPerson = z.infer<typeof soughtPersonSchema>;

export interface Person extends PersonFields {
  id: string;
  /** The cluster (same person) this record belongs to: the id of one of its records. */
  clusterId: string;
  displayName: string;
  statuses: StatusStatement[];
  currentStatus: CurrentStatus;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  /** Incremented on each change; an update names the version it edits (lost-update protection). */
  version: number;
}

const { restricted: _restricted, ...publicShape } = personShape;

/** A record as the API returns it: restricted details wrapped, explicit about redaction. */
export const personViewSchema = z.object({
  ...publicShape,
  id: z.string(),
  clusterId: z.string(),
  displayName: z.string(),
  statuses: z.array(statusStatementSchema),
  currentStatus: currentStatusSchema,
  restricted: restrictedSchema(restrictedDetailsSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
  createdBy: z.string(),
  version: z.number().int(),
});
export type PersonView = z.infer<typeof personViewSchema>;

export function toPersonView(person: Person, mayReadRestricted: boolean): PersonView {
  const { restricted, ...rest } = person;
  return {
    ...rest,
    restricted: mayReadRestricted ? { redacted: false, value: restricted } : { redacted: true },
  };
}

export const personDisplayName = (fields: Pick<PersonFields, "name" | "otherNames">): string =>
  displayNameOf(fields.name, fields.otherNames);
