/**
 * Response shapes shared by the tracing routes, and the one place that decides what a caller may see:
 * restricted details (informants, reporters, photographs, families' contact details) are revealed only to
 * ROLE_GROUPS.contactReaders and otherwise sent as `{ "redacted": true }`.
 */
import { ROLE_GROUPS } from "@athar/core";
import type { inquiries } from "@athar/db";
import {
  CANDIDATE_KINDS,
  CANDIDATE_STATES,
  currentStatusSchema,
  explanationSchema,
  formatPartialDate,
  fullNameOf,
  GOVERNORATES,
  INQUIRY_CHANNELS,
  INQUIRY_STATUSES,
  type InquiryView,
  inquiryConsentSchema,
  inquiryViewSchema,
  type Person,
  type PersonView,
  personViewSchema,
  RELATIONSHIPS,
  requesterSchema,
  restrictFor,
  SEXES,
  SOURCE_KINDS,
  toPersonView,
} from "@athar/registry";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { currentUser } from "../auth/guard";

export const TRACING = { roles: ROLE_GROUPS.tracing };
export const CONTACT_READERS = { roles: ROLE_GROUPS.contactReaders };
/** Decisions that change who is who (accepting matches, merging, approving what families are told). */
export const TRACING_OFFICERS = { roles: ["tracing_officer"] as const };
/** Bulk movements of the registry (imports, exports, a full matching run). */
export const REGISTRY_STEWARDS = { roles: ["admin", "tracing_officer"] as const };

export function mayReadContact(request: FastifyRequest): boolean {
  const roles = currentUser(request).roles;
  return ROLE_GROUPS.contactReaders.some((role) => roles.includes(role));
}

export const personView = (request: FastifyRequest, person: Person): PersonView =>
  toPersonView(person, mayReadContact(request));

export const personSummarySchema = z.object({
  id: z.string(),
  clusterId: z.string(),
  displayName: z.string(),
  arabicName: z.string(),
  latinName: z.string(),
  otherNames: z.array(z.string()),
  sex: z.enum(SEXES),
  /** `1985-03-12`, `1985-03`, `1985`, `about 1985`, or "" when unknown. */
  birthDate: z.string(),
  governorate: z.enum(GOVERNORATES).nullable(),
  nationalId: z.string().nullable(),
  prisonerNumber: z.string().nullable(),
  currentStatus: currentStatusSchema,
  sourceKind: z.enum(SOURCE_KINDS),
  sourceReference: z.string(),
  updatedAt: z.string(),
});
export type PersonSummary = z.infer<typeof personSummarySchema>;

export const personSummary = (person: Person): PersonSummary => ({
  id: person.id,
  clusterId: person.clusterId,
  displayName: person.displayName,
  arabicName: person.name.arabic ? fullNameOf(person.name.arabic) : "",
  latinName: person.name.latin ? fullNameOf(person.name.latin) : "",
  otherNames: person.otherNames.map((o) => o.text),
  sex: person.sex,
  birthDate: person.birthDate ? formatPartialDate(person.birthDate) : "",
  governorate: person.governorate,
  nationalId: person.nationalId,
  prisonerNumber: person.detention.prisonerNumber,
  currentStatus: person.currentStatus,
  sourceKind: person.source.kind,
  sourceReference: person.source.reference,
  updatedAt: person.updatedAt,
});

export { personViewSchema };

export function inquiryView(request: FastifyRequest, inquiry: inquiries.Inquiry): InquiryView {
  return {
    id: inquiry.id,
    channel: inquiry.channel,
    status: inquiry.status,
    relationship: inquiry.relationship,
    requester: restrictFor(inquiry.requester, mayReadContact(request)),
    circumstances: inquiry.circumstances,
    consent: inquiry.consent,
    soughtPersonId: inquiry.soughtPersonId,
    soughtClusterId: inquiry.soughtClusterId,
    openCandidates: inquiry.openCandidates,
    createdAt: inquiry.createdAt,
    updatedAt: inquiry.updatedAt,
    createdBy: inquiry.createdBy,
    closedReason: inquiry.closedReason,
  };
}

export {
  INQUIRY_CHANNELS,
  INQUIRY_STATUSES,
  inquiryConsentSchema,
  inquiryViewSchema,
  RELATIONSHIPS,
  requesterSchema,
};

export const candidateSchema = z.object({
  id: z.string(),
  kind: z.enum(CANDIDATE_KINDS),
  /** For an inquiry match, the left record is the family's inquiry record. */
  leftPersonId: z.string(),
  rightPersonId: z.string(),
  inquiryId: z.string().nullable(),
  probability: z.number(),
  matchWeight: z.number(),
  /** The sibling guard flagged the pair: accepting needs overrideSiblingWarning. */
  guarded: z.boolean(),
  explanation: explanationSchema,
  state: z.enum(CANDIDATE_STATES),
  reason: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
});

export const mergeSchema = z.object({
  id: z.string(),
  targetClusterId: z.string(),
  mergedClusterId: z.string(),
  memberIds: z.array(z.string()),
  candidateId: z.string().nullable(),
  reason: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  undoneAt: z.string().nullable(),
  undoneBy: z.string().nullable(),
  undoReason: z.string().nullable(),
});

export const proposalReportSchema = z.object({
  engine: z.enum(["linkage", "fallback"]),
  compared: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  reopened: z.number().int(),
});

export const pagination = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
};
