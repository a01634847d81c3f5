/**
 * Languages. Arabic first (the default), English second. This module is the ONE place that sets `lang` and
 * `dir` on <html>: everything else follows from them (CSS logical properties, the browser's bidi handling).
 */
import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import { RESOURCES } from "./resources";

export const LANGUAGES = ["ar", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "ar";

const DIRECTION: Record<Language, "rtl" | "ltr"> = { ar: "rtl", en: "ltr" };
const STORAGE_KEY = "athar.language";

export const isLanguage = (value: unknown): value is Language =>
  typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);

function rememberedLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE; // storage disabled (private mode, policy): fall back to the default
  }
}

function applyToDocument(language: Language): void {
  const html = document.documentElement;
  html.lang = language;
  html.dir = DIRECTION[language];
  document.title = i18next.t("app.title");
}

export function currentLanguage(): Language {
  return isLanguage(i18next.language) ? i18next.language : DEFAULT_LANGUAGE;
}

export async function initI18n(): Promise<void> {
  await i18next.use(initReactI18next).init({
    resources: { ar: { translation: RESOURCES.ar }, en: { translation: RESOURCES.en } },
    lng: rememberedLanguage(),
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false }, // React escapes
    initAsync: false,
  });
  applyToDocument(currentLanguage());
  i18next.on("languageChanged", (language) => {
    if (isLanguage(language)) applyToDocument(language);
  });
}

export function setLanguage(language: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // not remembered, but still switched
  }
  void i18next.changeLanguage(language);
}
