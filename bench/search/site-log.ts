/**
 * A synthetic search log for a large site (seeded): `spaces` spaces on 10 levels, 20 hypotheses (hidden cells
 * and a suspected lower level), three planners' estimates, about 1.2 searches per space with every method,
 * 5 % alerts, radar passes over the hypotheses, and 400 graded claims (social-media reposts in echo groups,
 * testimony, official statements, some refuted). Only synthetic data.
 */
import { seededRandom } from "../../packages/core/src";
import type { EvidenceKind, SearchLogEvent } from "../../packages/search/src";

export function largeSiteLog(spaces = 5000, seed = 11): SearchLogEvent[] {
  const random = seededRandom(seed);
  const events: SearchLogEvent[] = [];
  let clock = Date.UTC(2024, 11, 9, 6, 0, 0);
  let counter = 0;
  const base = () => {
    counter++;
    clock += 20_000;
    return { id: `e${counter}`, at: new Date(clock).toISOString(), actor: `team-${random.int(1, 12)}` };
  };
  const ids: string[] = [];
  const areas = new Map<string, number>();
  for (let s = 0; s < spaces; s++) {
    const id = `space-${s}`;
    const area = 5 + 195 * random.next();
    ids.push(id);
    areas.set(id, area);
    events.push({
      ...base(),
      type: "segment.added",
      segment: { id, kind: "space", siteId: "site-1", levelId: `L${s % 10}`, areaM2: area },
    });
  }
  const hypotheses: string[] = [];
  for (let h = 0; h < 20; h++) {
    const id = `hypothesis-${h}`;
    hypotheses.push(id);
    events.push({
      ...base(),
      type: "segment.added",
      segment: {
        id,
        kind: "hypothesis",
        siteId: "site-1",
        levelId: h === 0 ? "L-hidden" : `L${h % 10}`,
        areaM2: h === 0 ? 4000 : 20 + 100 * random.next(),
        pExists: 0.05 + 0.45 * random.next(),
        reachable: random.next() > 0.3,
      },
    });
  }
  for (let p = 0; p < 3; p++) {
    const weights: Record<string, number> = { ROW: 5 + 10 * random.next() };
    for (const id of [...ids, ...hypotheses])
      weights[id] = random.next() < 0.1 ? 0 : random.next() * (id.startsWith("hypothesis") ? 20 : 1);
    events.push({ ...base(), type: "planner.estimate.recorded", plannerId: `planner-${p}`, weights });
  }
  const methods = ["visual", "knock", "canine", "thermal", "search-camera", "call-out", "breach-inspect"];
  for (let k = 0; k < Math.round(spaces * 1.2); k++) {
    const segmentId = ids[random.int(0, ids.length - 1)]!;
    const b = base();
    events.push({
      ...b,
      type: "search.completed",
      search: {
        id: `search-${k}`,
        segmentId,
        methodId: methods[random.int(0, methods.length - 1)]!,
        effort: { hours: 0.05 + 0.5 * random.next() },
        outcome: random.next() < 0.05 ? "alert" : "nothing_found",
        teamId: b.actor,
      },
    });
  }
  hypotheses.forEach((segmentId, h) => {
    events.push({
      ...base(),
      type: "search.completed",
      search: {
        id: `radar-${h}`,
        segmentId,
        methodId: "gpr",
        effort: { hours: 0.5 + random.next() },
        outcome: "nothing_found",
        void: h % 7 === 0 ? "found" : "not_found",
      },
    });
  });
  const kinds: EvidenceKind[] = ["social_media", "testimony", "official_statement", "cctv", "document"];
  for (let e = 0; e < 400; e++) {
    const kind = kinds[random.int(0, kinds.length - 1)]!;
    const aboutHypothesis = random.next() < 0.4;
    const segmentId = aboutHypothesis
      ? hypotheses[random.int(0, hypotheses.length - 1)]!
      : ids[random.int(0, ids.length - 1)]!;
    const echo = kind === "social_media" && e > 10 && random.next() < 0.5;
    events.push({
      ...base(),
      type: "evidence.recorded",
      evidence: {
        id: `claim-${e}`,
        kind,
        target: { segmentId, about: aboutHypothesis ? "existence" : "subjects" },
        reportedBy: `source-${random.int(1, 80)}`,
        reportedThrough: echo ? [`channel-${random.int(1, 5)}`] : [],
        ...(echo ? { originRef: `post-${random.int(1, 30)}` } : {}),
        grade:
          kind === "social_media"
            ? { reliability: "F", credibility: 3 }
            : { reliability: "B", credibility: 2 },
        status: random.next() < 0.1 ? "refuted" : random.next() < 0.2 ? "corroborated" : "unverified",
        assertion: random.next() < 0.85 ? "present" : "absent",
      },
    });
  }
  return events;
}
