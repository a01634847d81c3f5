import { describe, expect, it } from "vitest";
import { parseCsv } from "../src/csv/csv-text";
import { HXL_COLUMNS, personsToHxlCsv } from "../src/csv/hxl-export";
import {
  PublicInquiryError,
  publicInquirySchema,
  publicInquiryToCreate,
  publicStatusOf,
} from "../src/inquiry";
import { linkageValuesOf } from "../src/linkage-record";
import { type Person, personCreateSchema, toPersonView } from "../src/person";
import { deriveCurrentStatus } from "../src/status";

const form = publicInquirySchema.parse({
  sought: {
    givenName: "محمد",
    fatherName: "أحمد",
    familyName: "الحلبي",
    motherName: "فاطمة الخطيب",
    otherNames: ["Abu Khaled"],
    birthDate: "حوالي 1985",
    arrestDate: "2013-04",
    lastSeenPlace: "Branch 215",
  },
  requester: { name: "Umm Mohammad", relationship: "parent", phone: "+963 944 000 000" },
  consent: { storeAndProcess: true },
});

describe("the public inquiry form", () => {
  it("becomes an inquiry whose sought person is named by script, with dates read and status sought", () => {
    const inquiry = publicInquiryToCreate(form);
    expect(inquiry.soughtPerson.name.arabic).toMatchObject({
      given: "محمد",
      father: "أحمد",
      family: "الحلبي",
      motherGiven: "فاطمة",
      motherFamily: "الخطيب",
    });
    expect(inquiry.soughtPerson.birthDate).toEqual({
      year: 1985,
      month: null,
      day: null,
      uncertaintyYears: 2,
    });
    expect(inquiry.soughtPerson.detention.arrestDate).toEqual({
      year: 2013,
      month: 4,
      day: null,
      uncertaintyYears: 0,
    });
    expect(inquiry.soughtPerson.statuses).toMatchObject([{ status: "sought", source: "family" }]);
    expect(inquiry.requester).toMatchObject({
      name: "Umm Mohammad",
      phone: "+963 944 000 000",
      preferredChannel: "phone",
    });
    expect(inquiry.consent).toEqual({
      storeAndProcess: true,
      shareContactWithFoundPerson: false,
      shareWithPartners: false,
    });
  });

  it("refuses a form without a way to reach the family, or with a date it cannot read, naming the field", () => {
    const noContact = { ...form, requester: { ...form.requester, phone: "" } };
    expect(() => publicInquiryToCreate(noContact)).toThrow(PublicInquiryError);
    const badDate = { ...form, sought: { ...form.sought, birthDate: "last spring" } };
    try {
      publicInquiryToCreate(badDate);
      expect.unreachable();
    } catch (error) {
      expect((error as PublicInquiryError).path).toBe("sought.birthDate");
    }
    expect(publicInquirySchema.safeParse({ ...form, consent: { storeAndProcess: false } }).success).toBe(
      false,
    );
  });

  it("answers status with fixed sentences that say nothing about the person", () => {
    expect(publicStatusOf("closed", "en")).toEqual({
      status: "closed",
      message: "This inquiry is closed. Please contact us to learn more.",
    });
    expect(publicStatusOf("received", "ar").message).toMatch(/استلمنا/);
  });
});

function personFrom(input: unknown, id: string): Person {
  const { statuses: _s, ...fields } = personCreateSchema.parse(input);
  return {
    ...fields,
    id,
    clusterId: id,
    displayName: "x",
    statuses: [],
    currentStatus: deriveCurrentStatus([]),
    createdAt: "2025-01-01T00:00:00.000Z",
    updatedAt: "2025-01-01T00:00:00.000Z",
    createdBy: "t",
    version: 1,
  };
}

describe("HXL export, redaction and linkage columns", () => {
  const person = personFrom(
    {
      source: { kind: "document", reference: "Register, page 3" },
      name: {
        arabic: { given: "سامي", family: "حداد", motherGiven: "هدى" },
        latin: { given: "Sami", family: "Haddad" },
      },
      sex: "male",
      birthDate: { year: 1990, uncertaintyYears: 3 },
      governorate: "homs",
      detention: { prisonerNumber: "=1+1", facility: 'Branch, "east"' },
      restricted: { reporter: { name: "Secret Informant", phone: "+963 1" }, photos: [{ ref: "att/123" }] },
    },
    "11111111-1111-4111-8111-111111111111",
  );

  it("writes a header row, a hashtag row, and one row per record without restricted details", () => {
    const csv = personsToHxlCsv([person]);
    const rows = parseCsv(csv);
    expect(rows).toHaveLength(3);
    expect(rows[1]?.cells).toEqual(HXL_COLUMNS.map((c) => c.hashtag));
    for (const tag of rows[1]?.cells ?? []) expect(tag).toMatch(/^#[a-z0-9_]+(\+[a-z0-9_]+)*$/);
    const record = Object.fromEntries((rows[0]?.cells ?? []).map((h, i) => [h, rows[2]?.cells[i]]));
    expect(record).toMatchObject({
      given_name_ar: "سامي",
      given_name_latin: "Sami",
      mother_name_ar: "هدى",
      birth_date: "about 1990 ±3",
      governorate: "Homs",
      prisoner_number: "'=1+1",
      facility: 'Branch, "east"',
      status: "unknown",
    });
    expect(csv).not.toContain("Secret Informant");
    expect(csv).not.toContain("att/123");
  });

  it("wraps restricted details explicitly for a caller who may not read them", () => {
    expect(toPersonView(person, false).restricted).toEqual({ redacted: true });
    expect(toPersonView(person, true).restricted).toMatchObject({
      redacted: false,
      value: { reporter: { name: "Secret Informant" } },
    });
  });

  it("gives the linkage engine the syrian-person columns, Arabic first", () => {
    expect(linkageValuesOf(person.id, person)).toEqual({
      id: person.id,
      given_name: "سامي",
      father_name: "",
      grandfather_name: "",
      family_name: "حداد",
      mother_name: "هدى",
      sex: "male",
      birth_date: "about 1990",
      birth_place: "",
      national_id: "",
    });
  });
});
