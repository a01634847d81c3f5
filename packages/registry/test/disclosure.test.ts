import { describe, expect, it } from "vitest";
import { assessDisclosure, type ConsentRecord, type DisclosureContext } from "../src/disclosure";
import { deriveCurrentStatus, type PersonStatus, type StatusStatement } from "../src/status";

const INQUIRY = "22222222-2222-4222-8222-222222222222";

function statement(status: PersonStatus, extra: Partial<StatusStatement> = {}): StatusStatement {
  return {
    id: `st-${status}-${extra.source ?? "witness"}`,
    status,
    source: "witness",
    sourceReference: "",
    statedOn: null,
    documented: false,
    note: "",
    recordedAt: "2025-01-01T00:00:00.000Z",
    recordedBy: "officer",
    ...extra,
  };
}

function consent(extra: Partial<ConsentRecord>): ConsentRecord {
  return {
    id: `c-${extra.recordedAt ?? "1"}`,
    personId: "p",
    decision: "granted",
    scopes: ["alive_and_safe"],
    inquiryId: null,
    obtainedHow: "in_person",
    note: "",
    recordedAt: "2025-02-01T00:00:00.000Z",
    recordedBy: "liaison",
    ...extra,
  };
}

function context(statements: StatusStatement[], extra: Partial<DisclosureContext> = {}): DisclosureContext {
  return {
    kind: "alive_and_safe",
    channel: "phone",
    inquiry: { id: INQUIRY, relationship: "parent", status: "in_progress" },
    matchAccepted: true,
    currentStatus: deriveCurrentStatus(statements),
    statements,
    consents: [],
    ...extra,
  };
}

describe("disclosure rules", () => {
  const alive = [statement("alive", { source: "team_observation" })];

  it("tells nothing without an accepted match, whatever the consent", () => {
    const result = assessDisclosure(context(alive, { matchAccepted: false, consents: [consent({})] }));
    expect(result.allowed).toBe(false);
    expect(result.reasons[0]).toMatch(/accepted a match/);
  });

  it("allows each kind of news only with the found person's consent for that scope", () => {
    expect(assessDisclosure(context(alive)).allowed).toBe(false);
    const granted = consent({ scopes: ["alive_and_safe"] });
    expect(assessDisclosure(context(alive, { consents: [granted] }))).toMatchObject({
      allowed: true,
      basis: [granted.id],
    });
    // Consent to "alive and safe" does not cover whereabouts or contact details.
    expect(assessDisclosure(context(alive, { kind: "whereabouts", consents: [granted] })).allowed).toBe(
      false,
    );
    expect(assessDisclosure(context(alive, { kind: "contact_details", consents: [granted] })).allowed).toBe(
      false,
    );
  });

  it("lets the newest decision stand: a withdrawal after a consent stops disclosure", () => {
    const granted = consent({ recordedAt: "2025-02-01T00:00:00.000Z" });
    const withdrawn = consent({ decision: "withdrawn", recordedAt: "2025-03-01T00:00:00.000Z" });
    expect(assessDisclosure(context(alive, { consents: [withdrawn, granted] })).allowed).toBe(false);
    expect(assessDisclosure(context(alive, { consents: [granted] })).allowed).toBe(true);
  });

  it("honours consent given for another family only for that family", () => {
    const forOther = consent({ inquiryId: "33333333-3333-4333-8333-333333333333" });
    expect(assessDisclosure(context(alive, { consents: [forOther] })).allowed).toBe(false);
    const forThis = consent({ inquiryId: INQUIRY });
    expect(assessDisclosure(context(alive, { consents: [forThis] })).allowed).toBe(true);
  });

  it("stops everything while statements conflict", () => {
    const both = [...alive, statement("deceased", { source: "official_record", documented: true })];
    expect(assessDisclosure(context(both, { consents: [consent({})] })).reasons[0]).toMatch(/conflict/);
    expect(assessDisclosure(context(both, { kind: "death_notification" })).allowed).toBe(false);
  });

  it("tells next of kin of a death only on documented evidence, in person or by phone", () => {
    const documented = [statement("deceased", { source: "official_record", documented: true })];
    const ok = assessDisclosure(context(documented, { kind: "death_notification" }));
    expect(ok).toMatchObject({ allowed: true, basis: ["st-deceased-official_record"] });
    const rumour = [statement("deceased", { source: "witness", documented: true })];
    expect(assessDisclosure(context(rumour, { kind: "death_notification" })).allowed).toBe(false);
    const undocumented = [statement("deceased", { source: "official_record", documented: false })];
    expect(assessDisclosure(context(undocumented, { kind: "death_notification" })).allowed).toBe(false);
    const bySms = assessDisclosure(context(documented, { kind: "death_notification", channel: "sms" }));
    expect(bySms.allowed).toBe(false);
    const cousin = assessDisclosure(
      context(documented, {
        kind: "death_notification",
        inquiry: { id: INQUIRY, relationship: "cousin", status: "in_progress" },
      }),
    );
    expect(cousin.reasons).toEqual([expect.stringMatching(/next of kin/)]);
    const refused = consent({ decision: "refused", scopes: ["whereabouts"], inquiryId: INQUIRY });
    expect(
      assessDisclosure(context(documented, { kind: "death_notification", consents: [refused] })).allowed,
    ).toBe(false);
    // The status must be deceased: an alive person's family gets no death notification.
    expect(assessDisclosure(context(alive, { kind: "death_notification" })).allowed).toBe(false);
  });

  it("always allows an update on the inquiry itself, never on a closed inquiry", () => {
    expect(assessDisclosure(context([], { kind: "inquiry_update", matchAccepted: false })).allowed).toBe(
      true,
    );
    const closed = context(alive, {
      kind: "inquiry_update",
      inquiry: { id: INQUIRY, relationship: "parent", status: "closed" },
    });
    expect(assessDisclosure(closed).allowed).toBe(false);
  });
});
