/**
 * The tracing pages' pure parts:
 * - every sentence the disclosure rules (@athar/registry assessDisclosure) can give is recognised by the
 *   page's table and translated in both languages, so that a change of wording in the rules fails here, not
 *   silently on screen;
 * - the record form's checks (script of each name part, dates as people write them, something that
 *   identifies the person) agree with the server's schema.
 */
import {
  assessDisclosure,
  CONTACT_CHANNELS,
  type ConsentRecord,
  type CurrentStatus,
  DISCLOSURE_KINDS,
  type DisclosureContext,
  INQUIRY_STATUSES,
  personFieldsSchema,
  RELATIONSHIPS,
  type StatusStatement,
} from "@athar/registry";
import { describe, expect, it } from "vitest";
import { RESOURCES } from "../src/i18n/resources";
import { emptyDraft, type PersonDraft, readDraft } from "../src/pages/tracing/PersonForm";
import { matchReason } from "../src/pages/tracing/reasons";

function lookup(language: "ar" | "en", key: string): unknown {
  let node: unknown = RESOURCES[language];
  for (const part of key.split(".")) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

const statement = (over: Partial<StatusStatement>): StatusStatement => ({
  id: `s-${Math.random()}`,
  status: "alive",
  source: "team_observation",
  sourceReference: "",
  statedOn: null,
  documented: false,
  note: "",
  recordedAt: "2024-12-08T10:00:00.000Z",
  recordedBy: "tester",
  ...over,
});

const consent = (over: Partial<ConsentRecord>): ConsentRecord => ({
  id: `c-${Math.random()}`,
  personId: "p",
  decision: "granted",
  scopes: ["alive_and_safe"],
  inquiryId: null,
  obtainedHow: "in_person",
  note: "",
  recordedAt: "2024-12-09T10:00:00.000Z",
  recordedBy: "tester",
  ...over,
});

/** Contexts that between them reach every branch of the rules. */
function contexts(): DisclosureContext[] {
  const inquiryId = "00000000-0000-4000-8000-000000000001";
  const statuses: [CurrentStatus, StatusStatement[]][] = [
    [{ status: "alive", statementId: "a", conflicting: false }, [statement({})]],
    [
      { status: "sought", statementId: "s", conflicting: false },
      [statement({ status: "sought", source: "family" })],
    ],
    [
      { status: "deceased", statementId: "d", conflicting: false },
      [statement({ status: "deceased", source: "official_record", documented: true })],
    ],
    [
      { status: "deceased", statementId: "d", conflicting: false },
      [statement({ status: "deceased", source: "witness", documented: false })],
    ],
    [{ status: "alive", statementId: "a", conflicting: true }, [statement({})]],
  ];
  const consentSets: ConsentRecord[][] = [
    [],
    [consent({ scopes: ["alive_and_safe", "whereabouts", "contact_details", "message"] })],
    [consent({ decision: "refused", scopes: ["alive_and_safe", "whereabouts"], inquiryId })],
    [consent({ decision: "withdrawn", scopes: ["alive_and_safe", "message"] })],
  ];
  const out: DisclosureContext[] = [];
  for (const kind of DISCLOSURE_KINDS)
    for (const channel of CONTACT_CHANNELS)
      for (const status of INQUIRY_STATUSES)
        for (const relationship of ["parent", "friend"] as const)
          for (const matchAccepted of [true, false])
            for (const [currentStatus, statements] of statuses)
              for (const consents of consentSets)
                out.push({
                  kind,
                  channel,
                  inquiry: { id: inquiryId, relationship, status },
                  matchAccepted,
                  currentStatus,
                  statements,
                  consents,
                });
  return out;
}

describe("disclosure reasons on the tracing pages", () => {
  it("recognises and translates every sentence the rules give", () => {
    const reasons = new Set<string>();
    for (const context of contexts())
      for (const reason of assessDisclosure(context).reasons) reasons.add(reason);
    // The grid reaches every rule: allowed and refused, alive and deceased, consent given, refused, withdrawn.
    expect(reasons.size).toBeGreaterThanOrEqual(14);
    for (const reason of reasons) {
      const matched = matchReason(reason);
      expect(matched, reason).not.toBeNull();
      if (!matched) continue;
      const [key, values] = matched;
      for (const language of ["ar", "en"] as const) {
        expect(typeof lookup(language, key), `${language} ${key}`).toBe("string");
        for (const value of Object.values(values)) {
          if (typeof value === "string") continue;
          expect(typeof lookup(language, value.key), `${language} ${value.key} (${reason})`).toBe("string");
        }
      }
    }
  });

  it("leaves a sentence it does not know to be shown as written", () => {
    expect(matchReason("a rule nobody has written yet")).toBeNull();
  });

  it("has a label for every relationship the rules may name", () => {
    for (const relationship of RELATIONSHIPS) {
      expect(typeof lookup("ar", `tracing.relationship.${relationship}`)).toBe("string");
      expect(typeof lookup("en", `tracing.relationship.${relationship}`)).toBe("string");
    }
  });
});

const draftWith = (change: (draft: PersonDraft) => void): PersonDraft => {
  const draft = emptyDraft();
  change(draft);
  return draft;
};

describe("the person record form", () => {
  it("asks for something that identifies the person", () => {
    expect(readDraft(emptyDraft()).errors.name).toBe("tracing.form.needIdentity");
    expect(readDraft(draftWith((d) => (d.description = "grey shirt, about 30"))).content).not.toBeNull();
    expect(
      readDraft(draftWith((d) => d.otherNames.push({ kind: "kunya", text: "أبو خالد" }))).content,
    ).not.toBeNull();
  });

  it("keeps each script in its own column", () => {
    const wrong = readDraft(
      draftWith((d) => {
        d.arabic.given = "Khaled";
        d.latin.family = "الحلبي";
      }),
    );
    expect(wrong.content).toBeNull();
    expect(wrong.errors["arabic.given"]).toBe("tracing.form.needArabic");
    expect(wrong.errors["latin.family"]).toBe("tracing.form.needLatin");
  });

  it("reads dates as families give them and refuses what it cannot read", () => {
    const good = readDraft(
      draftWith((d) => {
        d.arabic.given = "خالد";
        d.birthDate = "حوالي ١٩٨٥";
        d.arrestDate = "04/2013";
        d.lastSeenDate = "2019";
        d.nationalId = "030-100 458.21";
      }),
    );
    expect(good.errors).toEqual({});
    expect(good.content?.birthDate).toEqual({ year: 1985, month: null, day: null, uncertaintyYears: 2 });
    expect(good.content?.detention.arrestDate).toEqual({
      year: 2013,
      month: 4,
      day: null,
      uncertaintyYears: 0,
    });
    expect(good.content?.nationalId).toBe("03010045821");
    const bad = readDraft(
      draftWith((d) => {
        d.arabic.given = "خالد";
        d.birthDate = "spring";
        d.nationalId = "12";
      }),
    );
    expect(bad.errors.birthDate).toBe("tracing.form.badDate");
    expect(bad.errors.nationalId).toBe("tracing.form.badNationalId");
  });

  it("produces content the server's schema accepts", () => {
    const { content } = readDraft(
      draftWith((d) => {
        d.arabic = { ...d.arabic, given: "خالد", father: "محمود", family: "الحلبي", motherGiven: "فاطمة" };
        d.latin = { ...d.latin, given: "Khaled", family: "Halabi" };
        d.otherNames.push({ kind: "nickname", text: "Abu Omar" });
        d.sex = "male";
        d.birthDate = "1985-03";
        d.governorate = "aleppo";
        d.prisonerNumber = "D-1042";
        d.lastSeenBy = { name: "A cellmate", role: "cellmate", phone: "", note: "" };
      }),
    );
    expect(content).not.toBeNull();
    if (!content) return;
    const { lastSeenBy, ...fields } = content;
    const parsed = personFieldsSchema.safeParse({
      ...fields,
      source: { kind: "witness" },
      restricted: { lastSeenBy, reporter: null, photos: [] },
    });
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  });
});
