/**
 * Attachments and their chain of custody. Upload: `POST /api/sites/:siteId/attachments?ownerType=report&ownerId=…
 * &fileName=…` with the raw bytes as the body (application/octet-stream, image/*, video/*, application/pdf;
 * SVG is refused because it can carry scripts) and the header `x-athar-csrf: 1`; at most 25 MiB. The server
 * hashes the bytes while storing them and never changes them. Reading the content logs `viewed` (inline)
 * or `exported` (download); `verify` re-hashes the stored original and logs the result.
 */
import { createHash } from "node:crypto";
import type { Readable } from "node:stream";
import { AtharError } from "@athar/core";
import { attachments, LocalDiskBlobStore } from "@athar/db";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../auth/guard";
import type { AppContext } from "../context";
import { attachmentSchema, custodyEntrySchema, OPS_ROLES } from "../ops/schemas";
import { visibleSiteOf } from "../site-access";

export const ATTACHMENT_MAX_BYTES = 25 * 1024 * 1024;
const UPLOAD_TYPES = /^(?:application\/(?:octet-stream|pdf)|image\/(?!svg)|video\/)/i;

const siteParams = z.object({ siteId: z.uuid() });
const attachmentParams = z.object({ attachmentId: z.uuid() });

const isStream = (value: unknown): value is Readable =>
  value !== null && typeof value === "object" && typeof (value as Readable).pipe === "function";

/** A file name safe to put in a Content-Disposition header. */
const headerFileName = (name: string) => name.replace(/[^\w.\- ]/g, "_").slice(0, 150) || "file";

export const opsAttachmentRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { store } = context;
    const files = new LocalDiskBlobStore(context.config.filesDir);
    const readers = { roles: OPS_ROLES.attachmentReaders };

    // The body arrives as a stream; the blob store counts and refuses more than the limit.
    app.addContentTypeParser(UPLOAD_TYPES, (_request, payload, done) => done(null, payload));

    app.post(
      "/api/sites/:siteId/attachments",
      {
        config: { access: { roles: OPS_ROLES.uploaders }, acceptsNonJsonBody: true },
        schema: {
          tags: ["operations"],
          summary: "Upload a photo, video or document (raw bytes, header x-athar-csrf: 1, at most 25 MiB)",
          params: siteParams,
          querystring: z.strictObject({
            ownerType: z.enum(attachments.ATTACHMENT_OWNER_TYPES),
            ownerId: z.string().min(1).max(200),
            fileName: z.string().trim().min(1).max(255),
            description: z.string().max(2000).default(""),
          }),
          response: { 201: attachmentSchema },
        },
      },
      async (request, reply) => {
        const siteId = await visibleSiteOf(context, request, async () => request.params.siteId);
        const body: unknown = request.body;
        if (!isStream(body)) {
          throw new AtharError(
            "unsupported_media_type",
            "send the file's bytes as the body (application/octet-stream, image/*, video/*, application/pdf)",
          );
        }
        const declared = Number(request.headers["content-length"] ?? Number.NaN);
        if (declared > ATTACHMENT_MAX_BYTES)
          throw new AtharError("payload_too_large", `the file is larger than ${ATTACHMENT_MAX_BYTES} bytes`);
        const q = request.query;
        await attachments.assertOwnerOnSite(store.db, siteId, q.ownerType, q.ownerId);
        const blob = await files.put(body, { maxBytes: ATTACHMENT_MAX_BYTES });
        const mediaType =
          (request.headers["content-type"] ?? "application/octet-stream")
            .split(";")[0]
            ?.trim()
            .toLowerCase() ?? "application/octet-stream";
        const detail = JSON.stringify({
          requestId: request.id,
          sha256: blob.sha256,
          sizeBytes: blob.sizeBytes,
        });
        const attachment = await store.write(actorOf(request), (w) =>
          attachments.recordAttachment(
            w,
            siteId,
            {
              ownerType: q.ownerType,
              ownerId: q.ownerId,
              fileName: q.fileName,
              mediaType,
              description: q.description,
            },
            blob,
            detail,
          ),
        );
        return reply.code(201).send(attachment);
      },
    );

    app.get(
      "/api/sites/:siteId/attachments",
      {
        config: { access: readers },
        schema: {
          tags: ["operations"],
          summary: "Attachments of a site, or of one report, evidence record, assignment or breach task",
          params: siteParams,
          querystring: z.strictObject({
            ownerType: z.enum(attachments.ATTACHMENT_OWNER_TYPES).optional(),
            ownerId: z.string().min(1).max(200).optional(),
          }),
          response: { 200: z.array(attachmentSchema) },
        },
      },
      async (request) => {
        const siteId = await visibleSiteOf(context, request, async () => request.params.siteId);
        const { ownerType, ownerId } = request.query;
        if ((ownerType === undefined) !== (ownerId === undefined)) {
          throw new AtharError("validation_failed", "give ownerType and ownerId together", [
            { path: "querystring.ownerId", message: "with ownerType" },
          ]);
        }
        return attachments.listAttachments(
          store.db,
          siteId,
          ownerType && ownerId ? { ownerType, ownerId } : undefined,
        );
      },
    );

    app.get(
      "/api/attachments/:attachmentId",
      {
        config: { access: readers },
        schema: {
          tags: ["operations"],
          summary: "An attachment's record and its chain of custody",
          params: attachmentParams,
          response: { 200: z.object({ attachment: attachmentSchema, custody: z.array(custodyEntrySchema) }) },
        },
      },
      async (request) => {
        await visibleSiteOf(context, request, (db) =>
          attachments.siteIdOfAttachment(db, request.params.attachmentId),
        );
        const [attachment, custody] = await Promise.all([
          attachments.getAttachment(store.db, request.params.attachmentId),
          attachments.custodyOf(store.db, request.params.attachmentId),
        ]);
        return { attachment, custody };
      },
    );

    app.get(
      "/api/attachments/:attachmentId/content",
      {
        config: { access: readers },
        schema: {
          tags: ["operations"],
          summary:
            "The original bytes; logs `viewed` (inline) or `exported` (download) in the chain of custody",
          params: attachmentParams,
          querystring: z.strictObject({
            disposition: z.enum(["inline", "attachment"]).default("inline"),
            purpose: z.string().max(500).default(""),
          }),
        },
      },
      async (request, reply) => {
        await visibleSiteOf(context, request, (db) =>
          attachments.siteIdOfAttachment(db, request.params.attachmentId),
        );
        const row = await attachments.getAttachmentRow(store.db, request.params.attachmentId);
        const { disposition, purpose } = request.query;
        const stream = await files.open(row.storage_key);
        await store.write(actorOf(request), (w) =>
          attachments.recordCustody(
            w,
            row.id,
            disposition === "inline" ? "viewed" : "exported",
            JSON.stringify({ requestId: request.id, purpose }),
          ),
        );
        return reply
          .header("content-type", row.media_type)
          .header("content-length", String(row.size_bytes))
          .header("content-disposition", `${disposition}; filename="${headerFileName(row.file_name)}"`)
          .header("x-content-sha256", row.sha256)
          .header("content-security-policy", "default-src 'none'; sandbox")
          .send(stream);
      },
    );

    app.post(
      "/api/attachments/:attachmentId/verify",
      {
        config: { access: { roles: OPS_ROLES.coordinators } },
        schema: {
          tags: ["operations"],
          summary: "Re-hash the stored original and log the result (`verified`) in the chain of custody",
          params: attachmentParams,
          body: z.strictObject({}),
          response: {
            200: z.object({
              ok: z.boolean(),
              sha256: z.string(),
              actualSha256: z.string(),
              sizeBytes: z.number(),
              actualSizeBytes: z.number(),
            }),
          },
        },
      },
      async (request) => {
        await visibleSiteOf(context, request, (db) =>
          attachments.siteIdOfAttachment(db, request.params.attachmentId),
        );
        const row = await attachments.getAttachmentRow(store.db, request.params.attachmentId);
        const hash = createHash("sha256");
        let size = 0;
        // A missing original is a failed verification, recorded like any other.
        const stream = await files.open(row.storage_key).catch(() => null);
        if (stream) {
          for await (const chunk of stream) {
            hash.update(chunk as Buffer);
            size += (chunk as Buffer).byteLength;
          }
        }
        const actualSha256 = stream ? hash.digest("hex") : "";
        const ok = actualSha256 === row.sha256 && size === row.size_bytes;
        await store.write(actorOf(request), (w) =>
          attachments.recordCustody(
            w,
            row.id,
            "verified",
            JSON.stringify({ requestId: request.id, ok, actualSha256, actualSizeBytes: size }),
          ),
        );
        return { ok, sha256: row.sha256, actualSha256, sizeBytes: row.size_bytes, actualSizeBytes: size };
      },
    );
  };
