/**
 * The plan engine on a worker thread: IMDF import and export, hidden-space analysis and route questions, off
 * the server's event loop (the analysis of a 10,000-space site costs about a second of CPU). The thread keeps
 * the last few site documents it was sent, by the key the caller gives them (a fingerprint of the site model),
 * with their analysis and route graphs, so repeated questions about an unchanged site are answered at once.
 */
import { parentPort } from "node:worker_threads";
import { type ArchiveLimits, DEFAULT_ARCHIVE_LIMITS } from "../imdf/archive";
import { exportImdfZip } from "../imdf/export";
import { importImdfZip } from "../imdf/import";
import type { PlanDocument } from "../model/plan-document";
import { answerRoutes } from "../routes/answers";
import { buildRouteGraph, type RouteOptions } from "../routes/build-graph";
import { addCandidateTargets } from "../routes/candidate-targets";
import type { RouteGraph } from "../routes/graph";
import { analyseVoids } from "../voids/analyse";
import type { VoidAnalysis } from "../voids/types";
import type { PlanJob, PlanJobReply, PlanJobResult, RouteQuestion, RouteReply } from "./plan-worker-protocol";

/** Documents kept per thread; a site being worked on stays, others are dropped oldest first. */
const CACHED_DOCUMENTS = 4;

interface CachedSite {
  document: PlanDocument;
  analysis: VoidAnalysis | null;
  /** Route graphs by the options they were built with (keys, power, tool …), candidates added as targets. */
  graphs: Map<string, RouteGraph>;
}

const sites = new Map<string, CachedSite>();

function remember(key: string, document: PlanDocument): CachedSite {
  const site: CachedSite = { document, analysis: null, graphs: new Map() };
  sites.delete(key);
  sites.set(key, site);
  while (sites.size > CACHED_DOCUMENTS) {
    const oldest = sites.keys().next().value;
    if (oldest === undefined) break;
    sites.delete(oldest);
  }
  return site;
}

/** The cached site, refreshed as most recently used; null when the caller must send the document. */
function siteFor(key: string, document: PlanDocument | undefined): CachedSite | null {
  const cached = sites.get(key);
  if (cached) {
    sites.delete(key);
    sites.set(key, cached);
    return cached;
  }
  return document ? remember(key, document) : null;
}

const analysisOf = (site: CachedSite): VoidAnalysis => {
  site.analysis ??= analyseVoids(site.document);
  return site.analysis;
};

const GRAPHS_PER_SITE = 6;

function graphFor(site: CachedSite, options: Partial<RouteOptions>): RouteGraph {
  const key = JSON.stringify(Object.entries(options).sort(([a], [b]) => a.localeCompare(b)));
  let graph = site.graphs.get(key);
  if (!graph) {
    const built = buildRouteGraph(site.document, options);
    addCandidateTargets(built.context, analysisOf(site).candidates);
    graph = built.graph;
    if (site.graphs.size >= GRAPHS_PER_SITE) site.graphs.clear();
    site.graphs.set(key, graph);
  }
  return graph;
}

function answer(site: CachedSite, question: RouteQuestion): RouteReply {
  const graph = graphFor(site, question.options);
  const unknown = [question.from, question.to].filter((id) => !graph.has(id));
  if (unknown.length > 0) return { found: false, unknownPlaces: unknown, answers: null };
  return {
    found: true,
    unknownPlaces: [],
    answers: answerRoutes(graph, question.from, question.to, question.maxBreaches ?? undefined),
  };
}

function run(job: PlanJob): PlanJobResult | "need_document" {
  switch (job.kind) {
    case "import": {
      const limits: ArchiveLimits = job.limits ?? DEFAULT_ARCHIVE_LIMITS;
      return { kind: "import", result: importImdfZip(job.bytes, limits) };
    }
    case "export":
      return { kind: "export", bytes: exportImdfZip(job.document, { created: job.created }) };
    case "analyse": {
      const site = siteFor(job.key, job.document);
      return site ? { kind: "analyse", analysis: analysisOf(site) } : "need_document";
    }
    case "routes": {
      const site = siteFor(job.key, job.document);
      return site ? { kind: "routes", reply: answer(site, job.question) } : "need_document";
    }
  }
}

const port = parentPort;
if (port === null) throw new Error("plan-worker-thread must run in a worker thread");
port.on("message", (message: { id: number; job: PlanJob }) => {
  let reply: PlanJobReply;
  try {
    const result = run(message.job);
    reply =
      result === "need_document"
        ? { id: message.id, ok: false, needDocument: true }
        : { id: message.id, ok: true, result };
  } catch (error) {
    reply = {
      id: message.id,
      ok: false,
      error: {
        name: error instanceof Error ? error.name : "Error",
        message: error instanceof Error ? error.message : String(error),
      },
    };
  }
  const transfer =
    reply.ok && reply.result.kind === "export" ? [reply.result.bytes.buffer as ArrayBuffer] : [];
  port.postMessage(reply, transfer);
});
port.postMessage({ ready: true });
