/**
 * A person record as the linkage engine's `syrian-person` preset reads it: one text per column. Where a
 * record has the name in both scripts, the Arabic form is given (the engine compares across scripts, and
 * Arabic keeps distinctions that Latin spellings lose).
 */
import type { NameParts } from "./names";
import { partialDateForLinkage } from "./partial-date";
import type { PersonFields } from "./person";

export const LINKAGE_COLUMNS = [
  "id",
  "given_name",
  "father_name",
  "grandfather_name",
  "family_name",
  "mother_name",
  "sex",
  "birth_date",
  "birth_place",
  "national_id",
] as const;
export type LinkageColumn = (typeof LINKAGE_COLUMNS)[number];

export type LinkageValues = Record<LinkageColumn, string>;

function pick(person: PersonFields, part: keyof NameParts): string {
  return person.name.arabic?.[part] ?? person.name.latin?.[part] ?? "";
}

function motherName(person: PersonFields): string {
  // Both halves from one script, so that a mixed-script pair does not read as one odd name.
  for (const form of [person.name.arabic, person.name.latin]) {
    if (form && (form.motherGiven !== null || form.motherFamily !== null)) {
      return [form.motherGiven, form.motherFamily].filter((p) => p !== null).join(" ");
    }
  }
  return "";
}

export function linkageValuesOf(id: string, person: PersonFields): LinkageValues {
  return {
    id,
    given_name: pick(person, "given"),
    father_name: pick(person, "father"),
    grandfather_name: pick(person, "grandfather"),
    family_name: pick(person, "family"),
    mother_name: motherName(person),
    sex: person.sex === "unknown" ? "" : person.sex,
    birth_date: person.birthDate ? partialDateForLinkage(person.birthDate) : "",
    birth_place: person.birthPlace ?? "",
    national_id: person.nationalId ?? "",
  };
}
