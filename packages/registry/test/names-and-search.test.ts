import { describe, expect, it } from "vitest";
import { GOVERNORATE_LABELS, GOVERNORATES, parseGovernorate } from "../src/governorates";
import { displayNameOf, personNameSchema } from "../src/names";
import { personCreateSchema, personFieldsSchema } from "../src/person";
import {
  coreSearchKeys,
  type KeyFunction,
  nameUnitsOf,
  personSearchKeys,
  querySpans,
  rankForQuery,
} from "../src/search-keys";

const source = { kind: "document" as const };

describe("names", () => {
  it("keeps each script in its own form", () => {
    expect(personNameSchema.safeParse({ arabic: { given: "محمد" } }).success).toBe(true);
    expect(personNameSchema.safeParse({ arabic: { given: "Mohammad" } }).success).toBe(false);
    expect(personNameSchema.safeParse({ arabic: { given: "محمد Ali" } }).success).toBe(false);
    expect(personNameSchema.safeParse({ latin: { given: "محمد" } }).success).toBe(false);
    expect(personNameSchema.safeParse({ latin: { given: "Mohammad" } }).success).toBe(true);
  });

  it("needs something that identifies: a name, an id, a prisoner number or a description of remains", () => {
    expect(personFieldsSchema.safeParse({ source }).success).toBe(false);
    expect(
      personFieldsSchema.safeParse({ source, description: "male, about 30, found in cell B-12" }).success,
    ).toBe(true);
    expect(personFieldsSchema.safeParse({ source, detention: { prisonerNumber: "4471" } }).success).toBe(
      true,
    );
    expect(personFieldsSchema.safeParse({ source, nationalId: "٠١٢٣٤ ٥٦٧-٨٩٠" }).data?.nationalId).toBe(
      "01234567890",
    );
    expect(
      personFieldsSchema.safeParse({ source, otherNames: [{ kind: "kunya", text: "أبو خالد" }] }).success,
    ).toBe(true);
    expect(
      personCreateSchema.safeParse({ source, name: { latin: { given: "Sami" } }, unknownField: 1 }).success,
    ).toBe(false);
  });

  it("shows the Arabic name in lists when there is one", () => {
    const name = personNameSchema.parse({
      arabic: { given: "محمد", father: "أحمد", family: "الحلبي" },
      latin: { given: "Mohammad" },
    });
    expect(displayNameOf(name)).toBe("محمد أحمد الحلبي");
    expect(displayNameOf(personNameSchema.parse({}), [{ kind: "kunya", text: "Abu Khaled" }])).toBe(
      "Abu Khaled",
    );
  });

  it("reads every governorate by its own labels, in either script", () => {
    for (const slug of GOVERNORATES) {
      expect(parseGovernorate(GOVERNORATE_LABELS[slug].ar)).toBe(slug);
      expect(parseGovernorate(GOVERNORATE_LABELS[slug].en)).toBe(slug);
    }
    expect(parseGovernorate("محافظة حماه")).toBe("hama");
    expect(parseGovernorate("Deir-ez-Zor")).toBe("deir_ez_zor");
    expect(parseGovernorate("Atlantis")).toBeNull();
  });
});

describe("search keys", () => {
  const person = {
    name: personNameSchema.parse({
      arabic: { given: "عبد الرحمن", father: "أحمد", family: "الحلبي" },
      latin: { given: "Abdulrahman", family: "Al-Halabi" },
    }),
    otherNames: [{ kind: "kunya" as const, text: "أبو خالد" }],
  };
  const keysOf = (keyFunction: KeyFunction) => new Set(personSearchKeys(person, keyFunction));

  it("takes each part and each word of a multi-word part as a unit", () => {
    expect(nameUnitsOf(person)).toEqual(
      expect.arrayContaining([
        "عبد الرحمن",
        "أحمد",
        "الحلبي",
        "Abdulrahman",
        "Al-Halabi",
        "al",
        "halabi",
        "أبو خالد",
        "خالد",
      ]),
    );
  });

  it("finds a record when every query word is covered, across spellings the core normaliser folds", () => {
    const keys = keysOf(coreSearchKeys);
    const rank = (query: string) => {
      const { words, spans } = querySpans(query, coreSearchKeys);
      return rankForQuery(words.length, spans, keys);
    };
    expect(rank("عبدالرحمن الحلبي")).toBe(6);
    expect(rank("عَبْد الرَّحْمٰن احمد")).toBe(6); // tashkeel and hamza seats folded; the two words form one unit
    expect(rank("Al-Halabi")).toBe(6); // two words, "al" and "halabi", each a word of the part
    expect(rank("ABDULRAHMAN")).toBe(3);
    expect(rank("خالد")).toBe(3); // a word of the kunya
    expect(rank("عبدالرحمن الشامي")).toBeNull(); // one word not covered
    expect(rank("")).toBeNull();
  });

  it("ranks a stronger key above a weaker one", () => {
    const skeleton: KeyFunction = (unit) => [
      ...coreSearchKeys(unit),
      `s:${unit.toLowerCase().replace(/[aeiou\s-]/g, "")}`,
    ];
    const keys = keysOf(skeleton);
    const { words, spans } = querySpans("Abdelrahman", skeleton);
    expect(rankForQuery(words.length, spans, keys)).toBe(1); // only the skeleton agrees
    const exact = querySpans("Abdulrahman", skeleton);
    expect(rankForQuery(exact.words.length, exact.spans, keys)).toBe(3);
  });
});
