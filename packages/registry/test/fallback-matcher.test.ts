import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  FALLBACK_LEVELS,
  fallbackExplanation,
  type NameComparer,
  unguardedProbability,
} from "../src/fallback-matcher";
import type { LinkageValues } from "../src/linkage-record";

/** A stand-in for the engine's name keys: equal text, equal ignoring case, equal consonants. */
const compare: NameComparer = (a, b) => {
  if (a === b) return "exact";
  if (a.toLowerCase() === b.toLowerCase()) return "same_name";
  const consonants = (s: string) => s.toLowerCase().replace(/[aeiou]/g, "");
  return consonants(a) === consonants(b) ? "skeleton" : "differ";
};

const record = (values: Partial<LinkageValues>): LinkageValues => ({
  id: "x",
  given_name: "",
  father_name: "",
  grandfather_name: "",
  family_name: "",
  mother_name: "",
  sex: "",
  birth_date: "",
  birth_place: "",
  national_id: "",
  ...values,
});

const ahmad = record({
  given_name: "Ahmad",
  father_name: "Khalid",
  grandfather_name: "Omar",
  family_name: "Haddad",
  mother_name: "Huda Saleh",
  sex: "male",
  birth_date: "1985-03-12",
});

describe("fallback matcher", () => {
  it("puts a full agreement far above any threshold, and explains it in bits per field", () => {
    const e = fallbackExplanation(ahmad, { ...ahmad, id: "y", birth_date: "about 1985" }, compare);
    expect(e.probability).toBeGreaterThan(0.999);
    expect(e.guard).toBeNull();
    const given = e.fields.find((f) => f.field === "given_name");
    expect(given?.bits).toBeCloseTo(Math.log2(0.75 / 0.01), 12);
    // The weight is the sum of the fields' bits, and the probability follows from it and the prior.
    expect(e.matchWeight).toBeCloseTo(
      e.fields.reduce((s, f) => s + f.bits, 0),
      12,
    );
    expect(e.probability).toBeCloseTo(1 / (1 + 2 ** -(e.priorBits + e.matchWeight)), 12);
  });

  it("agrees on a two-word name whose words agree one by one, at the weakest word's level", () => {
    const level = (a: string, b: string) =>
      fallbackExplanation(record({ mother_name: a }), record({ mother_name: b }), compare).fields[0]?.level;
    expect(level("Huda Saleh", "huda saleh")).toBe("same_name"); // the whole comparison
    expect(level("Huda Saleh", "HUDA Slh")).toBe("skeleton"); // word by word: same name, same consonants
    expect(level("Huda Saleh", "huda Salih")).toBe("skeleton");
    expect(level("Huda Saleh", "huda Kareem")).toBe("differ");
    expect(level("Huda", "huda Saleh")).toBe("partial");
    expect(level("Huda", "Maryam")).toBe("differ");
  });

  it("leaves a given and family name alone near the middle: a reviewer must look", () => {
    const e = fallbackExplanation(
      record({ given_name: "Ahmad", family_name: "Haddad" }),
      record({ given_name: "Ahmad", family_name: "Haddad" }),
      compare,
    );
    expect(e.probability).toBeGreaterThan(0.2);
    expect(e.probability).toBeLessThan(0.6);
  });

  it("holds siblings down: same parents, different given name and birth date", () => {
    const brother = { ...ahmad, id: "b", given_name: "Yusuf", birth_date: "1988-07-01" };
    const e = fallbackExplanation(ahmad, brother, compare);
    expect(unguardedProbability(e)).toBeGreaterThan(0.5); // without the guard, the parentage would carry it
    expect(e.probability).toBeLessThanOrEqual(0.1);
    expect(e.guard).toMatch(/siblings/);
    // The same national ID proves identity over the guard.
    const proved = fallbackExplanation(
      { ...ahmad, national_id: "123" },
      { ...brother, national_id: "123" },
      compare,
    );
    expect(proved.guard).toBeNull();
  });

  it("never lowers the probability when a field's agreement improves (property)", () => {
    const names = ["Ahmad", "ahmad", "Ahmed", "Yusuf", ""];
    fc.assert(
      fc.property(
        fc.constantFrom(...names),
        fc.constantFrom(...names),
        fc.constantFrom(...names),
        (given, family, other) => {
          const left = record({ given_name: "Ahmad", family_name: "Haddad", father_name: "Khalid" });
          const right = record({
            given_name: given,
            family_name: family === "" ? "" : "Haddad",
            father_name: other === "" ? "" : other,
          });
          const worse = fallbackExplanation(left, right, compare);
          const better = fallbackExplanation(left, { ...right, given_name: "Ahmad" }, compare);
          expect(unguardedProbability(better)).toBeGreaterThanOrEqual(unguardedProbability(worse) - 1e-12);
        },
      ),
    );
    // And the level table itself is ordered: stronger agreement, more bits.
    const bits = (l: { m: number; u: number }) => Math.log2(l.m / l.u);
    const n = FALLBACK_LEVELS.name;
    expect(bits(n.exact)).toBeGreaterThan(bits(n.same_name));
    expect(bits(n.same_name)).toBeGreaterThan(bits(n.skeleton));
    expect(bits(n.skeleton)).toBeGreaterThan(0);
    expect(bits(n.differ)).toBeLessThan(0);
  });
});
