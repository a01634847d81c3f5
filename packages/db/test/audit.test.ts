import { fixedClock } from "@athar/core";
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test-support/databases";
import { Store, SYSTEM_ACTOR, sites, verifyAuditChain } from "../src";

describeEachDatabase("audit chain", (database) => {
  let store: Store;

  beforeAll(async () => {
    store = await Store.open(database().config, { clock: fixedClock("2026-01-01T00:00:00Z") });
    for (let i = 0; i < 5; i++) {
      await store.write({ id: null, name: "tester" }, (w) =>
        sites.createSite(w, { name: `Site ${i}`, description: "", refLat: null, refLon: null }, []),
      );
    }
  });
  afterAll(async () => {
    await store.close();
  });

  it("verifies an untouched chain", async () => {
    const result = await verifyAuditChain(store.db);
    expect(result).toMatchObject({ ok: true, entries: 5, problem: null });
  });

  it("catches an altered entry and names it", async () => {
    await sql`update audit_log set after_json = ${'{"name":"forged"}'} where seq = 3`.execute(store.db);
    const result = await verifyAuditChain(store.db);
    expect(result.ok).toBe(false);
    expect(result.problem).toEqual({ kind: "altered", seq: 3 });
  });

  it("catches an entry rewritten with a fresh hash (the next entry no longer chains to it)", async () => {
    // Restore entry 3 exactly as it was by re-deriving it would need the original; instead forge a
    // consistent-looking entry 3: recompute its hash over the forged content.
    const { auditHashInput, sha256Hex } = await import("../src/audit");
    const row = await store.db
      .selectFrom("audit_log")
      .selectAll()
      .where("seq", "=", 3)
      .executeTakeFirstOrThrow();
    const { hash: _old, ...content } = row;
    const forgedHash = sha256Hex(auditHashInput(content));
    await sql`update audit_log set hash = ${forgedHash} where seq = 3`.execute(store.db);
    const result = await verifyAuditChain(store.db);
    expect(result.problem).toEqual({ kind: "reordered", seq: 4 });
  });

  it("catches a removed entry", async () => {
    await sql`delete from audit_log where seq = 2`.execute(store.db);
    const result = await verifyAuditChain(store.db);
    expect(result.problem).toEqual({ kind: "missing", expectedSeq: 2, foundSeq: 3 });
  });

  it("keeps appending under concurrent writers without breaking the chain", async () => {
    const fresh = await Store.open({ ...database().config }, { clock: fixedClock("2026-01-01T00:00:00Z") });
    try {
      // Repair the table first: this test is about concurrency, so start from a chain that verifies.
      await sql`delete from audit_log`.execute(fresh.db);
      await sql`update audit_head set seq = 0, hash = ${"0".repeat(64)}`.execute(fresh.db);
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          fresh.write(SYSTEM_ACTOR, (w) =>
            sites.createSite(w, { name: `Parallel ${i}`, description: "", refLat: null, refLon: null }, []),
          ),
        ),
      );
      const result = await verifyAuditChain(fresh.db);
      expect(result).toMatchObject({ ok: true, entries: 20 });
    } finally {
      await fresh.close();
    }
  });
});
