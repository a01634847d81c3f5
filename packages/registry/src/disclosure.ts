/**
 * What may be told to a family, and on what basis. The rules (docs/decisions/tracing-disclosure.md):
 *
 * - Nothing about a person is told unless a reviewer accepted the match between the family's inquiry and
 *   a record of that person (the inquiry's record is in the same cluster as a record from another source).
 * - Alive: each kind of information (that they are alive and safe, where they are, how to reach them, a
 *   message) needs the found person's consent for that scope, given for this inquiry or for any family,
 *   and not refused or withdrawn since. Conflicting status statements stop everything.
 * - Deceased: the death must rest on a documented statement from an official record or our own team's
 *   observation (remains recovered and identified), with no conflicting statement; the family member
 *   must be next of kin; no refusal the person recorded during life may cover this inquiry; and the news
 *   goes in person or by phone, never by text message, e-mail or letter.
 * - An update on the inquiry itself ("we are working on it") says nothing about the person and is always
 *   allowed.
 * Every message is then approved by a tracing officer other than its author before it is sent.
 */
import { z } from "zod";
import type { ContactChannel, InquiryStatus, Relationship } from "./inquiry";
import { NEXT_OF_KIN } from "./inquiry";
import type { CurrentStatus, StatusStatement } from "./status";

export const CONSENT_SCOPES = ["alive_and_safe", "whereabouts", "contact_details", "message"] as const;
export type ConsentScope = (typeof CONSENT_SCOPES)[number];

export const CONSENT_DECISIONS = ["granted", "refused", "withdrawn"] as const;
export type ConsentDecision = (typeof CONSENT_DECISIONS)[number];

export const consentInputSchema = z.strictObject({
  decision: z.enum(CONSENT_DECISIONS),
  scopes: z.array(z.enum(CONSENT_SCOPES)).min(1).max(CONSENT_SCOPES.length),
  /** The one family this consent is for; null for any family that inquires. */
  inquiryId: z.uuid().nullable().default(null),
  obtainedHow: z.enum(["in_person", "phone", "written", "other"]),
  note: z.string().trim().max(2000).default(""),
});
export type ConsentInput = z.infer<typeof consentInputSchema>;

export const consentRecordSchema = consentInputSchema.extend({
  id: z.string(),
  personId: z.string(),
  recordedAt: z.string(),
  recordedBy: z.string(),
});
export type ConsentRecord = z.infer<typeof consentRecordSchema>;

export const DISCLOSURE_KINDS = [
  "inquiry_update",
  "alive_and_safe",
  "whereabouts",
  "contact_details",
  "message",
  "death_notification",
] as const;
export type DisclosureKind = (typeof DISCLOSURE_KINDS)[number];

/** Channels fit to break the news of a death. */
export const DEATH_NOTIFICATION_CHANNELS: ReadonlySet<ContactChannel> = new Set(["in_person", "phone"]);

/** Statement sources strong enough to tell a family that their relative died. */
export const DEATH_EVIDENCE_SOURCES: ReadonlySet<StatusStatement["source"]> = new Set([
  "official_record",
  "team_observation",
]);

export interface DisclosureContext {
  kind: DisclosureKind;
  channel: ContactChannel;
  inquiry: { id: string; relationship: Relationship; status: InquiryStatus };
  /** A reviewer accepted a match: the inquiry's record shares its cluster with a record of another source. */
  matchAccepted: boolean;
  /** Status of the found person, from every statement of the cluster. */
  currentStatus: CurrentStatus;
  statements: readonly StatusStatement[];
  /** Consents recorded on any record of the cluster. */
  consents: readonly ConsentRecord[];
}

export interface DisclosureAssessment {
  allowed: boolean;
  /** Why it is allowed (the consent or statement it rests on), or why not. */
  reasons: string[];
  /** Ids of the consent records or statements the permission rests on. */
  basis: string[];
}

/** The newest consent decision covering this scope for this inquiry (a specific one or one for any family). */
export function consentFor(
  consents: readonly ConsentRecord[],
  scope: ConsentScope,
  inquiryId: string,
): ConsentRecord | null {
  const relevant = consents.filter(
    (c) => c.scopes.includes(scope) && (c.inquiryId === null || c.inquiryId === inquiryId),
  );
  relevant.sort((a, b) => a.recordedAt.localeCompare(b.recordedAt) || a.id.localeCompare(b.id));
  return relevant.at(-1) ?? null;
}

function deny(...reasons: string[]): DisclosureAssessment {
  return { allowed: false, reasons, basis: [] };
}

export function assessDisclosure(context: DisclosureContext): DisclosureAssessment {
  const { kind, inquiry } = context;
  if (inquiry.status === "closed") return deny("the inquiry is closed; reopen it first");
  if (kind === "inquiry_update") {
    return { allowed: true, reasons: ["an update on the inquiry says nothing about the person"], basis: [] };
  }
  if (!context.matchAccepted) {
    return deny("no reviewer has accepted a match between this inquiry and a record of another source");
  }
  if (context.currentStatus.conflicting) {
    return deny("the status statements conflict (alive and deceased): resolve them first");
  }
  if (kind === "death_notification") return assessDeath(context);
  if (context.currentStatus.status !== "alive") {
    return deny(`the person's status is ${context.currentStatus.status}, not alive`);
  }
  const consent = consentFor(context.consents, kind, inquiry.id);
  if (consent === null) return deny(`the found person has not consented to share "${kind}"`);
  if (consent.decision !== "granted") {
    return deny(
      `the found person ${consent.decision === "refused" ? "refused" : "withdrew consent"} for "${kind}"`,
    );
  }
  return {
    allowed: true,
    reasons: [
      `the found person consented to share "${kind}" (${consent.obtainedHow}, ${consent.recordedAt.slice(0, 10)})`,
    ],
    basis: [consent.id],
  };
}

function assessDeath(context: DisclosureContext): DisclosureAssessment {
  const reasons: string[] = [];
  if (context.currentStatus.status !== "deceased") {
    return deny(`the person's status is ${context.currentStatus.status}, not deceased`);
  }
  const evidence = context.statements.filter(
    (s) => s.status === "deceased" && s.documented && DEATH_EVIDENCE_SOURCES.has(s.source),
  );
  if (evidence.length === 0) {
    reasons.push("no documented statement of death from an official record or the team's own observation");
  }
  if (!NEXT_OF_KIN.has(context.inquiry.relationship)) {
    reasons.push(`the requester is not next of kin (${context.inquiry.relationship})`);
  }
  if (!DEATH_NOTIFICATION_CHANNELS.has(context.channel)) {
    reasons.push(`news of a death is given in person or by phone, not by ${context.channel}`);
  }
  const refusals = (["alive_and_safe", "whereabouts"] as const)
    .map((scope) => consentFor(context.consents, scope, context.inquiry.id))
    .filter((c): c is ConsentRecord => c !== null && c.decision !== "granted");
  if (refusals.length > 0) {
    reasons.push("the person refused, during life, that this family be told about them");
  }
  if (reasons.length > 0) return deny(...reasons);
  return {
    allowed: true,
    reasons: [
      `death documented (${evidence.map((s) => s.source).join(", ")}); requester is next of kin (${context.inquiry.relationship})`,
    ],
    basis: evidence.map((s) => s.id),
  };
}
