/**
 * Numbers and dates per language, through Intl. Arabic uses Latin digits and the Gregorian calendar
 * (docs/decisions/web-digits.md): the data people type and read out — cell numbers, coordinates, ids — is
 * in Latin digits, and one digit system on a screen is easier to check under stress than two.
 */
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { isLanguage, type Language } from "./index";

const LOCALE: Record<Language, string> = { ar: "ar-u-ca-gregory-nu-latn", en: "en-GB-u-ca-gregory" };

export interface Formatters {
  locale: string;
  number(value: number, maximumFractionDigits?: number): string;
  /** A signed level ordinal: +2, 0, −1. */
  ordinal(value: number): string;
  dateTime(iso: string): string;
  date(iso: string): string;
}

export function formattersFor(language: Language): Formatters {
  const locale = LOCALE[language];
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "medium" });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium" });
  const numbers = new Map<number, Intl.NumberFormat>();
  const numberFormat = (digits: number): Intl.NumberFormat => {
    let format = numbers.get(digits);
    if (!format) {
      format = new Intl.NumberFormat(locale, { maximumFractionDigits: digits });
      numbers.set(digits, format);
    }
    return format;
  };
  const safe = (format: Intl.DateTimeFormat, iso: string): string => {
    const time = Date.parse(iso);
    return Number.isNaN(time) ? iso : format.format(time);
  };
  return {
    locale,
    number: (value, maximumFractionDigits = 2) => numberFormat(maximumFractionDigits).format(value),
    // Sign and digits written out: Intl adds bidi marks around a signed number in Arabic, which then
    // reads "2+" inside a left-to-right badge. U+2212 is the true minus sign.
    ordinal: (value) =>
      `${value > 0 ? "+" : value < 0 ? "\u2212" : ""}${numberFormat(0).format(Math.abs(value))}`,
    dateTime: (iso) => safe(dateTime, iso),
    date: (iso) => safe(date, iso),
  };
}

export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  const language: Language = isLanguage(i18n.language) ? i18n.language : "ar";
  return useMemo(() => formattersFor(language), [language]);
}
