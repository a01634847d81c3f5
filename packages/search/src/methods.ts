import type { SubjectClass } from "./segment";
import { type UncertainValue, uncertain } from "./uncertain-value";

/**
 * Detection methods as data. No published sweep width exists for indoor, canine or acoustic search (domain
 * primer §4), so every number here is a placeholder with a range, flagged `illustrative: true` until someone
 * calibrates it; the report lists them as assumptions and the sensitivity analysis runs them at min and max.
 *
 * A method's strength is an effective sweep rate in m²/h (sweep width × speed): in a space of area A, one hour
 * gives coverage C = rate / A, and POD = 1 − e^(−C).
 */

/** Methods in one class share blind spots; their cumulative POD is capped per class. */
export type MethodClassId = "scent" | "acoustic" | "visual" | "thermal" | "radar" | "physical";

export interface MethodClass {
  id: MethodClassId;
  name: string;
  /** Highest cumulative POD repeated looks of this class can reach (correlated looks). */
  cap: number;
  reason: string;
}

/** What a method can detect: people of each subject class, and (for hypotheses) the void itself. */
export type DetectionTarget = SubjectClass | "void";

export interface DetectionMethod {
  id: string;
  name: string;
  methodClass: MethodClassId;
  /** Effective sweep rate per target in m²/h; a target without a rate is not detected by this method. */
  sweepRate: Partial<Record<DetectionTarget, UncertainValue>>;
  /** Probability that one search of a segment gives an alert although nobody (or no void) is there. */
  falseAlertRate: UncertainValue;
  source: string;
  illustrative: boolean;
}

const PLACEHOLDER =
  "Placeholder chosen by the Athar developers: no published indoor sweep width or POD exists for this method " +
  "(domain primer §4). Replace with a calibrated value and its source.";

export const METHOD_CLASSES: Readonly<Record<MethodClassId, MethodClass>> = {
  scent: {
    id: "scent",
    name: "Scent (canine)",
    cap: 0.9,
    reason: "Sealed voids and still air hide scent from every dog alike.",
  },
  acoustic: {
    id: "acoustic",
    name: "Acoustic (knock, call-out, listening)",
    cap: 0.85,
    reason:
      "A person who cannot hear or answer is missed by every acoustic look; thick walls damp all of them.",
  },
  visual: {
    id: "visual",
    name: "Visual (eyes, search camera)",
    cap: 0.9,
    reason: "Looks need line of sight; the same hidden corner is missed again.",
  },
  thermal: {
    id: "thermal",
    name: "Thermal imaging",
    cap: 0.8,
    reason: "Walls and insulation block every thermal look alike.",
  },
  radar: {
    id: "radar",
    name: "Ground-penetrating radar",
    cap: 0.9,
    reason: "Rebar and wet concrete mask the same voids on every pass.",
  },
  physical: {
    id: "physical",
    name: "Breach and inspect",
    cap: 0.98,
    reason: "Opening and walking a space misses little, but rubble and false floors remain.",
  },
};

function method(
  id: string,
  name: string,
  methodClass: MethodClassId,
  sweepRate: Partial<Record<DetectionTarget, UncertainValue>>,
  falseAlertRate: UncertainValue,
): DetectionMethod {
  return { id, name, methodClass, sweepRate, falseAlertRate, source: PLACEHOLDER, illustrative: true };
}

const rate = (min: number, likely: number, max: number): UncertainValue =>
  uncertain(min, likely, max, PLACEHOLDER);

/** The default catalogue. Knock and call-out detect responsive people only. */
export const DEFAULT_METHODS: readonly DetectionMethod[] = [
  method(
    "canine",
    "Canine (live-find dog)",
    "scent",
    { responsive: rate(200, 600, 1200), unresponsive: rate(200, 600, 1200) },
    rate(0.03, 0.1, 0.2),
  ),
  method(
    "knock",
    "Acoustic / knock test",
    "acoustic",
    { responsive: rate(150, 400, 800) },
    rate(0.01, 0.05, 0.1),
  ),
  method("call-out", "Call-out", "acoustic", { responsive: rate(300, 800, 1500) }, rate(0.01, 0.05, 0.1)),
  method(
    "visual",
    "Visual search",
    "visual",
    { responsive: rate(100, 300, 600), unresponsive: rate(100, 300, 600) },
    rate(0.005, 0.02, 0.05),
  ),
  method(
    "search-camera",
    "Search camera",
    "visual",
    { responsive: rate(50, 150, 300), unresponsive: rate(50, 150, 300) },
    rate(0.005, 0.02, 0.05),
  ),
  method(
    "thermal",
    "Thermal imaging",
    "thermal",
    { responsive: rate(200, 500, 1000), unresponsive: rate(200, 500, 1000) },
    rate(0.02, 0.05, 0.15),
  ),
  method("gpr", "Ground-penetrating radar", "radar", { void: rate(30, 100, 200) }, rate(0.05, 0.15, 0.3)),
  method(
    "breach-inspect",
    "Breach and inspect",
    "physical",
    { responsive: rate(200, 400, 800), unresponsive: rate(200, 400, 800), void: rate(1000, 2000, 4000) },
    rate(0.001, 0.01, 0.02),
  ),
];

export function detects(method: DetectionMethod, target: DetectionTarget): boolean {
  return method.sweepRate[target] !== undefined;
}
