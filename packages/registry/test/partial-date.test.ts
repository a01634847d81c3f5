import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  daysInMonth,
  formatPartialDate,
  type PartialDate,
  PartialDateError,
  parsePartialDate,
  partialDateForLinkage,
  partialDateRange,
  partialDatesOverlap,
} from "../src/partial-date";

const arbitraryDate: fc.Arbitrary<PartialDate> = fc
  .record({
    year: fc.integer({ min: 1900, max: 2100 }),
    precision: fc.constantFrom("year", "month", "day", "approximate"),
    month: fc.integer({ min: 1, max: 12 }),
    dayFraction: fc.double({ min: 0, max: 0.999, noNaN: true }),
    uncertainty: fc.integer({ min: 1, max: 20 }),
  })
  .map(({ year, precision, month, dayFraction, uncertainty }) => {
    if (precision === "year") return { year, month: null, day: null, uncertaintyYears: 0 };
    if (precision === "approximate") return { year, month: null, day: null, uncertaintyYears: uncertainty };
    if (precision === "month") return { year, month, day: null, uncertaintyYears: 0 };
    const day = 1 + Math.floor(dayFraction * daysInMonth(year, month));
    return { year, month, day, uncertaintyYears: 0 };
  });

describe("partial dates", () => {
  it("reads the forms registers and families use", () => {
    expect(parsePartialDate("1985-03-12")).toEqual({ year: 1985, month: 3, day: 12, uncertaintyYears: 0 });
    expect(parsePartialDate("12/03/1985")).toEqual({ year: 1985, month: 3, day: 12, uncertaintyYears: 0 });
    expect(parsePartialDate("1985-3")).toEqual({ year: 1985, month: 3, day: null, uncertaintyYears: 0 });
    expect(parsePartialDate("03/1985")).toEqual({ year: 1985, month: 3, day: null, uncertaintyYears: 0 });
    expect(parsePartialDate(" 1985 ")).toEqual({ year: 1985, month: null, day: null, uncertaintyYears: 0 });
    expect(parsePartialDate("about 1985")).toEqual({
      year: 1985,
      month: null,
      day: null,
      uncertaintyYears: 2,
    });
    expect(parsePartialDate("~1985")?.uncertaintyYears).toBe(2);
    expect(parsePartialDate("1985?")?.uncertaintyYears).toBe(2);
    expect(parsePartialDate("1985 ± 5")?.uncertaintyYears).toBe(5);
    expect(parsePartialDate("about 1985 +/- 3")?.uncertaintyYears).toBe(3);
    // Arabic-Indic digits and an Arabic word for "about".
    expect(parsePartialDate("حوالي ١٩٨٥")).toEqual({
      year: 1985,
      month: null,
      day: null,
      uncertaintyYears: 2,
    });
    expect(parsePartialDate("")).toBeNull();
    expect(parsePartialDate("   ")).toBeNull();
  });

  it("refuses impossible dates and says why", () => {
    for (const bad of ["1985-02-30", "1985-13", "1899", "spring", "about 1985-03", "2001-02-29", "1985-00"]) {
      expect(() => parsePartialDate(bad), bad).toThrow(PartialDateError);
    }
    expect(parsePartialDate("2000-02-29")?.day).toBe(29); // leap year (divisible by 400)
    expect(() => parsePartialDate("1900-02-29")).toThrow(/28 days/); // not a leap year (divisible by 100)
  });

  it("formats what it parses, and parses what it formats", () => {
    fc.assert(
      fc.property(arbitraryDate, (date) => {
        const text = formatPartialDate(date);
        expect(parsePartialDate(text)).toEqual(date);
        expect(formatPartialDate(parsePartialDate(text) as PartialDate)).toBe(text);
      }),
    );
  });

  it("computes ranges that contain exactly the days the value allows (brute force over a year)", () => {
    fc.assert(
      fc.property(arbitraryDate, arbitraryDate, (a, b) => {
        const { earliest, latest } = partialDateRange(a);
        expect(earliest <= latest).toBe(true);
        // Overlap by ranges must agree with overlap by enumerating every day of each value.
        const days = (d: PartialDate) => {
          const out = new Set<string>();
          const pad = (n: number) => String(n).padStart(2, "0");
          for (let y = d.year - d.uncertaintyYears; y <= d.year + d.uncertaintyYears; y++) {
            for (let m = d.month ?? 1; m <= (d.month ?? 12); m++) {
              for (let day = d.day ?? 1; day <= (d.day ?? daysInMonth(y, m)); day++)
                out.add(`${y}-${pad(m)}-${pad(day)}`);
            }
          }
          return out;
        };
        const da = days(a);
        const shared = [...days(b)].some((day) => da.has(day));
        expect(partialDatesOverlap(a, b)).toBe(shared);
      }),
      { numRuns: 60 },
    );
  });

  it("gives the linkage engine the forms it reads", () => {
    expect(partialDateForLinkage({ year: 1985, month: null, day: null, uncertaintyYears: 7 })).toBe(
      "about 1985",
    );
    expect(partialDateForLinkage({ year: 1985, month: 3, day: 2, uncertaintyYears: 0 })).toBe("1985-03-02");
  });
});
