import { AtharError, approxEqual } from "@athar/core";
import { z } from "zod";
import { SEARCH_ENGINE_VERSION } from "./coverage-report";
import { parseSearchLog } from "./event-parser";
import type { SearchLogEvent } from "./events";
import { foldSearchLog } from "./fold";
import { HEADLINE_FIGURE_NAMES, type HeadlineFigures, headlineFigures } from "./headline";
import { searchLogHash } from "./log-hash";

/**
 * The export a report can be checked against: the event log itself, the hash the report printed and the
 * headline figures it claimed. `verifySearchExport` recomputes both from the log alone.
 *
 * {
 *   "format": "athar.search-export/1",
 *   "engineVersion": "athar-search/1",
 *   "log": [ ...events... ],
 *   "logHash": "sha256:…",        // SHA-256 of the RFC 8785 canonical JSON of "log"
 *   "figures": { "posResponsive": …, "posUnresponsive": …, "posCombined": …, "remainingSearchedSpaces": …,
 *                "remainingUnsearchedSpaces": …, "remainingHypotheses": …, "remainingRow": … }
 * }
 */
export const SEARCH_EXPORT_FORMAT = "athar.search-export/1";

export interface SearchExport {
  format: typeof SEARCH_EXPORT_FORMAT;
  engineVersion: string;
  log: SearchLogEvent[];
  logHash: string;
  figures: HeadlineFigures;
}

/** Figures are compared with this relative tolerance: float rounding may differ between JavaScript engines. */
export const VERIFY_TOLERANCE = 1e-9;

export function exportSearchLog(events: readonly SearchLogEvent[]): SearchExport {
  return {
    format: SEARCH_EXPORT_FORMAT,
    engineVersion: SEARCH_ENGINE_VERSION,
    log: [...events],
    logHash: searchLogHash(events),
    figures: headlineFigures(foldSearchLog(events, { history: false })),
  };
}

export interface FigureCheck {
  figure: keyof HeadlineFigures;
  claimed: number | null;
  recomputed: number;
  matches: boolean;
}

export interface VerificationResult {
  ok: boolean;
  hashMatches: boolean;
  claimedHash: string;
  recomputedHash: string;
  figuresMatch: boolean;
  figures: FigureCheck[];
  engineVersion: { claimed: string; current: string };
}

const exportEnvelope = z.object({
  format: z.literal(SEARCH_EXPORT_FORMAT),
  engineVersion: z.string(),
  log: z.unknown(),
  logHash: z.string(),
  figures: z.record(z.string(), z.unknown()),
});

/**
 * Recomputes the hash of the exported log (over the log exactly as exported) and the headline figures (by
 * folding the validated log), and compares both with what the export claims. A malformed export throws
 * AtharError("validation_failed"); a well-formed one that does not match returns ok: false.
 */
export function verifySearchExport(value: unknown): VerificationResult {
  const envelope = exportEnvelope.safeParse(value);
  if (!envelope.success) {
    throw new AtharError(
      "validation_failed",
      `not a search export (format "${SEARCH_EXPORT_FORMAT}")`,
      envelope.error.issues.map((issue) => ({
        path: issue.path.map(String).join(".") || "(root)",
        message: issue.message,
      })),
    );
  }
  const { log, logHash, figures: claimed, engineVersion } = envelope.data;
  const recomputedHash = searchLogHash(log as readonly unknown[]);
  const events = parseSearchLog(log);
  const recomputed = headlineFigures(foldSearchLog(events, { history: false }));
  const figures = HEADLINE_FIGURE_NAMES.map((figure): FigureCheck => {
    const value = claimed[figure];
    const claimedNumber = typeof value === "number" && Number.isFinite(value) ? value : null;
    return {
      figure,
      claimed: claimedNumber,
      recomputed: recomputed[figure],
      matches: claimedNumber !== null && approxEqual(claimedNumber, recomputed[figure], VERIFY_TOLERANCE),
    };
  });
  const hashMatches = recomputedHash === logHash;
  const figuresMatch = figures.every((check) => check.matches);
  return {
    ok: hashMatches && figuresMatch,
    hashMatches,
    claimedHash: logHash,
    recomputedHash,
    figuresMatch,
    figures,
    engineVersion: { claimed: engineVersion, current: SEARCH_ENGINE_VERSION },
  };
}
