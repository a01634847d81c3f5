// Typed translation keys: `t("no.such.key")` is a compile error. English is the reference shape;
// scripts/check-i18n.ts makes sure Arabic has exactly the same keys.
import "i18next";
import type { EnglishTranslation } from "./resources";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: EnglishTranslation };
  }
}
