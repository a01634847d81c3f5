/**
 * A little synthetic search history for the demo, so that the heat map and the coverage report are not
 * flat: every space joins the search log, a few graded claims (one an echo of another, one about whether the
 * rumoured third basement exists, one saying nobody is on the ground floor's wing C), a corrected prior for
 * the rumoured basement, and some searches that found nothing (visual on the ground floor, knock tests in
 * the first basement's stores, a dog in the second basement's corridor). All sources are pseudonyms; none of
 * it is real. Events are spread over the eight hours before the seed, so the POS has a history to draw.
 */
import { AtharError } from "@athar/core";
import { opsSegments, searchEvidence, type WriteContext } from "@athar/db";
import type { EvidenceRecord, SearchLogEvent } from "@athar/search";

const HOUR = 3_600_000;

export async function seedDemoSearch(w: WriteContext, siteId: string): Promise<void> {
  const model = await opsSegments.readSiteModel(w.trx, siteId);
  const knowledge = await opsSegments.readLogKnowledge(w.trx, siteId);
  const spaces = [...model.spaces.values()];
  const find = (levelOrdinal: number, name: string) => {
    const space = spaces.find((s) => s.levelOrdinal === levelOrdinal && s.name === name);
    if (!space) throw new AtharError("not_found", `demo space ${name} on level ${levelOrdinal} is missing`);
    return space;
  };
  const start = w.now.getTime() - 8 * HOUR;
  let step = 0;
  const next = (minutes: number) => {
    step += minutes;
    return new Date(start + step * 60_000).toISOString();
  };
  const events: SearchLogEvent[] = [];
  let n = 0;
  const id = (kind: string) => `demo-search:${kind}:${++n}`;

  // Every space of the model, before anything else happens.
  const at0 = next(0);
  for (const space of spaces) {
    if (knowledge.segments.has(space.id)) continue;
    const segment = opsSegments.segmentForSpace(siteId, space, model.reach.reachable.has(space.id));
    if (segment)
      events.push({ id: opsSegments.segmentAddedEventId(space.id), at: at0, type: "segment.added", segment });
  }

  const claim = (
    record: Omit<EvidenceRecord, "reportedThrough" | "status" | "assertion"> & Partial<EvidenceRecord>,
  ) => {
    events.push({
      id: id("evidence"),
      at: next(25),
      type: "evidence.recorded",
      evidence: { reportedThrough: [], status: "unverified", assertion: "present", ...record },
    });
  };
  const search = (spaceId: string, methodId: string, hours: number) => {
    events.push({
      id: id("search"),
      at: next(10),
      type: "search.completed",
      search: {
        id: id("demo"),
        segmentId: spaceId,
        methodId,
        effort: { hours },
        outcome: "nothing_found",
        notes: "Synthetic demo search",
      },
    });
  };

  const solitary = find(-2, "A-3");
  const suspected = spaces.find((s) => s.status === "suspected");
  claim({
    id: "demo-claim-1",
    kind: "testimony",
    target: { segmentId: solitary.id, about: "subjects" },
    observedAt: new Date(start - 30 * HOUR).toISOString(),
    reportedBy: "witness-01",
    reportedThrough: ["lawyer-02"],
    grade: { reliability: "B", credibility: 2 },
    summary: "A former detainee heard voices from the solitary cells of the second basement (synthetic).",
  });
  claim({
    id: "demo-claim-2",
    kind: "social_media",
    target: { segmentId: solitary.id, about: "subjects" },
    reportedBy: "witness-01",
    reportedThrough: ["lawyer-02", "channel-x"],
    echoOf: "demo-claim-1",
    grade: { reliability: "F", credibility: 3 },
    summary: "A repost of the same account (synthetic).",
  });
  if (suspected) {
    claim({
      id: "demo-claim-3",
      kind: "testimony",
      target: { segmentId: suspected.id, about: "existence" },
      reportedBy: "guard-07",
      grade: { reliability: "C", credibility: 3 },
      summary: "A former guard says the stairs of wing A went further down before 2015 (synthetic).",
    });
    events.push({
      id: id("prior"),
      at: next(15),
      type: "segment.changed",
      segmentId: suspected.id,
      changes: { pExists: 0.35 },
      reason: "Demo: the building permit shows two basements only (synthetic).",
    });
  }
  claim({
    id: "demo-claim-4",
    kind: "official_statement",
    target: { segmentId: find(0, "C-5").id, about: "subjects" },
    reportedBy: "ministry-statement-3",
    grade: { reliability: "E", credibility: 4 },
    assertion: "absent",
    summary: "An official statement says wing C was emptied (synthetic).",
  });

  // Searches that found nothing.
  for (let i = 1; i <= 12; i++) search(find(0, `C-${i}`).id, "visual", 0.08);
  for (let i = 2; i <= 9; i++) search(find(-1, `A-${i} store`).id, "knock", 0.06);
  search(find(-2, "A corridor").id, "canine", 0.3);

  await searchEvidence.appendCheckedSearchEvents(w, siteId, () => events, { sync: false });
}
