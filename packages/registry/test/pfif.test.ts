import fs from "node:fs";
import { describe, expect, it } from "vitest";
import type { Person } from "../src/person";
import {
  allNotes,
  EXTENSION_NAMESPACE,
  PfifError,
  parsePfif,
  serializePfif,
} from "../src/pfif/pfif-document";
import { noteStatusStatement, personToPfif, pfifPersonToCreate } from "../src/pfif/pfif-mapping";
import { deriveCurrentStatus } from "../src/status";

const TEST_DOCUMENT = fs.readFileSync(
  new URL("../../../test-data/pfif/test.pfif-1.4.xml", import.meta.url),
  "utf8",
);

describe("PFIF 1.4 documents", () => {
  const document = parsePfif(TEST_DOCUMENT);

  it("reads the Person Finder test document with its whitespace rules", () => {
    expect(document.persons).toHaveLength(1);
    const person = document.persons[0];
    expect(person?.fields.person_record_id).toBe("test.google.com/person.21009");
    // Surrounding whitespace and blank lines are stripped …
    expect(person?.fields.home_city).toBe("_test_home_city");
    // … line breaks inside a value are kept: multi-line fields hold one value per line.
    expect(person?.fields.full_name).toBe("_test_full_name1\n_test_full_name2");
    expect(person?.fields.alternate_names).toBe("_test_alternate_name1\n_test_alternate_name2");
    expect(person?.fields.profile_urls).toBe("_test_profile_url1\n_test_profile_url2");
    expect(person?.fields.date_of_birth).toBe("1970-01");
    expect(Object.keys(person?.fields ?? {})).toHaveLength(24); // every PFIF 1.4 person field but expiry_date
    const notes = allNotes(document);
    expect(notes.map((n) => n.fields.note_record_id)).toEqual([
      "test.google.com/note.27009",
      "test.google.com/note.31095",
      "test.google.com/note.40121",
      "test.google.com/note.50121",
    ]);
    // Nested notes belong to their person; empty elements are absent values.
    for (const note of notes) expect(note.fields.person_record_id).toBe("test.google.com/person.21009");
    expect(notes[1]?.fields.email_of_found_person).toBeUndefined();
    expect(notes[0]?.fields.linked_person_record_id).toBe("test.google.com/person.999");
    expect(notes[1]?.fields.author_made_contact).toBe("true");
    expect(document.warnings).toEqual([]);
  });

  it("round-trips: writing what it read gives a document that reads the same", () => {
    const written = serializePfif(document.persons);
    const again = parsePfif(written);
    expect(again.persons).toHaveLength(1);
    expect(again.persons[0]?.fields).toEqual(document.persons[0]?.fields);
    expect(allNotes(again).map((n) => n.fields)).toEqual(allNotes(document).map((n) => n.fields));
    // And writing is stable: a second pass writes the same bytes.
    expect(serializePfif(again.persons)).toBe(written);
  });

  it("reads PFIF 1.2 field names into 1.4 ones, skips foreign elements with a warning", () => {
    const old = parsePfif(
      `<pfif xmlns="http://zesty.ca/pfif/1.2" xmlns:x="urn:other"><person><person_record_id>a.org/1</person_record_id>` +
        `<first_name>Sami</first_name><last_name>Haddad</last_name><other>description:\n  tall</other><home_zip>123</home_zip><x:foo>1</x:foo></person></pfif>`,
    );
    expect(old.persons[0]?.fields).toMatchObject({
      given_name: "Sami",
      family_name: "Haddad",
      home_postal_code: "123",
    });
    expect(old.warnings).toHaveLength(1);
    expect(() => parsePfif("<notpfif/>")).toThrow(PfifError);
    expect(() => parsePfif("<pfif:pfif xmlns:pfif='http://zesty.ca/pfif/1.4'><pfif:person>")).toThrow(
      /line 1/,
    );
  });
});

describe("PFIF ↔ person records", () => {
  const document = parsePfif(TEST_DOCUMENT);
  const pfifPerson = document.persons[0];
  if (!pfifPerson) throw new Error("no person");

  it("imports the test person as a record of source exchange, keeping its PFIF id", () => {
    const result = pfifPersonToCreate(pfifPerson);
    expect(result.errors).toEqual([]);
    const person = result.person;
    expect(person?.source).toMatchObject({
      kind: "exchange",
      reference: "_test_source_name",
      external: { system: "test.google.com", id: "test.google.com/person.21009" },
      collectedOn: { year: 2000, month: 1, day: 1 },
    });
    expect(person?.name.latin).toMatchObject({ given: "_test_given_name", family: "_test_family_name" });
    expect(person?.otherNames.map((o) => o.text)).toEqual(["_test_alternate_name1", "_test_alternate_name2"]);
    expect(person?.sex).toBe("female");
    expect(person?.birthDate).toEqual({ year: 1970, month: 1, day: null, uncertaintyYears: 0 });
    expect(person?.residence).toMatchObject({
      city: "_test_home_city",
      country: "US",
      region: "_test_home_state",
    });
    expect(person?.restricted.reporter).toMatchObject({
      name: "_test_author_name",
      phone: "_test_author_phone",
    });
    expect(person?.restricted.photos).toEqual([
      { ref: "_test_photo_url", caption: "PFIF photo_url", takenOn: null },
    ]);
  });

  it("maps note statuses to status statements", () => {
    const statements = allNotes(document).map(noteStatusStatement);
    expect(statements.map((s) => s?.status ?? null)).toEqual(["sought", null, "alive", "sought"]);
    expect(statements[2]?.source).toBe("self");
  });

  it("exports a record's content to PFIF fields and Athar extension fields, restricted ones only on request", () => {
    const created = pfifPersonToCreate(pfifPerson).person;
    if (!created) throw new Error("import failed");
    const { statuses: _statuses, ...fields } = created;
    const person: Person = {
      ...fields,
      name: {
        ...fields.name,
        arabic: {
          given: "سامي",
          father: "خالد",
          grandfather: null,
          family: "حداد",
          motherGiven: "هدى",
          motherFamily: null,
        },
      },
      nationalId: "01234567890",
      id: "11111111-1111-4111-8111-111111111111",
      clusterId: "11111111-1111-4111-8111-111111111111",
      displayName: "سامي خالد حداد",
      statuses: [],
      currentStatus: deriveCurrentStatus([]),
      createdAt: "2025-01-02T03:04:05.678Z",
      updatedAt: "2025-01-02T03:04:05.678Z",
      createdBy: "tester",
      version: 2,
    };
    const restricted = personToPfif(person, {
      domain: "athar.test",
      includeRestricted: true,
      original: pfifPerson.fields,
      sourceName: "Athar",
    });
    expect(restricted.fields).toMatchObject({
      person_record_id: "test.google.com/person.21009",
      entry_date: "2025-01-02T03:04:05Z",
      full_name: "سامي خالد حداد",
      given_name: "سامي",
      family_name: "حداد",
      alternate_names: "_test_given_name _test_family_name\n_test_alternate_name1\n_test_alternate_name2",
      sex: "female",
      date_of_birth: "1970-01",
      home_city: "_test_home_city",
      author_name: "_test_author_name",
      photo_url: "_test_photo_url",
      age: "35-45",
    });
    expect(restricted.extensions).toMatchObject({
      father_name: "خالد",
      mother_given_name: "هدى",
      national_id: "01234567890",
      name_script: "arabic",
    });
    const open = personToPfif(person, {
      domain: "athar.test",
      includeRestricted: false,
      original: pfifPerson.fields,
      sourceName: "Athar",
    });
    expect(open.fields.author_name).toBeUndefined();
    expect(open.fields.author_phone).toBeUndefined();
    expect(open.fields.photo_url).toBeUndefined();
    // The extension survives a write and a read, inside its own namespace.
    const xml = serializePfif([{ ...open, notes: [], line: 0 }]);
    expect(xml).toContain(`xmlns:athar="${EXTENSION_NAMESPACE}"`);
    expect(parsePfif(xml).persons[0]?.extensions.father_name).toBe("خالد");
  });
});
