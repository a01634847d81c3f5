import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatCsvRow, parseCsv, writeCsv } from "../src/csv";

describe("parseCsv (RFC 4180)", () => {
  it("reads quoted fields with commas, doubled quotes and line breaks, and counts lines", () => {
    const text = 'id,name,note\r\n1,"Haddad, Ali","said ""hello"""\r\n2,Omar,"two\nlines"\r\n3,x,y';
    const table = parseCsv(text);
    expect(table.header).toEqual(["id", "name", "note"]);
    expect(table.rows).toEqual([
      ["1", "Haddad, Ali", 'said "hello"'],
      ["2", "Omar", "two\nlines"],
      ["3", "x", "y"],
    ]);
    expect(table.lines).toEqual([2, 3, 5]);
  });

  it("drops a byte order mark and accepts LF, CRLF and a missing final line break", () => {
    const table = parseCsv("\uFEFFid,a\n1,x\r\n2,y");
    expect(table.header).toEqual(["id", "a"]);
    expect(table.rows).toEqual([
      ["1", "x"],
      ["2", "y"],
    ]);
  });

  it("trims spaces around unquoted values when asked (FEBRL style)", () => {
    const table = parseCsv("rec_id, given_name, surname\nrec-1-org, michaela , neumann\n", { trim: true });
    expect(table.header).toEqual(["rec_id", "given_name", "surname"]);
    expect(table.rows[0]).toEqual(["rec-1-org", "michaela", "neumann"]);
  });

  it("names the source, line and field of an error", () => {
    expect(() => parseCsv('id,name\n1,"open\n2,x', { source: "list.csv" })).toThrow(
      /list\.csv, line 2, field "name": quoted field is never closed/,
    );
    expect(() => parseCsv("id,name,born\n1,Ali\n", { source: "list.csv" })).toThrow(
      /list\.csv, line 2, field "born": row has 2 fields but the header has 3/,
    );
    expect(() => parseCsv('id,name\n1,Al"i\n', { source: "list.csv" })).toThrow(
      /line 2, field "name": a quote inside an unquoted field/,
    );
    expect(() => parseCsv('id,name\n1,"Ali"x\n', { source: "list.csv" })).toThrow(
      /line 2, field "name": unexpected text after a closing quote/,
    );
    expect(() => parseCsv("", { source: "empty.csv" })).toThrow(/empty\.csv, line 1/);
  });

  it("reads back what it writes, for any cells (property)", () => {
    const cell = fc.string({ unit: fc.constantFrom("a", "ب", ",", '"', "\n", "\r\n", " ", "x", "1") });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { maxLength: 8 }), (rows) => {
        const text = writeCsv(["a", "b", "c"], rows);
        // A row of three empty cells is written as ",," and read back; the reader keeps it.
        expect(parseCsv(text).rows).toEqual(rows);
      }),
    );
  });

  it("quotes only what must be quoted", () => {
    expect(formatCsvRow(["a", "b,c", 'd"e', " f", 1.5])).toBe('a,"b,c","d""e"," f",1.5\r\n');
  });
});
