import { describe, expect, it } from "vitest";
import { DateField } from "../src/fields/date-field";
import { formatPartialDate, parsePartialDate } from "../src/partial-date";

describe("parsePartialDate", () => {
  it("reads full, year-month, year and approximate dates, in Arabic-Indic digits too", () => {
    expect(parsePartialDate("1985-03-12")).toEqual({
      year: 1985,
      month: 3,
      day: 12,
      approximate: false,
      valid: true,
    });
    expect(parsePartialDate("1985-03")).toMatchObject({ year: 1985, month: 3, day: 0 });
    expect(parsePartialDate("1985")).toMatchObject({ year: 1985, month: 0, day: 0, approximate: false });
    expect(parsePartialDate("about 1985")).toMatchObject({ year: 1985, approximate: true });
    expect(parsePartialDate("~1985")).toMatchObject({ approximate: true });
    expect(parsePartialDate("حوالي ١٩٨٥")).toMatchObject({ year: 1985, approximate: true });
    expect(parsePartialDate("19851203", { format: "yyyymmdd" })).toMatchObject({
      year: 1985,
      month: 12,
      day: 3,
    });
    expect(parsePartialDate("12/03/1985", { format: "dd/mm/yyyy" })).toMatchObject({ month: 3, day: 12 });
    expect(parsePartialDate("  ")).toBeUndefined();
  });

  it("rejects impossible dates unless lenient, and then keeps their digits", () => {
    expect(() => parsePartialDate("1985-02-30")).toThrow(RangeError);
    expect(() => parsePartialDate("next year")).toThrow(/not a date/);
    const kept = parsePartialDate("19450493", { format: "yyyymmdd", lenient: true });
    expect(kept).toMatchObject({ valid: false, month: 4, day: 93 });
    expect(formatPartialDate(kept ?? { year: 0, month: 0, day: 0, approximate: false, valid: true })).toBe(
      "19450493",
    );
  });

  it("formats back", () => {
    expect(formatPartialDate({ year: 1985, month: 3, day: 0, approximate: true, valid: true })).toBe(
      "~1985-03",
    );
  });
});

describe("date comparison levels", () => {
  const levelOf = (a: string, b: string, lenient = false) => {
    const field = new DateField("birth_date", { lenient, format: lenient ? "yyyymmdd" : "iso" });
    field.push(a);
    field.push(b);
    return field.levels[field.compare(0, 1)]?.id;
  };
  it("sorts pairs of dates into levels", () => {
    expect(levelOf("1985-03-12", "1985-03-12")).toBe("exact");
    expect(levelOf("1985", "1985-03-12")).toBe("partial");
    expect(levelOf("1985-03", "1985-03-12")).toBe("partial");
    expect(levelOf("1985-03-12", "1985-12-03")).toBe("swapped");
    expect(levelOf("1985-03-12", "1985-03-13")).toBe("typo");
    expect(levelOf("1985-03-12", "1958-03-12")).toBe("typo");
    expect(levelOf("1985-03-12", "1975-06-01")).toBe("else");
    expect(levelOf("1989-03-12", "1990-03-12")).toBe("year-1");
    expect(levelOf("1985", "1986-03-12")).toBe("year-1");
    expect(levelOf("about 1985", "1987-01-01")).toBe("approximate");
    expect(levelOf("about 1985", "about 1989")).toBe("approximate");
    expect(levelOf("about 1985", "1990")).toBe("else");
    expect(levelOf("1985-03-12", "1985-07-30")).toBe("same-year");
    expect(levelOf("", "1985")).toBe("null");
    expect(levelOf("19450493", "19450403", true)).toBe("typo");
  });
});
