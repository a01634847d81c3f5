/**
 * Syrian name structure (domain primer, section 6): given name, father's name, grandfather's name, family
 * name, and the mother's given and family name, which official papers carry and which tell people apart.
 * A record may hold the name in Arabic script, in Latin script, or both (a register in Arabic, a foreign
 * NGO's list in Latin). Alternate names, a kunya (`Abu Khaled`) or a nickname may be all a witness knows.
 */
import { hasArabicScript } from "@athar/core";
import { z } from "zod";

export const NAME_PARTS = [
  "given",
  "father",
  "grandfather",
  "family",
  "motherGiven",
  "motherFamily",
] as const;
export type NamePart = (typeof NAME_PARTS)[number];

const HAS_LATIN_LETTER = /\p{Script=Latin}/u;
const namePart = z.string().trim().min(1).max(100).nullable().default(null);

const namePartsShape = {
  given: namePart,
  father: namePart,
  grandfather: namePart,
  family: namePart,
  motherGiven: namePart,
  motherFamily: namePart,
};

/** One script's rendering of the name; every part may be unknown. */
export const namePartsSchema = z.strictObject(namePartsShape);
export type NameParts = z.infer<typeof namePartsSchema>;

function scriptChecked(script: "arabic" | "latin") {
  return namePartsSchema.superRefine((parts, context) => {
    for (const part of NAME_PARTS) {
      const value = parts[part];
      if (value === null) continue;
      const wrong =
        script === "arabic"
          ? !hasArabicScript(value) || HAS_LATIN_LETTER.test(value)
          : hasArabicScript(value);
      if (wrong) {
        context.addIssue({
          code: "custom",
          path: [part],
          message:
            script === "arabic"
              ? "the Arabic form takes Arabic script only"
              : "the Latin form takes no Arabic script",
        });
      }
    }
  });
}

export const personNameSchema = z.strictObject({
  arabic: scriptChecked("arabic").nullable().default(null),
  latin: scriptChecked("latin").nullable().default(null),
});
export type PersonName = z.infer<typeof personNameSchema>;

export const OTHER_NAME_KINDS = ["alternate", "kunya", "nickname"] as const;
export type OtherNameKind = (typeof OTHER_NAME_KINDS)[number];

export const otherNameSchema = z.strictObject({
  kind: z.enum(OTHER_NAME_KINDS),
  text: z.string().trim().min(1).max(200),
});
export type OtherName = z.infer<typeof otherNameSchema>;

export const EMPTY_NAME_PARTS: NameParts = {
  given: null,
  father: null,
  grandfather: null,
  family: null,
  motherGiven: null,
  motherFamily: null,
};

export const hasAnyPart = (parts: NameParts | null): boolean =>
  parts !== null && NAME_PARTS.some((part) => parts[part] !== null);

/** Given, father, grandfather and family name in that order: how the name is read aloud and written. */
export function fullNameOf(parts: NameParts): string {
  return [parts.given, parts.father, parts.grandfather, parts.family].filter((p) => p !== null).join(" ");
}

export function motherNameOf(parts: NameParts): string {
  return [parts.motherGiven, parts.motherFamily].filter((p) => p !== null).join(" ");
}

/** The name to show in lists: Arabic when known, else Latin, else the first other name, else "". */
export function displayNameOf(name: PersonName, otherNames: readonly OtherName[] = []): string {
  const arabic = name.arabic ? fullNameOf(name.arabic) : "";
  if (arabic) return arabic;
  const latin = name.latin ? fullNameOf(name.latin) : "";
  if (latin) return latin;
  return otherNames[0]?.text ?? "";
}

/**
 * Puts a value into the right script's form: a CSV column `given_name` may hold `محمد` on one row and
 * `Mohammad` on the next.
 */
export function placeNamePart(name: PersonName, part: NamePart, value: string): PersonName {
  const trimmed = value.trim();
  if (trimmed === "") return name;
  const script = hasArabicScript(trimmed) ? "arabic" : "latin";
  const current = name[script] ?? EMPTY_NAME_PARTS;
  return { ...name, [script]: { ...current, [part]: trimmed } };
}
