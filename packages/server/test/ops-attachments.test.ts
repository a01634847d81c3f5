/**
 * Attachments on both databases: stored with their SHA-256, size and media type, the original never changed,
 * a chain of custody (received, viewed, exported, verified), tampering caught by verification, and the
 * upload route's limits (CSRF header, media types, size).
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test-support/databases";
import { startTestServer, type TestServer } from "../../../test-support/server";
import { buildOpsFixture, type OpsFixture } from "./ops-fixture";

describeEachDatabase("attachments and chain of custody", (database) => {
  let server: TestServer;
  let filesDir: string;
  let coordinator: { id: string; cookie: string };
  let field: { id: string; cookie: string };
  let viewer: { id: string; cookie: string };
  let site: OpsFixture;
  let reportId: string;

  // Synthetic bytes that stand in for a photo: a PNG signature and seeded noise.
  const photo = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 2_654_435_761) >>> 24)),
  ]);
  const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

  const upload = (
    bytes: Buffer,
    options: { cookie?: string; type?: string; csrf?: boolean; owner?: string } = {},
  ) =>
    server.request({
      method: "POST",
      url: `/api/sites/${site.siteId}/attachments?ownerType=report&ownerId=${options.owner ?? reportId}&fileName=cell%201.png&description=door`,
      cookie: options.cookie ?? field.cookie,
      headers: {
        "content-type": options.type ?? "image/png",
        ...(options.csrf === false ? {} : { "x-athar-csrf": "1" }),
      },
      payload: bytes,
    });

  beforeAll(async () => {
    filesDir = fs.mkdtempSync(path.join(os.tmpdir(), "athar-ops-files-"));
    server = await startTestServer(database().config, { env: { ATHAR_FILES_DIR: filesDir } });
    coordinator = await server.userWith(["coordinator"]);
    site = await buildOpsFixture(server, coordinator.cookie);
    field = await server.userWith(["field"], { siteIds: [site.siteId] });
    viewer = await server.userWith(["viewer"], { siteIds: [site.siteId] });
    const team = await server.request({
      method: "POST",
      url: `/api/sites/${site.siteId}/teams`,
      cookie: coordinator.cookie,
      payload: { callSign: "SYR-05", capabilities: ["usar_light"] },
    });
    const assignment = await server.request({
      method: "POST",
      url: `/api/sites/${site.siteId}/assignments`,
      cookie: coordinator.cookie,
      payload: {
        teamId: team.json().id,
        methodId: "visual",
        segmentIds: [site.corridor],
        plannedMinutes: 10,
        assign: true,
      },
    });
    const report = await server.request({
      method: "POST",
      url: `/api/assignments/${assignment.json().id}/reports`,
      cookie: coordinator.cookie,
      payload: { idempotencyKey: "attachment-test-1", outcome: "nothing_found", effortMinutes: 5 },
    });
    expect(report.statusCode, report.body).toBe(201);
    reportId = report.json().id;
  });
  afterAll(async () => {
    await server?.close();
    fs.rmSync(filesDir, { recursive: true, force: true });
  });

  it("stores a photo with its hash, size and type, serves the original unchanged, and logs every custody step", async () => {
    const response = await upload(photo);
    expect(response.statusCode, response.body).toBe(201);
    const attachment = response.json();
    expect(attachment).toMatchObject({
      ownerType: "report",
      ownerId: reportId,
      fileName: "cell 1.png",
      mediaType: "image/png",
      sizeBytes: photo.length,
      sha256: sha256(photo),
    });

    const view = await server.request({
      method: "GET",
      url: `/api/attachments/${attachment.id}/content`,
      cookie: coordinator.cookie,
    });
    expect(view.statusCode).toBe(200);
    expect(view.headers["content-type"]).toBe("image/png");
    expect(view.headers["x-content-sha256"]).toBe(sha256(photo));
    expect(Buffer.compare(view.rawPayload, photo)).toBe(0);
    const download = await server.request({
      method: "GET",
      url: `/api/attachments/${attachment.id}/content?disposition=attachment&purpose=prosecutor`,
      cookie: coordinator.cookie,
    });
    expect(download.headers["content-disposition"]).toContain("attachment;");
    const verify = await server.request({
      method: "POST",
      url: `/api/attachments/${attachment.id}/verify`,
      cookie: coordinator.cookie,
      payload: {},
    });
    expect(verify.json()).toMatchObject({ ok: true, actualSha256: sha256(photo) });

    const record = (
      await server.request({
        method: "GET",
        url: `/api/attachments/${attachment.id}`,
        cookie: coordinator.cookie,
      })
    ).json();
    expect(record.custody.map((c: { action: string }) => c.action)).toEqual([
      "received",
      "viewed",
      "exported",
      "verified",
    ]);
    expect(record.custody[0].actorId).toBe(field.id);
    expect(record.custody[2].detail).toContain("prosecutor");
    const listed = await server.request({
      method: "GET",
      url: `/api/sites/${site.siteId}/attachments?ownerType=report&ownerId=${reportId}`,
      cookie: field.cookie,
    });
    expect(listed.json().map((a: { id: string }) => a.id)).toContain(attachment.id);
  });

  it("keeps one stored original for the same bytes, and catches an original altered on disk", async () => {
    const bytes = Buffer.from(`synthetic document ${Math.random()}`);
    const first = (await upload(bytes, { type: "application/pdf" })).json();
    const second = (await upload(bytes, { type: "application/pdf" })).json();
    expect(second.id).not.toBe(first.id);
    expect(second.sha256).toBe(first.sha256);
    const stored = path.join(
      filesDir,
      "sha256",
      first.sha256.slice(0, 2),
      first.sha256.slice(2, 4),
      first.sha256,
    );
    expect(fs.readFileSync(stored).equals(bytes)).toBe(true);
    expect(fs.statSync(stored).mode & 0o222).toBe(0); // read-only
    fs.chmodSync(stored, 0o644);
    fs.writeFileSync(stored, Buffer.concat([bytes, Buffer.from("!")]));
    const verify = await server.request({
      method: "POST",
      url: `/api/attachments/${first.id}/verify`,
      cookie: coordinator.cookie,
      payload: {},
    });
    expect(verify.json()).toMatchObject({
      ok: false,
      sha256: first.sha256,
      actualSizeBytes: bytes.length + 1,
    });
    fs.rmSync(stored);
    const gone = await server.request({
      method: "POST",
      url: `/api/attachments/${second.id}/verify`,
      cookie: coordinator.cookie,
      payload: {},
    });
    expect(gone.json()).toMatchObject({ ok: false, actualSha256: "", actualSizeBytes: 0 });
  });

  it("refuses uploads without the CSRF header, of scriptable or unknown types, too large, or for a missing owner", async () => {
    expect((await upload(photo, { csrf: false })).statusCode).toBe(415);
    expect((await upload(Buffer.from("<svg onload='x'/>"), { type: "image/svg+xml" })).statusCode).toBe(415);
    expect((await upload(Buffer.from("<html>"), { type: "text/html" })).statusCode).toBe(415);
    expect((await upload(photo, { owner: "00000000-0000-4000-8000-000000000000" })).statusCode).toBe(422);
    const tooLarge = await upload(Buffer.alloc(25 * 1024 * 1024 + 1));
    expect(tooLarge.statusCode).toBe(413);
    expect(fs.readdirSync(path.join(filesDir, "incoming"))).toEqual([]);
  });

  it("keeps photos from the read-only viewer role", async () => {
    const listed = await server.request({
      method: "GET",
      url: `/api/sites/${site.siteId}/attachments`,
      cookie: viewer.cookie,
    });
    expect(listed.statusCode).toBe(403);
    expect((await upload(photo, { cookie: viewer.cookie })).statusCode).toBe(403);
  });
});
