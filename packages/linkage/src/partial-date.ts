/**
 * Birth dates as registers hold them: a full date, a year and month, a year, or an approximate year
 * (`about 1985`, `~1985`, `c. 1985`, `حوالي 1985`). Unknown parts stay unknown instead of becoming 1 January,
 * so that `1985` and `1985-03-12` agree on everything both know.
 */
import { normalizeArabic } from "@athar/core";

export interface PartialDate {
  readonly year: number;
  /** 1–12, or 0 when unknown. */
  readonly month: number;
  /** 1–31, or 0 when unknown. */
  readonly day: number;
  /** The year is an estimate (`about 1985`). */
  readonly approximate: boolean;
  /**
   * False for a lenient read of an impossible date (`19450493`): its digits are kept so that a one-digit
   * typing error can still be recognised, but it never agrees exactly with a valid date.
   */
  readonly valid: boolean;
}

export interface ParseDateOptions {
  readonly format?: DateFormat;
  /** Keep impossible dates (month 13, day 32) as digits instead of rejecting them. Default false. */
  readonly lenient?: boolean;
}

export type DateFormat = "iso" | "yyyymmdd" | "dd/mm/yyyy";

// Words that mark an estimate, in English, French and Arabic (after normalizeArabic: حوالي, تقريبا, مواليد).
const APPROXIMATE =
  /^(?:about|approx(?:imately)?\.?|around|circa|ca\.?|c\.|~|vers|env(?:iron)?\.?|حوالي|حوالى|تقريبا|نحو)\s*/i;
const TRAILING_APPROXIMATE = /\s*(?:\?|approx\.?|تقريبا)$/i;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function build(
  year: number,
  month: number,
  day: number,
  approximate: boolean,
  lenient: boolean,
): PartialDate | undefined {
  if (!Number.isInteger(year) || year < 1000 || year > 2999) return undefined;
  const valid =
    month >= 0 &&
    month <= 12 &&
    !(month === 0 && day !== 0) &&
    day >= 0 &&
    !(day > 0 && day > daysInMonth(year, month));
  if (valid) return { year, month, day, approximate, valid };
  return lenient ? { year, month, day, approximate, valid } : undefined;
}

/**
 * Parses a birth date. Accepted: `YYYY`, `YYYY-MM`, `YYYY-MM-DD` (also with `/` or `.`), `YYYYMMDD` (FEBRL),
 * `DD/MM/YYYY` when the format says so, each optionally marked approximate. Arabic-Indic digits are read.
 * Returns undefined for an empty value; throws RangeError with a reason for a value it cannot read.
 */
export function parsePartialDate(raw: string, options: ParseDateOptions = {}): PartialDate | undefined {
  const format = options.format ?? "iso";
  const lenient = options.lenient ?? false;
  let text = normalizeArabic(raw).trim();
  if (text === "") return undefined;
  let approximate = false;
  const lead = APPROXIMATE.exec(text);
  if (lead) {
    approximate = true;
    text = text.slice(lead[0].length);
  }
  const trail = TRAILING_APPROXIMATE.exec(text);
  if (trail) {
    approximate = true;
    text = text.slice(0, text.length - trail[0].length);
  }
  text = text.trim();
  let result: PartialDate | undefined;
  if (format === "yyyymmdd" && /^\d{8}$/.test(text)) {
    result = build(
      Number(text.slice(0, 4)),
      Number(text.slice(4, 6)),
      Number(text.slice(6, 8)),
      approximate,
      lenient,
    );
  } else if (format === "dd/mm/yyyy") {
    const match = /^(?:(?:(\d{1,2})[/.-])?(\d{1,2})[/.-])?(\d{4})$/.exec(text);
    if (match) {
      result = build(Number(match[3]), Number(match[2] ?? 0), Number(match[1] ?? 0), approximate, lenient);
    }
  } else {
    const match = /^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$/.exec(text);
    if (match) {
      result = build(Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0), approximate, lenient);
    } else if (format === "iso" && /^\d{8}$/.test(text)) {
      result = build(
        Number(text.slice(0, 4)),
        Number(text.slice(4, 6)),
        Number(text.slice(6, 8)),
        approximate,
        lenient,
      );
    }
  }
  if (result === undefined) {
    throw new RangeError(
      `"${raw}" is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD, optionally "about YYYY")`,
    );
  }
  return result;
}

/** `1985-03-12`, `1985-03`, `1985`, with `~` in front when approximate. */
export function formatPartialDate(date: PartialDate): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  if (!date.valid) return `${date.year}${pad(date.month)}${pad(date.day)}`;
  const body =
    date.month === 0
      ? String(date.year)
      : date.day === 0
        ? `${date.year}-${pad(date.month)}`
        : `${date.year}-${pad(date.month)}-${pad(date.day)}`;
  return date.approximate ? `~${body}` : body;
}
