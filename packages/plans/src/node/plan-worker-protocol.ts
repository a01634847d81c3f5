/** Messages between the server and the plan worker thread (plan-worker.ts ⇄ plan-worker-thread.ts). */
import type { ArchiveLimits } from "../imdf/archive";
import type { ImportResult } from "../imdf/import";
import type { PlanDocument } from "../model/plan-document";
import type { RouteAnswers } from "../routes/answers";
import type { RouteOptions } from "../routes/build-graph";
import type { VoidAnalysis } from "../voids/types";

export interface RouteQuestion {
  /** A space id, `outside`, or `candidate:<id>` of a hidden-space candidate. */
  from: string;
  to: string;
  /** Also answer "fastest with at most k breaches" when given. */
  maxBreaches?: number | null;
  options: Partial<RouteOptions>;
}

export interface RouteReply {
  /** False when `from` or `to` is not a place of the route graph (listed in `unknownPlaces`). */
  found: boolean;
  unknownPlaces: string[];
  answers: RouteAnswers | null;
}

/**
 * `key` names a version of a site's plan (the caller's fingerprint of it). The document may be left out when
 * the thread probably holds it; the thread then answers `needDocument` and the caller sends it.
 */
export type PlanJob =
  | { kind: "import"; bytes: Uint8Array; limits?: ArchiveLimits }
  | { kind: "export"; document: PlanDocument; created: string }
  | { kind: "analyse"; key: string; document?: PlanDocument }
  | { kind: "routes"; key: string; document?: PlanDocument; question: RouteQuestion };

export type PlanJobResult =
  | { kind: "import"; result: ImportResult }
  | { kind: "export"; bytes: Uint8Array }
  | { kind: "analyse"; analysis: VoidAnalysis }
  | { kind: "routes"; reply: RouteReply };

export type PlanJobReply =
  | { id: number; ok: true; result: PlanJobResult }
  | { id: number; ok: false; needDocument: true }
  | { id: number; ok: false; error: { name: string; message: string } };
