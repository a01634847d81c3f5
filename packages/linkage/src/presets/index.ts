import type { LinkageSettingsInput } from "../settings";
import { syrianPersonSettings } from "./syrian-person";

/** Built-in settings by name (`athar link --config syrian-person`). */
export const PRESETS: Readonly<Record<string, LinkageSettingsInput>> = {
  "syrian-person": syrianPersonSettings,
};

export const DEFAULT_PRESET = "syrian-person";

export { SYRIAN_PERSON_COLUMNS, syrianPersonSettings } from "./syrian-person";
