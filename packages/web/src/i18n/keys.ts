import type { ParseKeys } from "i18next";

/** Any translation key; `t(key)` accepts exactly these. */
export type TranslationKey = ParseKeys<"translation">;
