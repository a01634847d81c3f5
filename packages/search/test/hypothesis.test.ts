import { approxEqual } from "@athar/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SearchLogEvent } from "../src/events";
import { foldSearchLog } from "../src/fold";
import { existenceProbability, hypothesisPrior, updateWithExistenceEvidence } from "../src/hypothesis";
import { METHOD_CLASSES } from "../src/methods";
import { uncertain } from "../src/uncertain-value";
import { LogBuilder, podEffort } from "./log-builder";

type Action =
  | { kind: "person-search"; seg: number; method: "canine" | "knock"; pod: number; alert: boolean }
  | { kind: "void-search"; hyp: number; pod: number; found: boolean }
  | { kind: "existence"; hyp: number; l1: number; l0: number; absent: boolean }
  | { kind: "person-evidence"; seg: number; l1: number; l0: number }
  | { kind: "resolve"; hyp: number; exists: boolean };

const SEGMENTS = ["S1", "S2", "H1", "H2"];
const HYPOTHESES = ["H1", "H2"];
const CAPS = {
  canine: METHOD_CLASSES.scent.cap,
  knock: METHOD_CLASSES.acoustic.cap,
  gpr: METHOD_CLASSES.radar.cap,
};
const FALSE_ALERT = { canine: 0.1, knock: 0.05, gpr: 0.15 };

const probability = fc.double({ min: 0.05, max: 0.95, noNaN: true });
const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({
    kind: fc.constant("person-search" as const),
    seg: fc.integer({ min: 0, max: 3 }),
    method: fc.constantFrom("canine" as const, "knock" as const),
    pod: probability,
    alert: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant("void-search" as const),
    hyp: fc.integer({ min: 0, max: 1 }),
    pod: probability,
    found: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant("existence" as const),
    hyp: fc.integer({ min: 0, max: 1 }),
    l1: probability,
    l0: probability,
    absent: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant("person-evidence" as const),
    seg: fc.integer({ min: 0, max: 3 }),
    l1: probability,
    l0: probability,
  }),
  fc.record({
    kind: fc.constant("resolve" as const),
    hyp: fc.integer({ min: 0, max: 1 }),
    exists: fc.boolean(),
  }),
);

const point = (v: number) => uncertain(v, v, v, "test", false);

/**
 * Enumerates every joint state (location, subject class, existence of H1, existence of H2) with the model's
 * prior and multiplies in each observation's likelihood: the definition of the model with nothing clever.
 */
function bruteForce(weights: number[], pExists: number[], actions: Action[]) {
  const rowShare = 0.1;
  const pResponsive = 0.5;
  const total = weights.reduce((a, b) => a + b, 0);
  const w = weights.map((x) => (x / total) * (1 - rowShare));
  const base = [...w, rowShare];
  const pi0: number[] = [];
  HYPOTHESES.forEach((_, h) => {
    const i = 2 + h;
    base[i] = w[i]! * pExists[h]!;
    base[4] = base[4]! + w[i]! * (1 - pExists[h]!);
    pi0.push((pExists[h]! - base[i]!) / (1 - base[i]!));
  });
  // Aggregate searches per (segment, class, method class) and voids per hypothesis, as the model defines them.
  const coverage = new Map<string, number>();
  const add = (key: string, c: number) => coverage.set(key, (coverage.get(key) ?? 0) + c);
  for (const a of actions) {
    if (a.kind === "person-search" && !a.alert) {
      add(`${a.seg}:r:${a.method}`, -Math.log1p(-a.pod));
      if (a.method === "canine") add(`${a.seg}:u:${a.method}`, -Math.log1p(-a.pod));
    }
    if (a.kind === "void-search" && !a.found) add(`v${a.hyp}`, -Math.log1p(-a.pod));
  }
  let zBefore = 0;
  let zAfter = 0;
  const location = new Array<number>(5).fill(0);
  const exists = [0, 0];
  const classes = [0, 0];
  for (let L = 0; L < 5; L++) {
    for (let c = 0; c < 2; c++) {
      for (let e1 = 0; e1 < 2; e1++) {
        for (let e2 = 0; e2 < 2; e2++) {
          const E = [e1, e2];
          let p = base[L]! * (c === 0 ? pResponsive : 1 - pResponsive);
          E.forEach((e, h) => {
            const pe = L === 2 + h ? 1 : pi0[h]!;
            p *= e ? pe : 1 - pe;
          });
          if (p === 0) continue;
          let evidence = 1;
          let search = 1;
          for (const a of actions) {
            if (a.kind === "person-search" && a.alert) {
              const detects = a.method === "canine" || c === 0;
              evidence *= L === a.seg && detects ? a.pod : FALSE_ALERT[a.method];
            }
            if (a.kind === "void-search" && a.found) evidence *= E[a.hyp] ? a.pod : FALSE_ALERT.gpr;
            if (a.kind === "existence") {
              const [t, f] = a.absent ? [a.l0, a.l1] : [a.l1, a.l0];
              evidence *= E[a.hyp] ? t : f;
            }
            if (a.kind === "person-evidence") evidence *= L === a.seg ? a.l1 : a.l0;
          }
          for (const a of actions)
            if (a.kind === "resolve" && firstResolution(actions, a.hyp) === a)
              evidence *= E[a.hyp] === (a.exists ? 1 : 0) ? 1 : 0;
          if (L < 4) {
            for (const m of ["canine", "knock"] as const) {
              const cov = coverage.get(`${L}:${c === 0 ? "r" : "u"}:${m}`);
              if (cov !== undefined) search *= Math.max(1 - CAPS[m], Math.exp(-cov));
            }
          }
          // Void searches observe the space, not the person: evidence, not part of the POS.
          E.forEach((e, h) => {
            const cov = coverage.get(`v${h}`);
            if (e && cov !== undefined) evidence *= Math.max(1 - CAPS.gpr, Math.exp(-cov));
          });
          const before = p * evidence;
          const after = before * search;
          zBefore += before;
          zAfter += after;
          location[L] = location[L]! + after;
          exists[0] = exists[0]! + (e1 ? after : 0);
          exists[1] = exists[1]! + (e2 ? after : 0);
          classes[c] = classes[c]! + after;
        }
      }
    }
  }
  return {
    poa: location.map((x) => x / zAfter),
    pExists: exists.map((x) => x / zAfter),
    responsive: classes[0]! / zAfter,
    pos: 1 - zAfter / zBefore,
  };
}

function firstResolution(actions: Action[], hyp: number): Action | undefined {
  return actions.find((a) => a.kind === "resolve" && a.hyp === hyp);
}

function buildLog(weights: number[], pExists: number[], actions: Action[]): SearchLogEvent[] {
  const log = new LogBuilder()
    .segment("S1", { weight: weights[0]! })
    .segment("S2", { weight: weights[1]! })
    .hypothesis("H1", pExists[0]!, { weight: weights[2]! })
    .hypothesis("H2", pExists[1]!, { weight: weights[3]! });
  actions.forEach((a, i) => {
    switch (a.kind) {
      case "person-search":
        log.search(SEGMENTS[a.seg]!, a.method, podEffort(a.pod), a.alert ? "alert" : "nothing_found");
        break;
      case "void-search":
        log.search(HYPOTHESES[a.hyp]!, "gpr", podEffort(a.pod), "nothing_found", {
          void: a.found ? "found" : "not_found",
        });
        break;
      case "existence":
        log.evidence({
          id: `x${i}`,
          target: { segmentId: HYPOTHESES[a.hyp]!, about: "existence" },
          assertion: a.absent ? "absent" : "present",
          likelihood: { l1: point(a.l1), l0: point(a.l0) },
        });
        break;
      case "person-evidence":
        log.evidence({
          id: `p${i}`,
          target: { segmentId: SEGMENTS[a.seg]!, about: "subjects" },
          likelihood: { l1: point(a.l1), l0: point(a.l0) },
        });
        break;
      case "resolve":
        if (firstResolution(actions, a.hyp) === a) {
          log.push({
            type: "hypothesis.resolved",
            segmentId: HYPOTHESES[a.hyp]!,
            exists: a.exists,
            reason: "test",
          } as Omit<SearchLogEvent, "id" | "at">);
        }
        break;
    }
  });
  return log.events;
}

describe("hypothesis segments against brute-force enumeration of the joint distribution", () => {
  it("gives the same POA, P(exists), class posterior and POS for any sequence of observations", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.1, max: 5, noNaN: true }), { minLength: 4, maxLength: 4 }),
        // pExists of (almost) 1 then resolved absent conditions on an event of probability ~1e-16: the enumeration
        // loses all digits there, so the check stays below certainty.
        fc.array(fc.double({ min: 0.05, max: 0.99, noNaN: true }), { minLength: 2, maxLength: 2 }),
        fc.array(action, { maxLength: 10 }),
        (weights, pExists, actions) => {
          const expected = bruteForce(weights, pExists, actions);
          const state = foldSearchLog(buildLog(weights, pExists, actions));
          const ids = [...SEGMENTS, "ROW"];
          ids.forEach((id, i) => {
            const segment = state.segments.find((s) => s.segment.id === id)!;
            expect(segment.poa).toBeCloseTo(expected.poa[i]!, 9);
          });
          HYPOTHESES.forEach((id, h) => {
            expect(state.segments.find((s) => s.segment.id === id)!.pExists).toBeCloseTo(
              expected.pExists[h]!,
              9,
            );
          });
          expect(state.classPosterior.responsive).toBeCloseTo(expected.responsive, 9);
          expect(state.pos.combined).toBeCloseTo(expected.pos, 9);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("hypothesis helpers", () => {
  it("keeps P(exists) consistent with the prior", () => {
    const prior = hypothesisPrior(0.3, 0.4);
    expect(prior.poa).toBeCloseTo(0.12, 12);
    expect(prior.toRow).toBeCloseTo(0.18, 12);
    expect(existenceProbability(prior.poa, prior.pExistsIfNotThere)).toBeCloseTo(0.4, 12);
  });

  it("updates P(exists) by the odds form when the space is searched for and not found", () => {
    const prior = hypothesisPrior(0.3, 0.4);
    const poa = [0.5, prior.poa, 0.5 - prior.poa];
    const { poa: after, pExistsIfNotThere } = updateWithExistenceEvidence(
      poa,
      1,
      prior.pExistsIfNotThere,
      0.2,
      1,
    );
    // P(exists) after a radar pass with void POD 0.8 that saw nothing: 0.4·0.2 / (0.4·0.2 + 0.6) = 0.117647.
    expect(existenceProbability(after[1]!, pExistsIfNotThere)).toBeCloseTo(0.08 / 0.68, 12);
    expect(
      approxEqual(
        after.reduce((a, b) => a + b, 0),
        1,
      ),
    ).toBe(true);
  });
});
