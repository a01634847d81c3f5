import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deriveCurrentStatus, type PersonStatus, type StatusStatement } from "../src/status";

let counter = 0;
function statement(
  status: PersonStatus,
  statedYear: number | null,
  recordedAt = "2025-01-01T00:00:00.000Z",
): StatusStatement {
  counter++;
  return {
    id: `s${String(counter).padStart(4, "0")}`,
    status,
    source: "witness",
    sourceReference: "",
    statedOn: statedYear === null ? null : { year: statedYear, month: null, day: null, uncertaintyYears: 0 },
    documented: false,
    note: "",
    recordedAt,
    recordedBy: "tester",
  };
}

const arbitraryStatement = fc
  .record({
    status: fc.constantFrom<PersonStatus>("sought", "alive", "deceased", "unknown"),
    year: fc.option(fc.integer({ min: 2011, max: 2025 }), { nil: null }),
    recordedDay: fc.integer({ min: 1, max: 28 }),
  })
  .map(({ status, year, recordedDay }) =>
    statement(status, year, `2025-02-${String(recordedDay).padStart(2, "0")}T00:00:00.000Z`),
  );

describe("current status", () => {
  it("is unknown without statements, and sought when only a family is looking", () => {
    expect(deriveCurrentStatus([])).toEqual({ status: "unknown", statementId: null, conflicting: false });
    const sought = statement("sought", null);
    expect(deriveCurrentStatus([sought])).toMatchObject({ status: "sought", statementId: sought.id });
  });

  it("rests on the newest evidence by date observed, whatever the order of recording", () => {
    const aliveIn2013 = statement("alive", 2013, "2025-03-01T00:00:00.000Z");
    const deadIn2015 = statement("deceased", 2015, "2025-01-01T00:00:00.000Z");
    const result = deriveCurrentStatus([aliveIn2013, deadIn2015]);
    expect(result).toEqual({ status: "deceased", statementId: deadIn2015.id, conflicting: true });
  });

  it("never lets 'sought' override evidence", () => {
    const alive = statement("alive", 2020);
    const laterSought = statement("sought", 2024, "2025-06-01T00:00:00.000Z");
    expect(deriveCurrentStatus([alive, laterSought]).status).toBe("alive");
  });

  it("does not depend on the order of the list when statements tie (found by the property below)", () => {
    const first = statement("sought", null, "2025-02-17T00:00:00.000Z");
    const second = statement("sought", null, "2025-02-17T00:00:00.000Z");
    expect(deriveCurrentStatus([first, second])).toEqual(deriveCurrentStatus([second, first]));
  });

  it("does not depend on the order of the list (property)", () => {
    fc.assert(
      fc.property(fc.array(arbitraryStatement, { maxLength: 8 }), fc.integer(), (statements, seed) => {
        const shuffled = [...statements].sort(
          (a, b) => ((a.id.charCodeAt(4) * seed) % 7) - ((b.id.charCodeAt(4) * seed) % 7),
        );
        expect(deriveCurrentStatus(shuffled)).toEqual(deriveCurrentStatus(statements));
      }),
    );
  });

  it("flags a conflict exactly when both alive and deceased are stated (property)", () => {
    fc.assert(
      fc.property(fc.array(arbitraryStatement, { maxLength: 8 }), (statements) => {
        const result = deriveCurrentStatus(statements);
        const hasAlive = statements.some((s) => s.status === "alive");
        const hasDead = statements.some((s) => s.status === "deceased");
        expect(result.conflicting).toBe(hasAlive && hasDead);
        if (hasAlive || hasDead) expect(["alive", "deceased"]).toContain(result.status);
        // Adding a "sought" statement never changes an evidence-based status.
        if (hasAlive || hasDead) {
          expect(deriveCurrentStatus([...statements, statement("sought", 2030)]).status).toBe(result.status);
        }
      }),
    );
  });
});
