import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readCsvImport, suggestMapping } from "../src/csv/csv-import";
import { CsvSyntaxError, csvLine, parseCsv } from "../src/csv/csv-text";

const source = {
  kind: "document" as const,
  reference: "Register B-3",
  collectedOn: null,
  siteId: null,
  documentRef: null,
  external: null,
  note: "",
};

describe("CSV text", () => {
  it("reads quotes, doubled quotes, embedded line breaks, CRLF and a byte-order mark", () => {
    const rows = parseCsv('\uFEFFa,b,c\r\n"x, y","say ""hi""","two\nlines"\r\n\r\nlast,,\n');
    expect(rows).toEqual([
      { line: 1, cells: ["a", "b", "c"] },
      { line: 2, cells: ["x, y", 'say "hi"', "two\nlines"] },
      { line: 5, cells: ["last", "", ""] },
    ]);
    expect(() => parseCsv('a,"open\n')).toThrow(CsvSyntaxError);
    expect(() => parseCsv('a,"x"y\n')).toThrow(/line 1/);
  });

  it("writes what it reads back (property)", () => {
    const cell = fc
      .string({ unit: fc.constantFrom("a", "ب", ",", '"', "\n", " ", "x", "1") })
      .filter((s) => !/^[=+\-@\t\r]/.test(s));
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
        (table) => {
          const width = (table[0] as string[]).length;
          const rows = table.map((row) => [...row, ...new Array<string>(width).fill("")].slice(0, width));
          const text = rows.map(csvLine).join("\r\n");
          const parsed = parseCsv(text).map((r) => r.cells);
          // A row of empty cells only reads back as a blank line when it has one cell; widths ≥ 2 keep commas.
          expect(parsed).toEqual(rows);
        },
      ),
    );
  });

  it("defuses cells a spreadsheet would run as formulas", () => {
    expect(csvLine(["=HYPERLINK(1)", "+1", "ok"])).toBe("'=HYPERLINK(1),'+1,ok");
  });
});

describe("CSV import", () => {
  it("suggests a mapping from English and Arabic headers (الكنية is the family name)", () => {
    expect(
      suggestMapping([
        "الاسم",
        "اسم الأب",
        "الكنية",
        "اسم الأم",
        "تاريخ الولادة",
        "الرقم الوطني",
        "whatever",
      ]),
    ).toEqual({
      الاسم: "given_name",
      "اسم الأب": "father_name",
      الكنية: "family_name",
      "اسم الأم": "mother_name",
      "تاريخ الولادة": "birth_date",
      "الرقم الوطني": "national_id",
      whatever: "ignore",
    });
    expect(suggestMapping(["تاريخ الميلاد", "مكان الميلاد"])).toEqual({
      "تاريخ الميلاد": "birth_date",
      "مكان الميلاد": "birth_place",
    });
  });

  it("maps each row to a record, names placed by script, and reads dates, sex and governorate", () => {
    const content = [
      "no,given,father,family,mother,sex,born,gov,status",
      "17,محمد,أحمد,الحلبي,فاطمة الخطيب,ذكر,حوالي 1985,حلب,متوفى",
      "18,Mohammad,Ahmad,Halabi,,m,1987-03,Aleppo,",
    ].join("\n");
    const result = readCsvImport({
      content,
      source,
      delimiter: ",",
      mapping: {
        no: "external_id",
        given: "given_name",
        father: "father_name",
        family: "family_name",
        mother: "mother_name",
        sex: "sex",
        born: "birth_date",
        gov: "governorate",
        status: "status",
      },
    });
    expect(result.errors).toEqual([]);
    const [first, second] = result.rows;
    expect(first?.person?.name.arabic).toMatchObject({
      given: "محمد",
      father: "أحمد",
      family: "الحلبي",
      motherGiven: "فاطمة",
      motherFamily: "الخطيب",
    });
    expect(first?.person?.name.latin).toBeNull();
    expect(first?.person?.birthDate).toEqual({ year: 1985, month: null, day: null, uncertaintyYears: 2 });
    expect(first?.person?.governorate).toBe("aleppo");
    expect(first?.person?.statuses).toMatchObject([
      { status: "deceased", source: "document", documented: true, sourceReference: "Register B-3, row 1" },
    ]);
    expect(first?.person?.source.external).toEqual({ system: "Register B-3", id: "17" });
    expect(second?.person?.name.latin).toMatchObject({ given: "Mohammad", family: "Halabi" });
    expect(second?.person?.sex).toBe("male");
    expect(second?.person?.statuses).toEqual([]);
  });

  it("reports every bad cell with its row, line, column and field", () => {
    const content = [
      "given,born,sex,id",
      "Ali,1985-02-30,m,1",
      "Omar,1990,x,1",
      ",,,2",
      '"Hasan\nal-Hasan",1980,f',
    ].join("\n");
    const result = readCsvImport({
      content,
      source,
      delimiter: ",",
      mapping: { given: "given_name", born: "birth_date", sex: "sex", id: "external_id" },
    });
    expect(result.errors).toEqual([
      expect.objectContaining({ row: 1, line: 2, column: "born", field: "birth_date" }),
      expect.objectContaining({ row: 2, line: 3, column: "sex", field: "sex" }),
      expect.objectContaining({
        row: 2,
        line: 3,
        column: "id",
        field: "external_id",
        message: 'the id "1" is also on row 1',
      }),
      expect.objectContaining({ row: 3, line: 4, field: "name" }),
      expect.objectContaining({
        row: 4,
        line: 5,
        column: "",
        message: "the row has 3 cells; the header has 4",
      }),
    ]);
    expect(result.rows.filter((r) => r.person !== null)).toHaveLength(0);
  });

  it("refuses a mapping that names a missing column or maps two columns to one field", () => {
    expect(
      readCsvImport({ content: "a,b\n1,2", source, delimiter: ",", mapping: { c: "given_name" } }).errors[0]
        ?.message,
    ).toMatch(/does not have/);
    expect(
      readCsvImport({
        content: "a,b\n1,2",
        source,
        delimiter: ",",
        mapping: { a: "given_name", b: "given_name" },
      }).errors[0]?.field,
    ).toBe("given_name");
  });
});
