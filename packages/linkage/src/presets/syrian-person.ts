/**
 * The built-in settings for Syrian person records (domain primer, section 6): given, father's, grandfather's
 * and family name; mother's name; sex; birth date (full, year-month, year, or `about YYYY`); birthplace;
 * national ID number. Every column but `id` may be absent; names may be in Arabic or Latin script.
 */
import type { LinkageSettingsInput } from "../settings";

export const SYRIAN_PERSON_COLUMNS = [
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

export const syrianPersonSettings: LinkageSettingsInput = {
  idColumn: "id",
  trim: true,
  fields: [
    { name: "given_name", type: "name" },
    // Registers mix up or skip a generation: the father's name may stand where the grandfather's should.
    { name: "father_name", type: "name", alsoCompareWith: ["grandfather_name"] },
    { name: "grandfather_name", type: "name", alsoCompareWith: ["father_name"] },
    { name: "family_name", type: "name" },
    { name: "mother_name", type: "name" },
    {
      name: "sex",
      type: "category",
      aliases: {
        m: ["male", "man", "boy", "h", "homme", "ذكر", "رجل", "ذ"],
        f: ["female", "woman", "girl", "femme", "أنثى", "انثى", "امرأة", "ا"],
      },
    },
    { name: "birth_date", type: "date", format: "iso" },
    { name: "birth_place", type: "text" },
    { name: "national_id", type: "identifier" },
  ],
  // Every field appears in some rule and is absent from others, so a typo in any one field leaves the
  // pair in at least one block, and EM can estimate every field's m from the rules that leave it out.
  blocking: [
    ["given_name:skeleton", "family_name:skeleton", "father_name:skeleton"],
    ["given_name:skeleton", "family_name:skeleton", "birth_date:year"],
    ["given_name:skeleton", "father_name:skeleton", "birth_date:year"],
    ["father_name:skeleton", "family_name:skeleton", "birth_date:year"],
    ["given_name:skeleton", "father_name:skeleton", "mother_name:head"],
    ["given_name:skeleton", "family_name:skeleton", "mother_name:head"],
    ["given_name:skeleton", "father_name:skeleton", "grandfather_name:skeleton"],
    ["given_name:skeleton", "family_name:skeleton", "grandfather_name:skeleton"],
    ["given_name:skeleton", "family_name:skeleton", "birth_place:normalized"],
    ["given_name:skeleton", "birth_date:full"],
    ["family_name:skeleton", "birth_date:full"],
    ["national_id:exact"],
  ],
  threshold: 0.5,
  siblingGuard: {
    distinguishing: ["given_name", "birth_date"],
    shared: ["father_name", "grandfather_name", "family_name", "mother_name"],
    minShared: 1,
    proofs: [["given_name:strong"], ["given_name", "birth_date"], ["national_id"]],
    maxProbability: 0.1,
  },
  // Siblings agree on all four parents' fields at once, cousins on grandfather and family name: their joint
  // agreement is weighed by how often it happens, not as four independent coincidences. Not when the given
  // names agree: siblings never share one.
  correlatedGroups: [
    {
      fields: ["father_name", "grandfather_name", "family_name", "mother_name"],
      unlessAgreeing: ["given_name"],
    },
  ],
  strongIdentifiers: ["national_id"],
};
