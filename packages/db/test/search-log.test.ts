import { fixedClock } from "@athar/core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test-support/databases";
import { Store, searchLog, sites } from "../src";

describeEachDatabase("search log storage", (database) => {
  let store: Store;
  let siteId: string;
  const actor = { id: null, name: "tester" };

  beforeAll(async () => {
    store = await Store.open(database().config, { clock: fixedClock("2026-02-01T10:00:00Z") });
    siteId = (
      await store.write(actor, (w) =>
        sites.createSite(w, { name: "S", description: "", refLat: null, refLon: null }, []),
      )
    ).id;
  });
  afterAll(async () => store?.close());

  const segment = (id: string) => ({
    id: `ev-${id}`,
    at: "2026-02-01T09:00:00Z",
    type: "segment.added",
    segment: { id, kind: "space" },
  });

  it("appends events in order, numbering them per site, and reads them back", async () => {
    const stored = await store.write(actor, (w) =>
      searchLog.appendSearchEvents(w, siteId, [segment("A"), segment("B")]),
    );
    expect(stored.map((s) => s.seq)).toEqual([1, 2]);
    await store.write(actor, (w) => searchLog.appendSearchEvents(w, siteId, [segment("C")]));
    const events = await searchLog.listSearchEvents(store.db, siteId);
    expect(events.map((e) => [e.seq, e.event.id])).toEqual([
      [1, "ev-A"],
      [2, "ev-B"],
      [3, "ev-C"],
    ]);
    expect(events[0]?.recordedAt).toBe("2026-02-01T10:00:00.000Z");
  });

  it("rejects an invalid event or a repeated id and writes nothing of the batch", async () => {
    const before = (await searchLog.listSearchEvents(store.db, siteId)).length;
    await expect(
      store.write(actor, (w) =>
        searchLog.appendSearchEvents(w, siteId, [
          segment("D"),
          { id: "bad", type: "segment.added", at: "x" },
        ]),
      ),
    ).rejects.toMatchObject({ code: "validation_failed" });
    await expect(
      store.write(actor, (w) => searchLog.appendSearchEvents(w, siteId, [segment("E"), segment("A")])),
    ).rejects.toMatchObject({
      code: "conflict",
    });
    expect((await searchLog.listSearchEvents(store.db, siteId)).length).toBe(before);
  });
});
