/**
 * Restricted data (contact details of families, informants' identities, photographs) travels in an explicit
 * wrapper: `{ redacted: false, value }` for a caller whose role may see it, `{ redacted: true }` for everyone
 * else. A client never has to guess whether an empty field means "none" or "not for you", and a response
 * schema cannot carry the value in the redacted branch.
 */
import { z } from "zod";

export type Restricted<T> = { redacted: false; value: T } | { redacted: true };

export const REDACTED: { redacted: true } = { redacted: true };

export const reveal = <T>(value: T): Restricted<T> => ({ redacted: false, value });

export const restrictFor = <T>(value: T, mayRead: boolean): Restricted<T> =>
  mayRead ? reveal(value) : REDACTED;

/** The value when revealed, else null. */
export const revealedValue = <T>(restricted: Restricted<T>): T | null =>
  restricted.redacted ? null : restricted.value;

export function restrictedSchema<T extends z.ZodType>(inner: T) {
  return z.discriminatedUnion("redacted", [
    z.object({ redacted: z.literal(false), value: inner }),
    z.object({ redacted: z.literal(true) }),
  ]);
}
