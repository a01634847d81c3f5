import fs from "node:fs";
import { allNotes, parseCsv, parsePfif } from "@athar/registry";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test-support/databases";
import { startTestServer, type TestServer } from "../../../test-support/server";

const PFIF_TEST = fs.readFileSync(
  new URL("../../../test-data/pfif/test.pfif-1.4.xml", import.meta.url),
  "utf8",
);
const source = {
  kind: "document",
  reference: "Register C-7, recovered in the east wing",
  collectedOn: { year: 2026, month: 1, day: 28 },
};

describeEachDatabase("tracing exchange API", (database) => {
  let server: TestServer;
  let officer: { cookie: string };
  let admin: { cookie: string };
  let liaison: { cookie: string };

  beforeAll(async () => {
    server = await startTestServer(database().config);
    officer = await server.userWith(["tracing_officer"]);
    admin = await server.userWith(["admin"]);
    liaison = await server.userWith(["family_liaison"]);
  });
  afterAll(async () => server?.close());

  const post = (url: string, payload: unknown, who = officer) =>
    server.request({ method: "POST", url, cookie: who.cookie, payload: payload as object });
  const get = (url: string, who = officer) => server.request({ method: "GET", url, cookie: who.cookie });

  it("imports the PFIF test document and round-trips it through the export", async () => {
    const dry = await post("/api/tracing/import/pfif", { content: PFIF_TEST, dryRun: true });
    expect(dry.statusCode).toBe(201);
    expect(dry.json()).toMatchObject({
      dryRun: true,
      persons: { created: 1 },
      notes: { created: 4 },
      createdIds: [],
    });
    expect((await get("/api/tracing/persons")).json().total).toBe(0); // the dry run wrote nothing

    const imported = await post("/api/tracing/import/pfif", { content: PFIF_TEST });
    expect(imported.json()).toMatchObject({
      dryRun: false,
      persons: { created: 1 },
      notes: { created: 4 },
      statusStatements: 3,
    });
    expect((await post("/api/tracing/import/pfif", { content: PFIF_TEST }, liaison)).statusCode).toBe(403);

    const exported = await get("/api/tracing/export/pfif?includeRestricted=true");
    expect(exported.statusCode).toBe(200);
    expect(exported.headers["content-type"]).toMatch(/^application\/xml/);
    const original = parsePfif(PFIF_TEST);
    const back = parsePfif(exported.body);
    expect(back.persons).toHaveLength(1);
    const { entry_date: _a, ...expected } = original.persons[0]?.fields ?? {};
    const { entry_date: _b, ...actual } = back.persons[0]?.fields ?? {};
    expect(actual).toEqual(expected);
    expect(allNotes(back).map((n) => n.fields)).toEqual(allNotes(original).map((n) => n.fields));

    // An admin exports without contact details, and may not ask for them.
    expect((await get("/api/tracing/export/pfif?includeRestricted=true", admin)).statusCode).toBe(403);
    const open = await get("/api/tracing/export/pfif", admin);
    expect(open.statusCode).toBe(200);
    expect(open.body).not.toContain("_test_author_email");
    expect(open.body).not.toContain("_test_email_of_found_person");
    expect(open.body).toContain("_test_given_name");
  });

  it("previews a CSV register with its row and field errors, refuses to import it, then imports a clean one", async () => {
    const content = [
      "رقم,الاسم,اسم الأب,الكنية,اسم الأم,المواليد,الجنس,الحالة",
      "1,محمد,أحمد,الحلبي,فاطمة,1985,ذكر,متوفى",
      "2,خالد,,الحمصي,,1990-02-30,ذكر,",
      "3,,,,,,,",
    ].join("\n");
    const mapping = {
      رقم: "external_id",
      الاسم: "given_name",
      "اسم الأب": "father_name",
      الكنية: "family_name",
      "اسم الأم": "mother_name",
      المواليد: "birth_date",
      الجنس: "sex",
      الحالة: "status",
    };
    const preview = await post("/api/tracing/import/csv/preview", { content, source, mapping });
    expect(preview.statusCode).toBe(200);
    const body = preview.json();
    expect(body).toMatchObject({ totalRows: 3, valid: 1 });
    expect(body.rows[0].person).toMatchObject({
      arabicName: "محمد أحمد الحلبي",
      birthDate: "1985",
      status: "deceased",
    });
    expect(
      body.errors.map((e: { row: number; column: string; field: string }) => [e.row, e.column, e.field]),
    ).toEqual([
      [2, "المواليد", "birth_date"],
      [3, "", "name"],
    ]);

    const refused = await post("/api/tracing/import/csv", { content, source, mapping });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe("import_invalid");
    expect(refused.json().error.details.map((d: { path: string }) => d.path)).toEqual([
      'row 2 (line 3), column "المواليد", field birth_date',
      "row 3 (line 4), field name",
    ]);
    const before = (await get("/api/tracing/persons")).json().total;

    const clean = content.replace("1990-02-30", "1990-02-28").split("\n").slice(0, 3).join("\n");
    const imported = await post("/api/tracing/import/csv", { content: clean, source, mapping });
    expect(imported.statusCode).toBe(201);
    expect(imported.json().created).toBe(2);
    expect((await get("/api/tracing/persons")).json().total).toBe(before + 2);
    // Suggested mapping: without one, the Arabic headers are recognised.
    const suggested = await post("/api/tracing/import/csv/preview", { content: clean, source });
    expect(suggested.json().mapping).toMatchObject({
      الاسم: "given_name",
      الكنية: "family_name",
      المواليد: "birth_date",
    });
  });

  it("exports CSV with an HXL hashtag row and no restricted details", async () => {
    await post("/api/tracing/persons", {
      source,
      name: { latin: { given: "Sami", family: "Haddad" } },
      restricted: { reporter: { name: "Reporter Secret", phone: "+963 1" } },
    });
    const exported = await get("/api/tracing/export/csv");
    expect(exported.statusCode).toBe(200);
    expect(exported.headers["content-type"]).toMatch(/^text\/csv/);
    const rows = parseCsv(exported.body);
    expect(rows[1]?.cells.slice(0, 3)).toEqual(["#person+id", "#person+id+cluster", "#person+name"]);
    expect(rows.length).toBeGreaterThanOrEqual(5);
    expect(exported.body).not.toContain("Reporter Secret");
    expect((await get("/api/tracing/export/csv", liaison)).statusCode).toBe(403);
  });

  it("takes import files up to 10 MiB, while other routes keep 1 MiB", async () => {
    const big = `given_name\n${"Ahmad\n".repeat(250_000)}`; // about 1.5 MiB
    const preview = await post("/api/tracing/import/csv/preview", { content: big, source });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().errors[0].message).toMatch(/at most 50000/);
    const elsewhere = await post("/api/tracing/persons", { source, description: "x".repeat(1_200_000) });
    expect(elsewhere.statusCode).toBe(413);
  });
});
