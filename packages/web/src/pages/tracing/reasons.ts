/**
 * The disclosure rules' reasons (packages/registry/src/disclosure.ts) come from the server as English
 * sentences. This table recognises each one and names its translation, with the values it carries (a
 * status, a kind of news, a relationship) as translation keys of their own. A sentence it does not know is
 * shown as the server wrote it. packages/web/test/tracing.test.ts checks every sentence the rules can
 * produce against this table, so that a change of wording in the rules fails a test instead of the page.
 */
import type { TranslationKey } from "../../i18n/keys";

/** A value of a translated reason: plain text, or a translation key with the server's word as fallback. */
export type ReasonValue = string | { key: string; fallback: string };
type Rule = [RegExp, (match: RegExpExecArray) => [TranslationKey, Record<string, ReasonValue>]];

const word = (prefix: string, value: string | undefined): ReasonValue => ({
  key: `${prefix}.${value ?? ""}`,
  fallback: value ?? "",
});

/** The rules' sentences (packages/registry/src/disclosure.ts), each with its translation. */
const REASON_RULES: readonly Rule[] = [
  [/^the inquiry is closed/, () => ["tracing.reason.closed", {}]],
  [/^an update on the inquiry says nothing/, () => ["tracing.reason.update", {}]],
  [/^no reviewer has accepted a match/, () => ["tracing.reason.noMatch", {}]],
  [/^the status statements conflict/, () => ["tracing.reason.conflict", {}]],
  [
    /^the person's status is (\w+), not (alive|deceased)$/,
    (m) => [
      "tracing.reason.wrongStatus",
      { status: word("tracing.status", m[1]), expected: word("tracing.status", m[2]) },
    ],
  ],
  [
    /^the found person has not consented to share "([\w_]+)"$/,
    (m) => ["tracing.reason.noConsent", { kind: word("tracing.disclosureKind", m[1]) }],
  ],
  [
    /^the found person refused for "([\w_]+)"$/,
    (m) => ["tracing.reason.refused", { kind: word("tracing.disclosureKind", m[1]) }],
  ],
  [
    /^the found person withdrew consent for "([\w_]+)"$/,
    (m) => ["tracing.reason.withdrawn", { kind: word("tracing.disclosureKind", m[1]) }],
  ],
  [
    /^the found person consented to share "([\w_]+)" \((\w+), ([\d-]+)\)$/,
    (m) => [
      "tracing.reason.consented",
      {
        kind: word("tracing.disclosureKind", m[1]),
        how: word("tracing.consent.how", m[2]),
        date: m[3] ?? "",
      },
    ],
  ],
  [/^no documented statement of death/, () => ["tracing.reason.noDeathEvidence", {}]],
  [
    /^the requester is not next of kin \((\w+)\)$/,
    (m) => ["tracing.reason.notNextOfKin", { relationship: word("tracing.relationship", m[1]) }],
  ],
  [
    /^news of a death is given in person or by phone, not by (\w+)$/,
    (m) => ["tracing.reason.deathChannel", { channel: word("tracing.contactChannel", m[1]) }],
  ],
  [/^the person refused, during life/, () => ["tracing.reason.refusedInLife", {}]],
  [/^death documented/, () => ["tracing.reason.deathDocumented", {}]],
];

/** The translation key and values of one of the rules' sentences; null for a sentence this page does not know. */
export function matchReason(reason: string): [TranslationKey, Record<string, ReasonValue>] | null {
  for (const [pattern, render] of REASON_RULES) {
    const match = pattern.exec(reason);
    if (match) return render(match);
  }
  return null;
}
