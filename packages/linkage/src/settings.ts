/**
 * Linkage settings: which columns to read, how to compare each, how to block, where the threshold is. One JSON
 * document, validated here, so that a settings file, a preset and the server's stored configuration are the
 * same thing.
 */
import { AtharError } from "@athar/core";
import { z } from "zod";

const fieldName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "a field name is letters, digits and _ (it is used in blocking rules)");

const nameFieldSchema = z.strictObject({
  name: fieldName,
  type: z.literal("name"),
  column: z.string().min(1).optional(),
  /** Other name fields whose values count as a weaker agreement (father ↔ grandfather order). */
  alsoCompareWith: z.array(fieldName).default([]),
  fuzzyHigh: z.number().min(0).max(1).default(0.92),
  fuzzyLow: z.number().min(0).max(1).default(0.84),
});

const textFieldSchema = z.strictObject({
  name: fieldName,
  type: z.literal("text"),
  column: z.string().min(1).optional(),
  fuzzyHigh: z.number().min(0).max(1).default(0.92),
  fuzzyLow: z.number().min(0).max(1).default(0.8),
});

const dateFieldSchema = z.strictObject({
  name: fieldName,
  type: z.literal("date"),
  column: z.string().min(1).optional(),
  format: z.enum(["iso", "yyyymmdd", "dd/mm/yyyy"]).default("iso"),
  /** Keep impossible dates as digits instead of rejecting the file. */
  lenient: z.boolean().default(false),
});

const identifierFieldSchema = z.strictObject({
  name: fieldName,
  type: z.literal("identifier"),
  column: z.string().min(1).optional(),
});

const categoryFieldSchema = z.strictObject({
  name: fieldName,
  type: z.literal("category"),
  column: z.string().min(1).optional(),
  /** Canonical value → spellings that mean it. */
  aliases: z.record(z.string(), z.array(z.string())).default({}),
});

export const fieldSettingsSchema = z.discriminatedUnion("type", [
  nameFieldSchema,
  textFieldSchema,
  dateFieldSchema,
  identifierFieldSchema,
  categoryFieldSchema,
]);

/** `field:key`, e.g. `given_name:skeleton`, `birth_date:year`. */
const blockingKeySchema = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*:[A-Za-z0-9]+$/, "expected field:key");

export const linkageSettingsSchema = z
  .strictObject({
    /** Column that identifies a record in its file. */
    idColumn: z.string().min(1).default("id"),
    /** Trim spaces around unquoted CSV values (FEBRL writes `a, b`). */
    trim: z.boolean().default(true),
    fields: z.array(fieldSettingsSchema).min(1),
    /**
     * Blocking rules: a pair of records is compared when, for at least one rule, they have equal keys for every
     * part of the rule. Several rules, so that one typo cannot hide a match.
     */
    blocking: z.array(z.array(blockingKeySchema).min(1)).min(1),
    /** Default match-probability threshold for links and clusters. */
    threshold: z.number().gt(0).lt(1).default(0.5),
    /**
     * Prior probability that two records drawn at random are the same person. Estimated from the data when
     * absent.
     */
    prior: z.number().gt(0).lt(1).optional(),
    /**
     * Siblings share father, grandfather, family and mother: when the distinguishing field disagrees
     * outright and at least `minShared` of the shared fields agree, the pair's probability is capped.
     */
    siblingGuard: z
      .strictObject({
        /** Fields that tell siblings apart (given name, birth date); one disagreeing outright is a sibling sign. */
        distinguishing: z.array(fieldName).min(1),
        shared: z.array(fieldName).min(1),
        minShared: z.number().int().min(1).default(2),
        /**
         * When the shared fields agree, at least one of these proofs must hold, or the pair is capped: a
         * proof is a list of fields that must all give evidence for the match (`national_id`), or agree
         * strongly when written `field:strong` (same spelling or same dictionary name). A record that says
         * only whose child someone is cannot tell siblings apart; nor can a given name that merely looks
         * like the other one, unless the birth date agrees too.
         */
        proofs: z.array(z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*(?::strong)?$/)).min(1)).default([]),
        maxProbability: z.number().gt(0).lt(1).default(0.1),
      })
      .optional(),
    /**
     * Groups of fields that agree together among different people (father, grandfather, family and
     * mother's names: siblings share them all). Their joint agreement is weighed by its counted frequency
     * instead of the product of the fields' frequencies (correlation.ts).
     */
    correlatedGroups: z
      .array(
        z.strictObject({
          fields: z.array(fieldName).min(2).max(8),
          /**
           * No correction when any of these agrees: siblings share their parents' names but never a given
           * name, so people who agree on the given name and on the parents' names are not siblings, and the
           * parents' names are then about as independent as the model assumes.
           */
          unlessAgreeing: z.array(fieldName).default([]),
        }),
      )
      .default([]),
    /**
     * Fields on which two records of one person never disagree outright (a national ID number): a pair that
     * does is capped at `conflictMaxProbability`, and a chain of links cannot put such records in one cluster.
     */
    strongIdentifiers: z.array(fieldName).default([]),
    conflictMaxProbability: z.number().gt(0).lt(1).default(0.05),
    training: z
      .strictObject({
        seed: z.number().int().default(20_251_126),
        randomPairs: z.number().int().min(1000).default(300_000),
        maxPairsPerRule: z.number().int().min(1000).default(100_000),
        maxUnionPairs: z.number().int().min(1000).default(1_000_000),
        maxIterations: z.number().int().min(1).max(1000).default(40),
      })
      .prefault({}),
    /** Blocks larger than this are skipped (and reported): a rule that coarse is a mistake, not a plan. */
    maxBlockSize: z.number().int().min(2).default(20_000),
  })
  .superRefine((settings, context) => {
    const names = new Map(settings.fields.map((field, index) => [field.name, { field, index }]));
    if (names.size !== settings.fields.length) {
      context.addIssue({ code: "custom", path: ["fields"], message: "field names must be unique" });
    }
    settings.blocking.forEach((rule, ruleIndex) => {
      rule.forEach((part, partIndex) => {
        const [name] = part.split(":");
        if (!names.has(name ?? "")) {
          context.addIssue({
            code: "custom",
            path: ["blocking", ruleIndex, partIndex],
            message: `no field named "${name}"`,
          });
        }
      });
    });
    settings.fields.forEach((field, index) => {
      if (field.type !== "name") return;
      field.alsoCompareWith.forEach((other, otherIndex) => {
        const target = names.get(other);
        if (target === undefined || target.field.type !== "name") {
          context.addIssue({
            code: "custom",
            path: ["fields", index, "alsoCompareWith", otherIndex],
            message: `"${other}" is not a name field`,
          });
        }
      });
    });
    const guard = settings.siblingGuard;
    if (guard) {
      for (const name of [
        ...guard.distinguishing,
        ...guard.shared,
        ...guard.proofs.flat().map((p) => p.split(":")[0] ?? ""),
      ]) {
        if (!names.has(name)) {
          context.addIssue({ code: "custom", path: ["siblingGuard"], message: `no field named "${name}"` });
        }
      }
    }
    settings.correlatedGroups.forEach((group, groupIndex) => {
      [...group.fields, ...group.unlessAgreeing].forEach((name, index) => {
        if (!names.has(name)) {
          context.addIssue({
            code: "custom",
            path: ["correlatedGroups", groupIndex, index < group.fields.length ? "fields" : "unlessAgreeing"],
            message: `no field named "${name}"`,
          });
        }
      });
    });
    if (settings.fields.length > 16) {
      context.addIssue({ code: "custom", path: ["fields"], message: "at most 16 fields can be compared" });
    }
    settings.strongIdentifiers.forEach((name, index) => {
      if (!names.has(name)) {
        context.addIssue({
          code: "custom",
          path: ["strongIdentifiers", index],
          message: `no field named "${name}"`,
        });
      }
    });
  });

export type LinkageSettings = z.infer<typeof linkageSettingsSchema>;
export type LinkageSettingsInput = z.input<typeof linkageSettingsSchema>;
export type FieldSettings = z.infer<typeof fieldSettingsSchema>;

/** Validates settings; throws AtharError("validation_failed") with one detail per problem (path and message). */
export function parseLinkageSettings(input: unknown, source = "settings"): LinkageSettings {
  const result = linkageSettingsSchema.safeParse(input);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => ({
    path: issue.path.length > 0 ? issue.path.join(".") : "(root)",
    message: issue.message,
  }));
  throw new AtharError(
    "validation_failed",
    `${source}: invalid linkage settings (${details.map((d) => `${d.path}: ${d.message}`).join("; ")})`,
    details,
  );
}

/** The CSV column a field reads. */
export const columnOf = (field: FieldSettings): string => field.column ?? field.name;
