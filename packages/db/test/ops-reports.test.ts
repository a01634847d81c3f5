/**
 * Field reports at the storage layer, on both databases: twins racing on one idempotency key store one
 * report, a suspected space searched by radar moves its probability of existing, and the effort split.
 */
import { fixedClock } from "@athar/core";
import { foldSearchLog } from "@athar/search";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test-support/databases";
import { assignments, fieldReports, Store, searchLog, sites, teams } from "../src";
import type { FieldReportInput } from "../src/repositories/field-reports";

const square = (x: number, y: number, size: number): [number, number][] => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
];

const input = (key: string, over: Partial<FieldReportInput> = {}): FieldReportInput => ({
  idempotencyKey: key,
  outcome: "nothing_found",
  effortMinutes: 20,
  startedAt: null,
  endedAt: null,
  conditions: "",
  segmentId: null,
  people: null,
  barrier: null,
  hazards: [],
  asr: [],
  notSearched: [],
  voids: {},
  effortBySegment: null,
  triage: null,
  noFurtherWork: false,
  notes: "",
  ...over,
});

describeEachDatabase("field reports in storage", (database) => {
  let store: Store;
  let siteId: string;
  let cellId: string;
  const actor = { id: null, name: "tester" };
  const coordinator = { id: "00000000-0000-4000-8000-0000000000c0", roles: ["coordinator"] };

  beforeAll(async () => {
    store = await Store.open(database().config, { clock: fixedClock("2026-02-01T10:00:00Z"), poolSize: 12 });
    await store.write(actor, async (w) => {
      siteId = (await sites.createSite(w, { name: "S", description: "", refLat: null, refLon: null }, [])).id;
      const building = await sites.createBuilding(w, { siteId, name: "B", footprint: null });
      const level = await sites.createLevel(w, {
        buildingId: building.id,
        name: "L0",
        ordinal: 0,
        status: "known",
      });
      cellId = (
        await sites.createSpace(w, {
          levelId: level.id,
          name: "Cell",
          kind: "cell",
          status: "known",
          polygon: square(0, 0, 5),
          notes: "",
        })
      ).id;
      // A suspected void that the search-evidence side put into the log as a hypothesis.
      await searchLog.appendSearchEvents(w, siteId, [
        {
          id: "hyp-added",
          at: "2026-02-01T09:00:00Z",
          type: "segment.added",
          segment: {
            id: "hyp-B3",
            kind: "hypothesis",
            label: "Basement 3",
            areaM2: 120,
            pExists: 0.4,
            weight: 2,
          },
        },
      ]);
    });
  });
  afterAll(async () => store?.close());

  const teamWith = (callSign: string, capabilities: ("canine" | "gpr")[]) =>
    store.write(actor, (w) =>
      teams.createTeam(w, siteId, {
        callSign,
        name: "",
        organisation: "",
        capabilities,
        members: [],
        leaderUserId: null,
        availability: "available",
        workLimitMinutes: 720,
        shiftStartedAt: null,
        notes: "",
      }),
    );

  it("stores one report when twins race on the same idempotency key", async () => {
    const team = await teamWith("RACE-01", ["canine"]);
    const assignment = await store.write(actor, (w) =>
      assignments.createAssignment(
        w,
        siteId,
        {
          title: "",
          teamId: team.id,
          methodId: "canine",
          segmentIds: [cellId],
          plannedMinutes: 20,
          asrTarget: 3,
          safetyNotes: "",
          notes: "",
        },
        { assign: true },
      ),
    );
    const body = input("race-key-0001");
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        fieldReports.submitReport(store, actor, { assignmentId: assignment.id, siteId }, body, coordinator),
      ),
    );
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(new Set(results.map((r) => r.report.id)).size).toBe(1);
    const rows = await store.db
      .selectFrom("field_reports")
      .select("id")
      .where("idempotency_key", "=", body.idempotencyKey)
      .execute();
    expect(rows).toHaveLength(1);
    const events = await searchLog.listSearchEvents(store.db, siteId);
    expect(
      events.filter((e) => e.event.type === "search.completed" && e.event.id.includes(rows[0]!.id)),
    ).toHaveLength(1);
  });

  it("needs a void answer for a suspected space searched by radar, and a void not found lowers its chance of existing", async () => {
    const team = await teamWith("GPR-01", ["gpr"]);
    const assignment = await store.write(actor, (w) =>
      assignments.createAssignment(
        w,
        siteId,
        {
          title: "",
          teamId: team.id,
          methodId: "gpr",
          segmentIds: ["hyp-B3"],
          plannedMinutes: 60,
          asrTarget: 2,
          safetyNotes: "",
          notes: "",
        },
        { assign: true },
      ),
    );
    expect(assignment.segments[0]).toMatchObject({ kind: "hypothesis", areaM2: 120 });
    await expect(
      fieldReports.submitReport(
        store,
        actor,
        { assignmentId: assignment.id, siteId },
        input("gpr-key-0001"),
        coordinator,
      ),
    ).rejects.toMatchObject({
      code: "validation_failed",
    });
    const pExists = async () =>
      foldSearchLog((await searchLog.listSearchEvents(store.db, siteId)).map((e) => e.event)).segments.find(
        (s) => s.segment.id === "hyp-B3",
      )?.pExists ?? Number.NaN;
    const before = await pExists();
    const result = await fieldReports.submitReport(
      store,
      actor,
      { assignmentId: assignment.id, siteId },
      input("gpr-key-0002", { voids: { "hyp-B3": "not_found" } }),
      coordinator,
    );
    expect(result.report.counted).toBe(true);
    expect(await pExists()).toBeLessThan(before);
  });
});

describe("effort split over an assignment's segments", () => {
  it("adds up to the reported effort, keeps given minutes and gives the rest in proportion to area", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.5, max: 500, noNaN: true }), { minLength: 1, maxLength: 8 }),
        fc.double({ min: 0, max: 600, noNaN: true }),
        fc.nat(),
        (areas, total, pick) => {
          const segments = areas.map((areaM2, i) => ({ segmentId: `s${i}`, areaM2 }));
          const fixedId = `s${pick % areas.length}`;
          const fixed = Math.min(total, 10);
          const split = fieldReports.splitEffort(total, segments, { [fixedId]: fixed });
          const sum = [...split.values()].reduce((a, b) => a + b, 0);
          expect(split.get(fixedId)).toBe(fixed);
          const rest = segments.filter((s) => s.segmentId !== fixedId);
          // With every segment's minutes given, the rest of the time was not spent searching any of them.
          expect(sum).toBeCloseTo(rest.length > 0 ? total : fixed, 6);
          for (const a of rest)
            for (const b of rest) {
              // Equal coverage: minutes per square metre are the same in every segment without given minutes.
              expect((split.get(a.segmentId) ?? 0) / a.areaM2).toBeCloseTo(
                (split.get(b.segmentId) ?? 0) / b.areaM2,
                9,
              );
            }
        },
      ),
    );
  });
});
