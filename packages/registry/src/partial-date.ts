/**
 * Dates as witnesses and registers give them: a full date, a year and month, a year, or an estimate
 * ("about 1985", "1985 ± 3", "حوالي 1985"). Unknown parts stay unknown (never 1 January), and an estimate
 * carries its uncertainty in years, so that a range can be computed and compared.
 */
import { normalizeArabic } from "@athar/core";
import { z } from "zod";

/** Width of "about YYYY" when the text gives none: registers and families round to a few years. */
export const DEFAULT_APPROXIMATE_YEARS = 2;
/** Widest uncertainty accepted; beyond this the value says nothing useful about identity. */
export const MAX_UNCERTAINTY_YEARS = 20;
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

export const partialDateSchema = z
  .strictObject({
    year: z.number().int().min(MIN_YEAR).max(MAX_YEAR),
    month: z.number().int().min(1).max(12).nullable().default(null),
    day: z.number().int().min(1).max(31).nullable().default(null),
    /** Plus or minus this many years around `year`; 0 for a date known to its stated precision. */
    uncertaintyYears: z.number().int().min(0).max(MAX_UNCERTAINTY_YEARS).default(0),
  })
  .superRefine((date, context) => {
    if (date.day !== null && date.month === null) {
      context.addIssue({ code: "custom", path: ["day"], message: "a day needs a month" });
    }
    if (date.uncertaintyYears > 0 && date.month !== null) {
      context.addIssue({
        code: "custom",
        path: ["uncertaintyYears"],
        message: "an approximate date gives a year only",
      });
    }
    if (date.day !== null && date.month !== null && date.day > daysInMonth(date.year, date.month)) {
      context.addIssue({
        code: "custom",
        path: ["day"],
        message: `${date.year}-${date.month} has ${daysInMonth(date.year, date.month)} days`,
      });
    }
  });
export type PartialDate = z.infer<typeof partialDateSchema>;

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

// Words that mark an estimate, after normalizeArabic and lowercasing: English, French, Arabic.
const APPROXIMATE_LEAD =
  /^(?:about|approx(?:imately)?\.?|around|circa|ca\.?|c\.|~|vers|env(?:iron)?\.?|حوالي|حوالى|تقريبا|نحو)\s*/;
const APPROXIMATE_TRAIL = /\s*(?:\?|approx\.?|تقريبا)$/;
const PLUS_MINUS = /\s*(?:±|\+\/-|\+-)\s*(\d{1,2})\s*(?:years?|y|سنوات|سنة)?$/;

export class PartialDateError extends Error {
  constructor(
    readonly input: string,
    reason: string,
  ) {
    super(reason);
    this.name = "PartialDateError";
  }
}

/**
 * Reads `YYYY`, `YYYY-MM`, `YYYY-MM-DD` (also with `/` or `.`), `DD/MM/YYYY`, each optionally an estimate:
 * `about 1985`, `~1985`, `1985?`, `1985 ± 3`, `حوالي ١٩٨٥`. Returns null for an empty value; throws
 * PartialDateError with a reason for anything else it cannot read.
 */
export function parsePartialDate(raw: string): PartialDate | null {
  let text = normalizeArabic(raw).toLowerCase().trim();
  if (text === "") return null;
  let approximate = false;
  let uncertainty: number | null = null;
  const lead = APPROXIMATE_LEAD.exec(text);
  if (lead) {
    approximate = true;
    text = text.slice(lead[0].length);
  }
  const plusMinus = PLUS_MINUS.exec(text);
  if (plusMinus) {
    uncertainty = Number(plusMinus[1]);
    text = text.slice(0, plusMinus.index);
  }
  const trail = APPROXIMATE_TRAIL.exec(text);
  if (trail) {
    approximate = true;
    text = text.slice(0, trail.index);
  }
  text = text.trim();
  let year: number;
  let month: number | null = null;
  let day: number | null = null;
  const iso = /^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$/.exec(text);
  const dayFirst = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(text);
  const monthFirst = /^(\d{1,2})[-/.](\d{4})$/.exec(text);
  if (iso) {
    year = Number(iso[1]);
    month = iso[2] === undefined ? null : Number(iso[2]);
    day = iso[3] === undefined ? null : Number(iso[3]);
  } else if (dayFirst) {
    year = Number(dayFirst[3]);
    month = Number(dayFirst[2]);
    day = Number(dayFirst[1]);
  } else if (monthFirst) {
    year = Number(monthFirst[2]);
    month = Number(monthFirst[1]);
  } else {
    throw new PartialDateError(
      raw,
      `"${raw}" is not a date (expected YYYY, YYYY-MM, YYYY-MM-DD, DD/MM/YYYY or "about YYYY")`,
    );
  }
  const uncertaintyYears = uncertainty ?? (approximate ? DEFAULT_APPROXIMATE_YEARS : 0);
  if (uncertaintyYears > 0 && month !== null) {
    throw new PartialDateError(raw, `"${raw}": an approximate date gives a year only`);
  }
  const parsed = partialDateSchema.safeParse({ year, month, day, uncertaintyYears });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PartialDateError(raw, `"${raw}" is not a valid date: ${issue?.message ?? "invalid"}`);
  }
  return parsed.data;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** `1985-03-12`, `1985-03`, `1985`, or `about 1985 ±3` (`about 1985` at the default width). */
export function formatPartialDate(date: PartialDate): string {
  if (date.uncertaintyYears > 0) {
    return date.uncertaintyYears === DEFAULT_APPROXIMATE_YEARS
      ? `about ${date.year}`
      : `about ${date.year} ±${date.uncertaintyYears}`;
  }
  if (date.month === null) return String(date.year);
  if (date.day === null) return `${date.year}-${pad(date.month)}`;
  return `${date.year}-${pad(date.month)}-${pad(date.day)}`;
}

/** The earliest and latest calendar days the value allows, as ISO dates (for range filters and sorting). */
export function partialDateRange(date: PartialDate): { earliest: string; latest: string } {
  const firstYear = date.year - date.uncertaintyYears;
  const lastYear = date.year + date.uncertaintyYears;
  const firstMonth = date.month ?? 1;
  const lastMonth = date.month ?? 12;
  const firstDay = date.day ?? 1;
  const lastDay = date.day ?? daysInMonth(lastYear, lastMonth);
  return {
    earliest: `${firstYear}-${pad(firstMonth)}-${pad(firstDay)}`,
    latest: `${lastYear}-${pad(lastMonth)}-${pad(lastDay)}`,
  };
}

/** Whether two values can describe the same day: their ranges overlap. */
export function partialDatesOverlap(a: PartialDate, b: PartialDate): boolean {
  const ra = partialDateRange(a);
  const rb = partialDateRange(b);
  return ra.earliest <= rb.latest && rb.earliest <= ra.latest;
}

/**
 * The form the linkage engine reads (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `about YYYY`). The engine knows one
 * width of estimate, so a wider one is passed as an estimate too.
 */
export function partialDateForLinkage(date: PartialDate): string {
  if (date.uncertaintyYears > 0) return `about ${date.year}`;
  return formatPartialDate(date);
}

/** Sort key: the earliest day, so that "1985" sorts before "1985-03-12". */
export const partialDateSortKey = (date: PartialDate): string => partialDateRange(date).earliest;
