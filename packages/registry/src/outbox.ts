/**
 * The notification outbox: messages to families are drafted, approved by a tracing officer who did not
 * draft them, and marked sent by whoever delivered them (Athar does not send messages itself). A message
 * is only drafted when the disclosure rules allow it, and the rule it rests on is kept with it.
 */
import { z } from "zod";
import { DISCLOSURE_KINDS } from "./disclosure";
import { CONTACT_CHANNELS } from "./inquiry";

export const OUTBOX_STATES = ["draft", "approved", "sent", "cancelled"] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

export const OUTBOX_TRANSITIONS: Readonly<Record<OutboxState, readonly OutboxState[]>> = {
  draft: ["approved", "cancelled"],
  approved: ["sent", "cancelled"],
  sent: [],
  cancelled: [],
};

export const mayMoveOutbox = (from: OutboxState, to: OutboxState): boolean =>
  OUTBOX_TRANSITIONS[from].includes(to);

export const outboxDraftSchema = z.strictObject({
  inquiryId: z.uuid(),
  kind: z.enum(DISCLOSURE_KINDS),
  channel: z.enum(CONTACT_CHANNELS),
  /** The message as it will be said or written. */
  body: z.string().trim().min(1).max(10_000),
});
export type OutboxDraft = z.infer<typeof outboxDraftSchema>;

export const outboxMessageSchema = z.object({
  id: z.string(),
  inquiryId: z.string(),
  kind: z.enum(DISCLOSURE_KINDS),
  channel: z.enum(CONTACT_CHANNELS),
  /** Where it goes: the requester's name and the phone, e-mail or address for the channel. */
  recipient: z.object({ name: z.string(), address: z.string() }),
  body: z.string(),
  state: z.enum(OUTBOX_STATES),
  /** Why the disclosure rules allowed it, and the consent or statement ids it rests on. */
  basis: z.object({ reasons: z.array(z.string()), ids: z.array(z.string()) }),
  createdAt: z.string(),
  createdBy: z.string(),
  approvedAt: z.string().nullable(),
  approvedBy: z.string().nullable(),
  sentAt: z.string().nullable(),
  sentBy: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelledBy: z.string().nullable(),
  cancelReason: z.string(),
});
export type OutboxMessage = z.infer<typeof outboxMessageSchema>;
