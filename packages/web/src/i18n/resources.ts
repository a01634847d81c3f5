/**
 * All translations. The core files (ar.json, en.json) hold what every page shares; each area of the app
 * (search, tracing, operations) keeps its own pair under areas/<area>/, merged here under the area's name,
 * so that `t("search.report.title")` reads `areas/search/en.json` → `report.title`.
 * scripts/check-i18n.ts checks every pair and that no area name is also a core key.
 */
import ar from "./ar.json";
import operationsAr from "./areas/operations/ar.json";
import operationsEn from "./areas/operations/en.json";
import searchAr from "./areas/search/ar.json";
import searchEn from "./areas/search/en.json";
import tracingAr from "./areas/tracing/ar.json";
import tracingEn from "./areas/tracing/en.json";
import en from "./en.json";

const english = { ...en, search: searchEn, tracing: tracingEn, operations: operationsEn };

/** English is the reference shape: Arabic must have exactly the same keys (checked by check-i18n). */
export type EnglishTranslation = typeof english;

export const RESOURCES = {
  en: english,
  ar: { ...ar, search: searchAr, tracing: tracingAr, operations: operationsAr },
} as const;
