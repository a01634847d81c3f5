import fs from "node:fs";
import { AtharError, fixedClock } from "@athar/core";
import { allNotes, type PersonCreate, parsePfif, personCreateSchema } from "@athar/registry";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test-support/databases";
import { listAudit, matches, persons, Store, tracingExchange, verifyAuditChain } from "../src";

const officer = { id: null, name: "officer-1" };
const reviewer = { id: null, name: "reviewer-2" };
const PFIF_TEST = fs.readFileSync(
  new URL("../../../test-data/pfif/test.pfif-1.4.xml", import.meta.url),
  "utf8",
);

const record = (input: Record<string, unknown>): PersonCreate =>
  personCreateSchema.parse({ source: { kind: "document", reference: "Register A" }, ...input });

async function expectAthar(promise: Promise<unknown>, code: string): Promise<AtharError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AtharError);
    expect((error as AtharError).code).toBe(code);
    return error as AtharError;
  }
  throw new Error(`expected ${code}`);
}

describeEachDatabase("tracing registry storage", (database) => {
  let store: Store;
  const clock = fixedClock("2026-02-01T08:00:00Z");

  beforeAll(async () => {
    store = await Store.open(database().config, { clock });
  });
  afterAll(async () => store?.close());

  describe("person records", () => {
    it("creates, updates with a version check, adds status statements, and audits each change", async () => {
      const created = await store.write(officer, (w) =>
        persons.createPerson(
          w,
          record({
            name: { arabic: { given: "سامي", father: "خالد", family: "حداد" } },
            restricted: { reporter: { name: "Informant Name", phone: "+963 1" } },
            statuses: [{ status: "sought", source: "family" }],
          }),
        ),
      );
      expect(created).toMatchObject({ version: 1, clusterId: created.id, displayName: "سامي خالد حداد" });
      expect(created.currentStatus.status).toBe("sought");

      clock.advance(60_000);
      const { statuses: _s, ...fields } = record({
        name: { arabic: { given: "سامي", father: "خالد", family: "الحداد" } },
      });
      const updated = await store.write(officer, (w) => persons.updatePerson(w, created.id, fields, 1));
      expect(updated.version).toBe(2);
      expect(updated.name.arabic?.family).toBe("الحداد");
      // A second editor who started from version 1 is told, not silently overwritten.
      await expectAthar(
        store.write(officer, (w) => persons.updatePerson(w, created.id, fields, 1)),
        "conflict",
      );

      const withStatus = await store.write(officer, (w) =>
        persons.addStatusStatement(w, created.id, {
          status: "alive",
          source: "team_observation",
          sourceReference: "gate desk 2",
          statedOn: { year: 2026, month: 1, day: 30, uncertaintyYears: 0 },
          documented: false,
          note: "",
        }),
      );
      expect(withStatus.currentStatus).toMatchObject({ status: "alive", conflicting: false });
      expect((await persons.getPerson(store.db, created.id)).statuses.map((s) => s.status)).toEqual([
        "sought",
        "alive",
      ]);

      const trail = await listAudit(store.db, { entityType: "person", entityId: created.id, limit: 10 });
      expect(trail.map((e) => e.action)).toEqual(["person.status_add", "person.update", "person.create"]);
      const updateEntry = trail[1];
      expect(updateEntry?.before).toMatchObject({ name: { arabic: { family: "حداد" } } });
      expect(updateEntry?.after).toMatchObject({ name: { arabic: { family: "الحداد" } } });
      // Restricted details are in the trail only as a hash.
      expect(JSON.stringify(trail)).not.toContain("Informant Name");
      expect((trail[2]?.after as { restricted: unknown } | undefined)?.restricted).toMatchObject({
        redacted: true,
        sha256: expect.any(String),
      });
      expect((await verifyAuditChain(store.db)).ok).toBe(true);
    });

    it("finds records by name across scripts and spellings, by national ID and by prisoner number", async () => {
      const ids = await store.write(officer, async (w) => [
        (
          await persons.createPerson(
            w,
            record({
              name: { arabic: { given: "عبد الرحمن", father: "محمد", family: "الحلبي" } },
              nationalId: "01010101010",
            }),
          )
        ).id,
        (
          await persons.createPerson(
            w,
            record({
              name: { latin: { given: "Mhd", father: "Yusuf", family: "Halabi" } },
              detention: { prisonerNumber: "B-4471" },
            }),
          )
        ).id,
        (await persons.createPerson(w, record({ name: { latin: { given: "Omar", family: "Khatib" } } }))).id,
      ]);
      const search = (q: Partial<persons.PersonSearch>) =>
        persons.searchPersons(store.db, { limit: 20, offset: 0, ...q });
      const found = async (q: Partial<persons.PersonSearch>) =>
        (await search(q)).hits.map((h) => h.person.id);

      expect(await found({ q: "Abdulrahman al-Halabi" })).toEqual([ids[0]]);
      expect(await found({ q: "عبدالرحمن" })).toEqual([ids[0]]);
      // `Mhd` is Mohammad: the dictionary name joins the abbreviation, the Latin and the Arabic spelling.
      expect(await found({ q: "محمد الحلبي" })).toEqual(expect.arrayContaining([ids[1]]));
      expect(await found({ q: "Mohammed Halabi" })).toEqual(expect.arrayContaining([ids[1]]));
      expect(await found({ q: "halabi" })).toEqual(expect.arrayContaining([ids[0], ids[1]]));
      expect(await found({ q: "Khatib Halabi" })).toEqual([]);
      expect(await found({ nationalId: "010 101 010 10" })).toEqual([ids[0]]);
      expect(await found({ prisonerNumber: "b4471" })).toEqual([ids[1]]);
      // Exact spellings rank above skeleton-only agreement.
      const ranked = await search({ q: "Halabi" });
      expect(ranked.hits.every((h) => h.rank > 0)).toBe(true);
    });

    it("refuses to delete the sought person of an inquiry, and deletes a lone record with an audit entry", async () => {
      const lone = await store.write(officer, (w) =>
        persons.createPerson(w, record({ description: "entered by mistake" })),
      );
      await store.write(officer, (w) => persons.deletePerson(w, lone.id, "duplicate entry"));
      await expectAthar(persons.getPerson(store.db, lone.id), "not_found");
      const trail = await listAudit(store.db, { entityId: lone.id, limit: 5 });
      expect(trail[0]).toMatchObject({ action: "person.delete", after: { reason: "duplicate entry" } });
    });
  });

  describe("matching, review, merge and unmerge", () => {
    it("proposes, accepts into one cluster, undoes the merge, and keeps both in the audit trail", async () => {
      const [a, b, sibling] = await store.write(officer, async (w) => [
        await persons.createPerson(
          w,
          record({
            name: {
              arabic: {
                given: "يوسف",
                father: "أحمد",
                grandfather: "عمر",
                family: "الخطيب",
                motherGiven: "هدى",
                motherFamily: "صالح",
              },
            },
            sex: "male",
            birthDate: { year: 1984, month: 5, day: 2 },
          }),
        ),
        await persons.createPerson(
          w,
          record({
            source: { kind: "freed_at_gate", reference: "gate desk 1" },
            name: {
              latin: {
                given: "Yousef",
                father: "Ahmad",
                grandfather: "Omar",
                family: "Al-Khatib",
                motherGiven: "Huda",
                motherFamily: "Saleh",
              },
            },
            sex: "male",
            birthDate: { year: 1984, uncertaintyYears: 2 },
          }),
        ),
        await persons.createPerson(
          w,
          record({
            name: {
              arabic: {
                given: "بلال",
                father: "أحمد",
                grandfather: "عمر",
                family: "الخطيب",
                motherGiven: "هدى",
                motherFamily: "صالح",
              },
            },
            sex: "male",
            birthDate: { year: 1990, month: 11, day: 20 },
          }),
        ),
      ]);
      if (!a || !b || !sibling) throw new Error("setup");
      const report = await store.write(officer, (w) => matches.proposeForPerson(w, a.id));
      expect(report.engine).toBe("fallback");
      const queue = await matches.listCandidates(store.db, {
        states: ["open"],
        personId: a.id,
        limit: 10,
        offset: 0,
      });
      const pair = queue.candidates.find((c) => [c.leftPersonId, c.rightPersonId].includes(b.id));
      const siblings = queue.candidates.find((c) => [c.leftPersonId, c.rightPersonId].includes(sibling.id));
      expect(pair?.probability).toBeGreaterThan(0.9);
      expect(pair?.explanation.fields.find((f) => f.field === "given_name")?.level).toBe("same_name");
      // The brother is flagged, held below the threshold, and cannot be accepted without an override.
      expect(siblings).toMatchObject({ guarded: true });
      expect(siblings?.probability).toBeLessThanOrEqual(0.1);
      await expectAthar(
        store.write(reviewer, (w) =>
          matches.decideCandidate(w, siblings?.id as string, {
            decision: "accept",
            reason: "looks alike",
            overrideSiblingWarning: false,
          }),
        ),
        "validation_failed",
      );
      await store.write(reviewer, (w) =>
        matches.decideCandidate(w, siblings?.id as string, {
          decision: "reject",
          reason: "brothers: different given names and birth dates",
          overrideSiblingWarning: false,
        }),
      );

      const { merge } = await store.write(reviewer, (w) =>
        matches.decideCandidate(w, pair?.id as string, {
          decision: "accept",
          reason: "same parents, same year, gate photo",
          overrideSiblingWarning: false,
        }),
      );
      expect(merge).not.toBeNull();
      if (!merge) throw new Error("no merge");
      // Records created in one write are equally old: the lower id's cluster survives.
      expect(merge.targetClusterId).toBe([a.id, b.id].sort()[0]);
      const cluster = await persons.getCluster(store.db, merge.targetClusterId);
      expect(cluster.map((p) => p.id).sort()).toEqual([a.id, b.id].sort());
      expect((await persons.getPerson(store.db, sibling.id)).clusterId).toBe(sibling.id);

      // Undo: both records get their own cluster back, and the pair returns to the queue.
      await store.write(reviewer, (w) =>
        matches.undoMerge(w, merge.id, "the gate photo was of someone else"),
      );
      expect((await persons.getPerson(store.db, b.id)).clusterId).toBe(b.id);
      expect((await persons.getPerson(store.db, a.id)).clusterId).toBe(a.id);
      expect((await matches.getCandidate(store.db, pair?.id as string)).state).toBe("open");
      await expectAthar(
        store.write(reviewer, (w) => matches.undoMerge(w, merge.id, "again")),
        "invalid_state_transition",
      );

      const trail = await listAudit(store.db, { entityType: "merge", entityId: merge.id, limit: 5 });
      expect(trail.map((e) => e.action)).toEqual(["cluster.unmerge", "cluster.merge"]);
      expect(trail[1]?.after).toMatchObject({
        cluster: merge.targetClusterId,
        members: expect.arrayContaining([a.id, b.id]),
      });
      expect(trail[0]?.after).toMatchObject({ clusters: { [a.id]: [a.id], [b.id]: [b.id] } });
      expect((await verifyAuditChain(store.db)).ok).toBe(true);

      // A rejected pair is not proposed again while neither record changes.
      await store.write(officer, (w) => matches.proposeForPerson(w, a.id));
      expect((await matches.getCandidate(store.db, siblings?.id as string)).state).toBe("rejected");
    });

    it("refuses to merge records with different national IDs, and to undo a merge a later one built on", async () => {
      const [x, y, z] = await store.write(officer, async (w) => [
        await persons.createPerson(
          w,
          record({ name: { latin: { given: "Rami", family: "Nassar" } }, nationalId: "11111111111" }),
        ),
        await persons.createPerson(
          w,
          record({ name: { latin: { given: "Rami", family: "Nassar" } }, nationalId: "22222222222" }),
        ),
        await persons.createPerson(w, record({ name: { latin: { given: "Rami", family: "Nassar" } } })),
      ]);
      if (!x || !y || !z) throw new Error("setup");
      await expectAthar(
        store.write(reviewer, (w) =>
          matches.mergeClusters(w, x.clusterId, y.clusterId, { candidateId: null, reason: "t" }),
        ),
        "conflict",
      );
      const first = await store.write(reviewer, (w) =>
        matches.mergeClusters(w, x.clusterId, z.clusterId, { candidateId: null, reason: "same" }),
      );
      const other = await store.write(officer, (w) =>
        persons.createPerson(w, record({ name: { latin: { given: "Rami", family: "Nassar" } } })),
      );
      // The cluster of x and z then moves into other's cluster: undoing the first merge must wait.
      const second = await store.write(reviewer, (w) =>
        matches.mergeClusters(w, other.id, first.targetClusterId, {
          candidateId: null,
          reason: "same",
          preferTarget: other.id,
        }),
      );
      expect(second.targetClusterId).toBe(other.id);
      await expectAthar(
        store.write(reviewer, (w) => matches.undoMerge(w, first.id, "wrong")),
        "conflict",
      );
      await store.write(reviewer, (w) => matches.undoMerge(w, second.id, "wrong"));
      await store.write(reviewer, (w) => matches.undoMerge(w, first.id, "wrong"));
      expect((await persons.getPerson(store.db, z.id)).clusterId).toBe(z.id);
    });
  });

  describe("exchange", () => {
    it("imports a CSV register all-or-nothing, naming the row and field of each error", async () => {
      const source = {
        kind: "document" as const,
        reference: "Register C-7",
        collectedOn: null,
        siteId: null,
        documentRef: null,
        external: null,
        note: "",
      };
      const before = await store.db
        .selectFrom("persons")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      const bad = "no,name,born\n1,Karim,1970\n2,Walid,1970-13\n3,,\n";
      const error = await expectAthar(
        store.write(officer, (w) =>
          tracingExchange.importCsv(w, {
            content: bad,
            source,
            delimiter: ",",
            mapping: { no: "external_id", name: "given_name", born: "birth_date" },
          }),
        ),
        "import_invalid",
      );
      expect(error.details?.map((d) => d.path)).toEqual([
        'row 2 (line 3), column "born", field birth_date',
        "row 3 (line 4), field name",
      ]);
      const after = await store.db
        .selectFrom("persons")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));

      const good = "no,name,born\n1,Karim,1970\n2,وليد,حوالي 1971\n";
      const mapping = {
        no: "external_id" as const,
        name: "given_name" as const,
        born: "birth_date" as const,
      };
      const result = await store.write(officer, (w) =>
        tracingExchange.importCsv(w, { content: good, source, delimiter: ",", mapping }),
      );
      expect(result.created).toBe(2);
      // The same register again: every row is already there.
      const again = await tracingExchange.previewCsvImport(store.db, {
        content: good,
        source,
        delimiter: ",",
        mapping,
      });
      expect(again.errors.map((e) => [e.row, e.field])).toEqual([
        [1, "external_id"],
        [2, "external_id"],
      ]);
    });

    it("imports the PFIF test document and exports it back so that it reads the same", async () => {
      const report = await store.write(officer, (w) => tracingExchange.importPfif(w, PFIF_TEST));
      expect(report).toMatchObject({
        persons: { created: 1, alreadyPresent: 0 },
        notes: { created: 4, alreadyPresent: 0 },
        statusStatements: 3,
      });
      // Importing the same document again adds nothing.
      const again = await store.write(officer, (w) => tracingExchange.importPfif(w, PFIF_TEST));
      expect(again).toMatchObject({
        persons: { created: 0, alreadyPresent: 1 },
        notes: { created: 0, alreadyPresent: 4 },
      });

      const exported = await tracingExchange.exportPfif(store.db, {
        domain: "athar.test",
        sourceName: "Athar test",
        includeRestricted: true,
      });
      const original = parsePfif(PFIF_TEST);
      const back = parsePfif(exported.xml);
      const mine = back.persons.find((p) => p.fields.person_record_id === "test.google.com/person.21009");
      const { entry_date: _e1, ...originalFields } = original.persons[0]?.fields ?? {};
      const { entry_date: entryDate, ...exportedFields } = mine?.fields ?? {};
      expect(exportedFields).toEqual(originalFields);
      // entry_date is when this repository received the record (PFIF), so it is ours, not theirs.
      expect(entryDate).toBe("2026-02-01T08:01:00Z");
      expect(mine?.notes.map((n) => n.fields)).toEqual(allNotes(original).map((n) => n.fields));

      const open = await tracingExchange.exportPfif(store.db, {
        domain: "athar.test",
        sourceName: "Athar test",
        includeRestricted: false,
      });
      expect(open.xml).not.toContain("_test_author_phone");
      expect(open.xml).not.toContain("_test_phone_of_found_person");
      expect(open.xml).toContain("_test_full_name1");
    });

    it("refuses a PFIF document with a bad record, importing nothing, and names the line", async () => {
      const broken = PFIF_TEST.replace(
        "<pfif:date_of_birth>1970-01</pfif:date_of_birth>",
        "<pfif:date_of_birth>1970-14</pfif:date_of_birth>",
      ).replace("test.google.com/person.21009", "test.google.com/person.777");
      const error = await expectAthar(
        store.write(officer, (w) => tracingExchange.importPfif(w, broken)),
        "import_invalid",
      );
      expect(error.details?.[0]?.path).toMatch(
        /^line 3, record test\.google\.com\/person\.777, field date_of_birth/,
      );
      expect(
        (
          await store.db
            .selectFrom("persons")
            .select("id")
            .where("external_id", "=", "test.google.com/person.777")
            .execute()
        ).length,
      ).toBe(0);
    });
  });
});
