/**
 * The tracing API end to end: a person freed at the gate, a family's inquiry in Arabic, the proposal in the
 * review queue with its explanation, the accepted match, consent, a message to the family through the
 * outbox, and an undone merge — with roles and redaction checked along the way.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test-support/databases";
import { startTestServer, type TestServer } from "../../../test-support/server";

type Cookie = { id: string; username: string; cookie: string };

describeEachDatabase("tracing API", (database) => {
  let server: TestServer;
  let officer: Cookie;
  let secondOfficer: Cookie;
  let liaison: Cookie;
  let admin: Cookie;
  let field: Cookie;

  const call = (method: "GET" | "POST" | "PUT" | "DELETE", url: string, who: Cookie, payload?: unknown) =>
    server.request({
      method,
      url,
      cookie: who.cookie,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  beforeAll(async () => {
    server = await startTestServer(database().config);
    officer = await server.userWith(["tracing_officer"]);
    secondOfficer = await server.userWith(["tracing_officer"]);
    liaison = await server.userWith(["family_liaison"]);
    admin = await server.userWith(["admin"]);
    field = await server.userWith(["field"]);
  });
  afterAll(async () => server?.close());

  let gatePersonId = "";
  let inquiryId = "";
  let soughtPersonId = "";
  let candidateId = "";
  let mergeId = "";

  it("registers a person freed at the gate, with an informant only contact readers see", async () => {
    const created = await call("POST", "/api/tracing/persons", officer, {
      source: {
        kind: "freed_at_gate",
        reference: "gate desk 1, shift 2",
        collectedOn: { year: 2026, month: 2, day: 1 },
      },
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
      detention: { facility: "Branch 215", prisonerNumber: "4471", cell: "B-12" },
      restricted: { lastSeenBy: { name: "Cellmate Witness", role: "cellmate", phone: "+963 955 000 111" } },
      statuses: [{ status: "alive", source: "team_observation", sourceReference: "gate desk 1" }],
    });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    gatePersonId = body.person.id;
    expect(body.person.restricted).toMatchObject({
      redacted: false,
      value: { lastSeenBy: { name: "Cellmate Witness" } },
    });
    expect(body.person.currentStatus.status).toBe("alive");

    const asAdmin = await call("GET", `/api/tracing/persons/${gatePersonId}`, admin);
    expect(asAdmin.statusCode).toBe(200);
    expect(asAdmin.json().person.restricted).toEqual({ redacted: true });
    expect(asAdmin.body).not.toContain("Cellmate Witness");
    // An admin may not record informants (they could not see them afterwards either).
    const adminWrite = await call("POST", "/api/tracing/persons", admin, {
      source: { kind: "document" },
      name: { latin: { given: "Test" } },
      restricted: { reporter: { name: "X" } },
    });
    expect(adminWrite.statusCode).toBe(403);
  });

  it("keeps a field user out of every tracing route", async () => {
    for (const [method, url] of [
      ["GET", "/api/tracing/persons"],
      ["GET", `/api/tracing/persons/${gatePersonId}`],
      ["GET", "/api/tracing/inquiries"],
      ["GET", "/api/tracing/review"],
      ["GET", "/api/tracing/outbox"],
      ["GET", "/api/tracing/export/csv"],
    ] as const) {
      const response = await call(method, url, field);
      expect(response.statusCode, `${method} ${url}`).toBe(403);
      expect(response.body).not.toContain("Yousef");
    }
  });

  it("takes a family's inquiry in Arabic and proposes the gate record at once, with an explanation in bits", async () => {
    const response = await call("POST", "/api/tracing/inquiries", liaison, {
      requester: { name: "أم يوسف", phone: "+963 944 123 456", preferredLanguage: "ar" },
      relationship: "parent",
      circumstances: "اعتقل من حاجز في حمص عام 2013",
      consent: { storeAndProcess: true, shareContactWithFoundPerson: true },
      soughtPerson: {
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
        detention: { arrestDate: { year: 2013 }, arrestPlace: "حمص" },
        statuses: [{ status: "sought", source: "family" }],
      },
    });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    inquiryId = body.inquiry.id;
    soughtPersonId = body.soughtPerson.id;
    expect(body.soughtPerson.source.kind).toBe("inquiry");
    expect(body.inquiry.requester).toMatchObject({ redacted: false, value: { name: "أم يوسف" } });
    expect(body.proposals.created).toBeGreaterThanOrEqual(1);

    // An admin sees the inquiry, explicitly without the family's contact details, and cannot record one.
    const asAdmin = await call("GET", `/api/tracing/inquiries/${inquiryId}`, admin);
    expect(asAdmin.json().inquiry.requester).toEqual({ redacted: true });
    expect(asAdmin.body).not.toContain("944 123 456");
    expect((await call("POST", "/api/tracing/inquiries", admin, {})).statusCode).toBe(403);

    const queue = await call("GET", "/api/tracing/review?kind=inquiry", officer);
    expect(queue.statusCode).toBe(200);
    const item = queue
      .json()
      .items.find((i: { candidate: { inquiryId: string } }) => i.candidate.inquiryId === inquiryId);
    expect(item).toBeDefined();
    candidateId = item.candidate.id;
    expect(item.left.id).toBe(soughtPersonId); // the family's record on the left
    expect(item.right.id).toBe(gatePersonId);
    expect(item.candidate.probability).toBeGreaterThan(0.9);
    const fields = item.candidate.explanation.fields as { field: string; level: string; bits: number }[];
    expect(fields.find((f) => f.field === "given_name")).toMatchObject({ level: "same_name" });
    expect(fields.every((f) => Number.isFinite(f.bits))).toBe(true);
  });

  it("finds the person by a Latin or Arabic spelling of the name", async () => {
    for (const q of ["Yusuf Khatib", "يوسف الخطيب", "yousef al khatib"]) {
      const response = await call("GET", `/api/tracing/persons?q=${encodeURIComponent(q)}`, liaison);
      expect(response.statusCode).toBe(200);
      const ids = response.json().hits.map((h: { person: { id: string } }) => h.person.id);
      expect(ids, q).toContain(gatePersonId);
    }
  });

  it("refuses to tell the family anything before a reviewer accepts the match", async () => {
    const draft = await call("POST", "/api/tracing/outbox", liaison, {
      inquiryId,
      kind: "alive_and_safe",
      channel: "phone",
      body: "Your son is alive.",
    });
    expect(draft.statusCode).toBe(422);
    expect(draft.json().error.code).toBe("disclosure_not_allowed");
  });

  it("lets only a tracing officer accept, and merges the inquiry into the registry record's cluster", async () => {
    const byLiaison = await call("POST", `/api/tracing/review/${candidateId}/decision`, liaison, {
      decision: "accept",
      reason: "x",
    });
    expect(byLiaison.statusCode).toBe(403);
    const accepted = await call("POST", `/api/tracing/review/${candidateId}/decision`, officer, {
      decision: "accept",
      reason: "same parents and grandfather; mother's name matches; gate photo recognised by the family",
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().candidate.state).toBe("accepted");
    mergeId = accepted.json().merge.id;
    expect(accepted.json().merge.targetClusterId).toBe(gatePersonId);

    const page = await call("GET", `/api/tracing/persons/${gatePersonId}`, liaison);
    const body = page.json();
    expect(body.cluster.members.map((m: { id: string }) => m.id).sort()).toEqual(
      [gatePersonId, soughtPersonId].sort(),
    );
    expect(body.cluster.members.map((m: { source: { kind: string } }) => m.source.kind).sort()).toEqual([
      "freed_at_gate",
      "inquiry",
    ]);
    expect(body.cluster.status.status).toBe("alive");
    expect(body.inquiries.map((i: { id: string }) => i.id)).toEqual([inquiryId]);
    expect(body.merges.map((m: { id: string }) => m.id)).toContain(mergeId);
    expect(body.history.map((h: { action: string }) => h.action)).toEqual(
      expect.arrayContaining(["person.create", "person.create_for_inquiry"]),
    );
  });

  it("passes news to the family only with consent, approved by a second officer, then marked sent", async () => {
    const disclosure = await call("GET", `/api/tracing/inquiries/${inquiryId}/disclosure`, liaison);
    const alive = disclosure.json().assessments.find((a: { kind: string }) => a.kind === "alive_and_safe");
    expect(alive.allowed).toBe(false); // no consent yet

    const consent = await call("POST", `/api/tracing/persons/${gatePersonId}/consents`, liaison, {
      decision: "granted",
      scopes: ["alive_and_safe", "message"],
      inquiryId,
      obtainedHow: "in_person",
    });
    expect(consent.statusCode).toBe(201);
    expect((await call("POST", `/api/tracing/persons/${gatePersonId}/consents`, admin, {})).statusCode).toBe(
      403,
    );

    // Whereabouts were not consented to.
    const whereabouts = await call("POST", "/api/tracing/outbox", liaison, {
      inquiryId,
      kind: "whereabouts",
      channel: "phone",
      body: "He is in Homs.",
    });
    expect(whereabouts.statusCode).toBe(422);

    const draft = await call("POST", "/api/tracing/outbox", officer, {
      inquiryId,
      kind: "alive_and_safe",
      channel: "phone",
      body: "يوسف على قيد الحياة وبخير، وسيتصل بكم.",
    });
    expect(draft.statusCode).toBe(201);
    const message = draft.json();
    expect(message).toMatchObject({
      state: "draft",
      recipient: { name: "أم يوسف", address: "+963 944 123 456" },
    });
    expect(message.basis.ids).toHaveLength(1);

    expect((await call("POST", `/api/tracing/outbox/${message.id}/approve`, officer, {})).statusCode).toBe(
      403,
    ); // own draft
    expect((await call("POST", `/api/tracing/outbox/${message.id}/approve`, liaison, {})).statusCode).toBe(
      403,
    ); // role
    expect((await call("POST", `/api/tracing/outbox/${message.id}/sent`, liaison, {})).statusCode).toBe(409); // not approved
    const approved = await call("POST", `/api/tracing/outbox/${message.id}/approve`, secondOfficer, {});
    expect(approved.statusCode).toBe(200);
    const sent = await call("POST", `/api/tracing/outbox/${message.id}/sent`, liaison, {});
    expect(sent.json()).toMatchObject({
      state: "sent",
      approvedBy: secondOfficer.username,
      sentBy: liaison.username,
    });
    expect((await call("GET", "/api/tracing/outbox", admin)).statusCode).toBe(403);

    const audit = await call("GET", `/api/audit?entityType=outbox_message&entityId=${message.id}`, admin);
    expect(audit.json().entries.map((e: { action: string }) => e.action)).toEqual([
      "outbox.sent",
      "outbox.approve",
      "outbox.draft",
    ]);
    // The trail keeps a hash of the message and its recipient, not the words or the phone number.
    expect(audit.body).not.toContain("944 123 456");
  });

  it("stops a message when the person withdraws consent between approval and delivery", async () => {
    const draft = await call("POST", "/api/tracing/outbox", liaison, {
      inquiryId,
      kind: "message",
      channel: "phone",
      body: "He says: I am well.",
    });
    expect(draft.statusCode).toBe(201);
    expect(
      (await call("POST", `/api/tracing/outbox/${draft.json().id}/approve`, officer, {})).statusCode,
    ).toBe(200);
    await call("POST", `/api/tracing/persons/${gatePersonId}/consents`, liaison, {
      decision: "withdrawn",
      scopes: ["message"],
      inquiryId: null,
      obtainedHow: "phone",
      note: "changed his mind",
    });
    const sent = await call("POST", `/api/tracing/outbox/${draft.json().id}/sent`, liaison, {});
    expect(sent.statusCode).toBe(422);
    expect(sent.json().error.code).toBe("disclosure_not_allowed");
  });

  it("undoes the merge on request, returns the pair to the queue, and records both in the audit trail", async () => {
    expect(
      (await call("POST", `/api/tracing/merges/${mergeId}/undo`, liaison, { reason: "x" })).statusCode,
    ).toBe(403);
    const undone = await call("POST", `/api/tracing/merges/${mergeId}/undo`, officer, {
      reason: "the family did not recognise him after all",
    });
    expect(undone.statusCode).toBe(200);
    expect(undone.json().undoneBy).toBe(officer.username);
    const page = await call("GET", `/api/tracing/persons/${soughtPersonId}`, liaison);
    expect(page.json().cluster.members.map((m: { id: string }) => m.id)).toEqual([soughtPersonId]);
    const candidate = await call("GET", `/api/tracing/review/${candidateId}`, officer);
    expect(candidate.json().candidate.state).toBe("open");
    const audit = await call("GET", `/api/audit?entityType=merge&entityId=${mergeId}`, admin);
    expect(audit.json().entries.map((e: { action: string }) => e.action)).toEqual([
      "cluster.unmerge",
      "cluster.merge",
    ]);
    const decision = await call(
      "GET",
      `/api/audit?entityType=match_candidate&entityId=${candidateId}`,
      admin,
    );
    expect(decision.json().entries.map((e: { action: string }) => e.action)).toEqual([
      "match.accept",
      "match.propose",
    ]);
    // After the undo, nothing may be told again.
    const draft = await call("POST", "/api/tracing/outbox", liaison, {
      inquiryId,
      kind: "alive_and_safe",
      channel: "phone",
      body: "x",
    });
    expect(draft.statusCode).toBe(422);
  });

  it("edits a record with a version check, keeping restricted details an admin cannot see", async () => {
    const page = await call("GET", `/api/tracing/persons/${gatePersonId}`, admin);
    const person = page.json().person;
    const record = {
      source: person.source,
      name: person.name,
      otherNames: [{ kind: "kunya", text: "Abu Ahmad" }],
      sex: person.sex,
      birthDate: person.birthDate,
      birthPlace: "Homs",
      governorate: "homs",
      nationalId: null,
      residence: person.residence,
      detention: person.detention,
      description: "",
      restricted: { lastSeenBy: null, reporter: null, photos: [] },
    };
    const edited = await call("PUT", `/api/tracing/persons/${gatePersonId}`, admin, {
      version: person.version,
      record,
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().otherNames).toEqual([{ kind: "kunya", text: "Abu Ahmad" }]);
    const stale = await call("PUT", `/api/tracing/persons/${gatePersonId}`, admin, {
      version: person.version,
      record,
    });
    expect(stale.statusCode).toBe(409);
    const asOfficer = await call("GET", `/api/tracing/persons/${gatePersonId}`, officer);
    expect(asOfficer.json().person.restricted.value.lastSeenBy.name).toBe("Cellmate Witness");
  });

  it("answers malformed input with 4xx and a code", async () => {
    const bad = await call("POST", "/api/tracing/persons", officer, { source: { kind: "document" } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe("validation_failed");
    const unknownField = await call("POST", "/api/tracing/persons", officer, {
      source: { kind: "document" },
      description: "x",
      hair: "black",
    });
    expect(unknownField.json().error.code).toBe("unknown_field");
    const script = await call("POST", "/api/tracing/persons", officer, {
      source: { kind: "document" },
      name: { arabic: { given: "Yousef" } },
    });
    expect(script.statusCode).toBe(400);
    expect(
      (await call("GET", "/api/tracing/persons/00000000-0000-4000-8000-000000000000", officer)).statusCode,
    ).toBe(404);
  });
});

describe("tracing API module", () => {
  it("is registered", async () => {
    const { ROUTE_MODULES } = await import("@athar/server");
    expect(ROUTE_MODULES.map((m) => m.name)).toEqual(
      expect.arrayContaining(["tracingPersonRoutes", "publicInquiryRoutes"]),
    );
  });
});
