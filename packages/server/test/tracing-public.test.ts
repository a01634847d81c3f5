/**
 * The public inquiry form must never tell a stranger whether someone is in the registry: the answers to a
 * submission and to a status check have the same shape and content whether or not the sought person is
 * listed, no matching runs on submission, and the status does not move when a match is accepted.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test-support/databases";
import { startTestServer, type TestServer } from "../../../test-support/server";

const form = (givenName: string, familyName: string) => ({
  sought: {
    givenName,
    fatherName: "خالد",
    familyName,
    motherName: "هدى صالح",
    birthDate: "حوالي 1980",
    lastSeenPlace: "Branch 215",
  },
  requester: { name: "A relative", relationship: "sibling", phone: "+963 933 000 000" },
  consent: { storeAndProcess: true },
});

describeEachDatabase("public inquiry form", (database) => {
  let server: TestServer;
  let address = 0;
  const nextAddress = () => `10.0.0.${++address}`;
  const submit = (payload: unknown, remoteAddress = nextAddress()) =>
    server.request({
      method: "POST",
      url: "/api/public/inquiries",
      payload: payload as object,
      remoteAddress,
    });
  const status = (receiptCode: string, remoteAddress = nextAddress()) =>
    server.request({
      method: "POST",
      url: "/api/public/inquiries/status",
      payload: { receiptCode },
      remoteAddress,
    });

  beforeAll(async () => {
    server = await startTestServer(database().config);
    const officer = await server.userWith(["tracing_officer"]);
    // Someone the registry knows: a record from a recovered register.
    const listed = await server.request({
      method: "POST",
      url: "/api/tracing/persons",
      cookie: officer.cookie,
      payload: {
        source: { kind: "document", reference: "Register B-3, page 14" },
        name: {
          arabic: { given: "سامي", father: "خالد", family: "حداد", motherGiven: "هدى", motherFamily: "صالح" },
        },
        birthDate: { year: 1980 },
        statuses: [{ status: "deceased", source: "document", documented: true }],
      },
    });
    expect(listed.statusCode).toBe(201);
  });
  afterAll(async () => server?.close());

  it("answers the same, apart from the receipt code, whether or not the person is listed", async () => {
    const listed = await submit(form("سامي", "حداد"));
    const unknown = await submit(form("نزار", "قباني"));
    expect(listed.statusCode).toBe(201);
    expect(unknown.statusCode).toBe(201);
    const strip = (body: { receiptCode: string }) => ({ ...body, receiptCode: "" });
    expect(strip(listed.json())).toEqual(strip(unknown.json()));
    expect(Object.keys(listed.json()).sort()).toEqual(["receiptCode", "status"]);
    expect(listed.json().receiptCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    // The headers say nothing either (beyond the request id).
    const headers = (r: typeof listed) =>
      Object.keys(r.headers)
        .filter((h) => h !== "x-request-id" && h !== "date")
        .sort();
    expect(headers(listed)).toEqual(headers(unknown));
    expect(listed.headers["content-length"]).toBe(unknown.headers["content-length"]);

    const s1 = await status(listed.json().receiptCode);
    const s2 = await status(unknown.json().receiptCode.toLowerCase().replace(/-/g, " "));
    expect(s1.statusCode).toBe(200);
    expect(s1.body).toBe(s2.body);
    expect(s1.json()).toEqual({ status: "received", message: expect.stringMatching(/استلمنا/) });
  });

  it("runs no matching on submission, and keeps the status when staff accept a match", async () => {
    const submitted = await submit(form("سامي", "حداد"));
    const code = submitted.json().receiptCode as string;
    const officer = await server.userWith(["tracing_officer"]);
    const inquiries = await server.request({
      method: "GET",
      url: "/api/tracing/inquiries?channel=public_form",
      cookie: officer.cookie,
    });
    const all = inquiries.json().inquiries as { id: string; openCandidates: number }[];
    expect(all.length).toBeGreaterThanOrEqual(1);
    for (const inquiry of all) expect(inquiry.openCandidates).toBe(0);
    const candidates = await server.store.db.selectFrom("match_candidates").select("id").execute();
    expect(candidates).toEqual([]);

    // Staff triage: matching now runs, and a match may be accepted; the family's status does not move.
    const newest = all[0] as { id: string };
    const proposed = await server.request({
      method: "POST",
      url: `/api/tracing/inquiries/${newest.id}/candidates`,
      cookie: officer.cookie,
      payload: {},
    });
    // The listed record, and the earlier inquiry for the same person (two families, or one family twice).
    expect(proposed.json().created).toBe(2);
    const queue = await server.request({
      method: "GET",
      url: `/api/tracing/review?inquiryId=${newest.id}`,
      cookie: officer.cookie,
    });
    expect(queue.json().items).toHaveLength(1);
    expect(queue.json().items[0].right.source.kind).toBe("document");
    const candidateId = queue.json().items[0].candidate.id;
    const accepted = await server.request({
      method: "POST",
      url: `/api/tracing/review/${candidateId}/decision`,
      cookie: officer.cookie,
      payload: { decision: "accept", reason: "register entry matches name, parents and year" },
    });
    expect(accepted.statusCode).toBe(200);
    expect((await status(code)).json().status).toBe("received");
  });

  it("stores only a hash of the receipt code", async () => {
    const submitted = await submit(form("عمر", "الخطيب"));
    const code = submitted.json().receiptCode as string;
    const rows = await server.store.db
      .selectFrom("inquiries")
      .select(["receipt_hash"])
      .where("channel", "=", "public_form")
      .execute();
    const compact = code.replace(/-/g, "");
    for (const row of rows) {
      expect(row.receipt_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.receipt_hash).not.toContain(compact);
    }
    const audit = await server.store.db.selectFrom("audit_log").select(["after_json"]).execute();
    expect(audit.some((r) => r.after_json?.includes(compact))).toBe(false);
  });

  it("answers an unknown or malformed code with 404, and only the processing status", async () => {
    expect((await status("0000-0000-0000-0000")).statusCode).toBe(404);
    expect((await status("not a code")).statusCode).toBe(404);
    const closed = await submit(form("وليد", "نصار"));
    const officer = await server.userWith(["tracing_officer"]);
    const list = await server.request({
      method: "GET",
      url: "/api/tracing/inquiries?channel=public_form&limit=1",
      cookie: officer.cookie,
    });
    const id = list.json().inquiries[0].id;
    await server.request({
      method: "POST",
      url: `/api/tracing/inquiries/${id}/status`,
      cookie: officer.cookie,
      payload: { status: "closed", reason: "duplicate of an earlier inquiry" },
    });
    const answer = (await status(closed.json().receiptCode)).json();
    expect(answer).toEqual({ status: "closed", message: expect.any(String) });
    expect(JSON.stringify(answer)).not.toContain("duplicate");
  });

  it("rate-limits per address, in the database", async () => {
    const from = "192.0.2.7";
    for (let i = 0; i < 5; i++) expect((await submit(form("رامي", "نصار"), from)).statusCode).toBe(201);
    const refused = await submit(form("رامي", "نصار"), from);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe("rate_limited");
    expect((await submit(form("رامي", "نصار"), "192.0.2.8")).statusCode).toBe(201);
    for (let i = 0; i < 30; i++) await status("0000-0000-0000-0000", from);
    expect((await status("0000-0000-0000-0000", from)).statusCode).toBe(429);
    // Addresses are kept as hashes only.
    const rows = await server.store.db.selectFrom("public_requests").select("address_hash").execute();
    expect(rows.some((r) => r.address_hash.includes("192.0.2.7"))).toBe(false);
  });

  it("refuses a form without contact or consent, naming the field", async () => {
    const noContact = form("سعيد", "حداد");
    noContact.requester.phone = "";
    const response = await submit(noContact);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0].path).toBe("body.requester.phone");
    const noConsent = { ...form("سعيد", "حداد"), consent: { storeAndProcess: false } };
    expect((await submit(noConsent)).statusCode).toBe(400);
  });
});
