/**
 * A family's inquiry: who asks, how to reach them, what they know about the person they seek, and what
 * they allow us to do with it. What the family knows becomes a person record of source `inquiry`, so the
 * matcher compares it with every other record. The requester's identity and contact details are contact
 * data: only ROLE_GROUPS.contactReaders see them.
 */
import { z } from "zod";
import { GOVERNORATES } from "./governorates";
import { otherNameSchema, placeNamePart } from "./names";
import { type PartialDate, PartialDateError, parsePartialDate } from "./partial-date";
import { SEXES, soughtPersonSchema } from "./person";
import { restrictedSchema } from "./restricted";

export const RELATIONSHIPS = [
  "parent",
  "child",
  "sibling",
  "spouse",
  "grandparent",
  "grandchild",
  "uncle_aunt",
  "nephew_niece",
  "cousin",
  "other_relative",
  "friend",
  "legal_representative",
  "organisation",
  "other",
] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

/** Relationships the disclosure rules treat as next of kin (docs/decisions/tracing-disclosure.md). */
export const NEXT_OF_KIN: ReadonlySet<Relationship> = new Set(["parent", "child", "sibling", "spouse"]);

export const INQUIRY_STATUSES = ["received", "in_progress", "closed"] as const;
export type InquiryStatus = (typeof INQUIRY_STATUSES)[number];

export const INQUIRY_CHANNELS = ["officer", "public_form"] as const;
export type InquiryChannel = (typeof INQUIRY_CHANNELS)[number];

export const CONTACT_CHANNELS = ["phone", "sms", "email", "in_person", "letter"] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

const text = (max: number) => z.string().trim().min(1).max(max).nullable().default(null);

export const requesterSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  phone: text(50),
  email: z.email().max(200).nullable().default(null),
  address: text(500),
  preferredChannel: z.enum(CONTACT_CHANNELS).default("phone"),
  preferredLanguage: z.enum(["ar", "en", "ku", "fr", "other"]).default("ar"),
  /** When and how to call, a neighbour's phone, a safe word: anything that helps reach them safely. */
  contactNotes: z.string().trim().max(2000).default(""),
});
export type Requester = z.infer<typeof requesterSchema>;

export const inquiryConsentSchema = z.strictObject({
  /** The family agrees that we store and process the inquiry (without it we cannot take it). */
  storeAndProcess: z.literal(true),
  /** If the person is found, they may be given the family's contact details. */
  shareContactWithFoundPerson: z.boolean().default(false),
  /** The inquiry may be passed to partner tracing organisations (ICRC, Red Crescent). */
  shareWithPartners: z.boolean().default(false),
});
export type InquiryConsent = z.infer<typeof inquiryConsentSchema>;

/** An inquiry recorded by a tracing officer. The sought person's source (this inquiry) is set by the server. */
export const inquiryCreateSchema = z.strictObject({
  requester: requesterSchema,
  relationship: z.enum(RELATIONSHIPS),
  /** What the family knows, in a sentence or a page: circumstances of the arrest, last news. */
  circumstances: z.string().trim().max(10_000).default(""),
  consent: inquiryConsentSchema,
  soughtPerson: soughtPersonSchema,
});
export type InquiryCreate = z.infer<typeof inquiryCreateSchema>;

export const inquiryStatusChangeSchema = z.strictObject({
  status: z.enum(INQUIRY_STATUSES),
  reason: z.string().trim().max(2000).default(""),
});

export const inquiryViewSchema = z.object({
  id: z.string(),
  channel: z.enum(INQUIRY_CHANNELS),
  status: z.enum(INQUIRY_STATUSES),
  relationship: z.enum(RELATIONSHIPS),
  requester: restrictedSchema(requesterSchema),
  circumstances: z.string(),
  consent: inquiryConsentSchema,
  soughtPersonId: z.string(),
  /** The cluster the sought person's record is in: other ids than soughtPersonId once a match is accepted. */
  soughtClusterId: z.string(),
  openCandidates: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  createdBy: z.string(),
  closedReason: z.string(),
});
export type InquiryView = z.infer<typeof inquiryViewSchema>;

// ─── the public form ───────────────────────────────────────────────────────────────────────────────────

const publicName = z.string().trim().max(100).default("");

/**
 * The public form: no account, the minimum needed to look for someone and to reach the family. Dates are
 * free text as families say them ("about 1985", "2013-04").
 */
export const publicInquirySchema = z.strictObject({
  sought: z.strictObject({
    givenName: z.string().trim().min(1).max(100),
    fatherName: publicName,
    grandfatherName: publicName,
    familyName: publicName,
    motherName: publicName,
    otherNames: z.array(z.string().trim().min(1).max(100)).max(5).default([]),
    sex: z.enum(SEXES).default("unknown"),
    birthDate: z.string().trim().max(40).default(""),
    governorate: z.enum(GOVERNORATES).nullable().default(null),
    arrestDate: z.string().trim().max(40).default(""),
    arrestPlace: z.string().trim().max(300).default(""),
    lastSeenPlace: z.string().trim().max(300).default(""),
    lastSeenDate: z.string().trim().max(40).default(""),
    circumstances: z.string().trim().max(4000).default(""),
  }),
  requester: z.strictObject({
    name: z.string().trim().min(1).max(200),
    relationship: z.enum(RELATIONSHIPS),
    phone: z.string().trim().max(50).default(""),
    email: z.union([z.literal(""), z.email().max(200)]).default(""),
    preferredLanguage: z.enum(["ar", "en", "ku", "fr", "other"]).default("ar"),
  }),
  consent: z.strictObject({
    storeAndProcess: z.literal(true),
    shareContactWithFoundPerson: z.boolean().default(false),
  }),
});
export type PublicInquiry = z.infer<typeof publicInquirySchema>;

export class PublicInquiryError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = "PublicInquiryError";
  }
}

function dateField(raw: string, path: string): PartialDate | null {
  try {
    return parsePartialDate(raw);
  } catch (error) {
    if (error instanceof PartialDateError) throw new PublicInquiryError(path, error.message);
    throw error;
  }
}

/** Splits a mother's full name written on one line: the last word is taken as the family name. */
function splitMotherName(full: string): { given: string; family: string } {
  const words = full.trim().split(/\s+/).filter(Boolean);
  if (words.length <= 1) return { given: words[0] ?? "", family: "" };
  return { given: words.slice(0, -1).join(" "), family: words.at(-1) ?? "" };
}

/**
 * Turns the public form into an officer-style inquiry: names placed by script, dates read. Throws
 * PublicInquiryError naming the field when a date cannot be read or no contact is given.
 */
export function publicInquiryToCreate(form: PublicInquiry): InquiryCreate {
  const { sought, requester } = form;
  if (requester.phone === "" && requester.email === "") {
    throw new PublicInquiryError("requester.phone", "give a phone number or an e-mail address");
  }
  let name = { arabic: null, latin: null } as InquiryCreate["soughtPerson"]["name"];
  name = placeNamePart(name, "given", sought.givenName);
  name = placeNamePart(name, "father", sought.fatherName);
  name = placeNamePart(name, "grandfather", sought.grandfatherName);
  name = placeNamePart(name, "family", sought.familyName);
  const mother = splitMotherName(sought.motherName);
  name = placeNamePart(name, "motherGiven", mother.given);
  name = placeNamePart(name, "motherFamily", mother.family);
  const birthDate = dateField(sought.birthDate, "sought.birthDate");
  const arrestDate = dateField(sought.arrestDate, "sought.arrestDate");
  const lastSeenDate = dateField(sought.lastSeenDate, "sought.lastSeenDate");
  const soughtPerson = soughtPersonSchema.safeParse({
    name,
    otherNames: sought.otherNames.map((text) => otherNameSchema.parse({ kind: "alternate", text })),
    sex: sought.sex,
    birthDate,
    governorate: sought.governorate,
    detention: {
      arrestDate,
      arrestPlace: sought.arrestPlace || null,
      lastSeenPlace: sought.lastSeenPlace || null,
      lastSeenDate,
    },
    statuses: [{ status: "sought", source: "family", sourceReference: "public inquiry form" }],
  });
  if (!soughtPerson.success) {
    const issue = soughtPerson.error.issues[0];
    throw new PublicInquiryError(`sought.${issue?.path.join(".") ?? ""}`, issue?.message ?? "invalid");
  }
  return {
    requester: {
      name: requester.name,
      phone: requester.phone || null,
      email: requester.email || null,
      address: null,
      preferredChannel: requester.phone ? "phone" : "email",
      preferredLanguage: requester.preferredLanguage,
      contactNotes: "",
    },
    relationship: requester.relationship,
    circumstances: sought.circumstances,
    consent: {
      storeAndProcess: true,
      shareContactWithFoundPerson: form.consent.shareContactWithFoundPerson,
      shareWithPartners: false,
    },
    soughtPerson: soughtPerson.data,
  };
}

/** What the public status endpoint may say: the inquiry's own processing state, nothing about the person. */
export const publicInquiryStatusSchema = z.object({
  status: z.enum(INQUIRY_STATUSES),
  /** A fixed sentence per status, in the requested language; never anything about the sought person. */
  message: z.string(),
});
export type PublicInquiryStatus = z.infer<typeof publicInquiryStatusSchema>;

const PUBLIC_MESSAGES: Record<InquiryStatus, { ar: string; en: string }> = {
  received: {
    ar: "استلمنا طلبكم وسيتواصل معكم فريق البحث عن المفقودين.",
    en: "We have received your inquiry. The tracing team will contact you.",
  },
  in_progress: {
    ar: "طلبكم قيد المعالجة لدى فريق البحث عن المفقودين.",
    en: "The tracing team is working on your inquiry.",
  },
  closed: {
    ar: "أُغلق هذا الطلب. يرجى التواصل معنا لمعرفة المزيد.",
    en: "This inquiry is closed. Please contact us to learn more.",
  },
};

export function publicStatusOf(status: InquiryStatus, language: "ar" | "en"): PublicInquiryStatus {
  return { status, message: PUBLIC_MESSAGES[status][language] };
}
