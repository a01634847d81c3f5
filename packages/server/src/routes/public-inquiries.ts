/**
 * The public inquiry form: no account. A family submits a minimal inquiry and receives a receipt code; with
 * the code they can later ask the inquiry's processing status (received, in progress, closed). Nothing here
 * ever depends on the registry's content: submitting runs no matching (tracing staff do, when they triage
 * the inquiry), and the status is the inquiry's own, so neither the answer nor its timing can tell anyone
 * whether a person is listed (domain primer, section 7: extortion works on that).
 *
 * Both endpoints are rate-limited per client address, counted in the database (the server keeps nothing in
 * memory), with the address stored only as a hash and swept after a day.
 */
import { randomBytes } from "node:crypto";
import { AtharError } from "@athar/core";
import { inquiries, sha256Hex } from "@athar/db";
import {
  canonicalReceiptCode,
  PublicInquiryError,
  publicInquirySchema,
  publicInquiryStatusSchema,
  publicInquiryToCreate,
  publicStatusOf,
  RECEIPT_BYTES,
  receiptCodeFromBytes,
} from "@athar/registry";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../context";
import { sendError } from "../http-errors";

/** Submissions per address per hour: a family files one or two; a flood is someone else. */
export const PUBLIC_SUBMISSIONS_PER_HOUR = 5;
/** Status checks per address per hour: enough for a family, hopeless for guessing 80-bit codes. */
export const PUBLIC_STATUS_CHECKS_PER_HOUR = 30;

const PUBLIC_ACTOR = { id: null, name: "public-form" };
const HOUR_MS = 3_600_000;

const addressHash = (address: string) => sha256Hex(`athar-public-address:${address}`);
export const receiptHash = (canonical: string) => sha256Hex(`athar-receipt:${canonical}`);

export const publicInquiryRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { store } = context;

    /** Counts this request against the address's hourly allowance; false when it is spent. */
    async function allow(address: string, kind: "submit" | "status", perHour: number): Promise<boolean> {
      const hash = addressHash(address);
      const now = store.clock.now();
      const recent = await inquiries.countPublicRequests(
        store.db,
        hash,
        kind,
        new Date(now.getTime() - HOUR_MS),
      );
      await store.write(PUBLIC_ACTOR, (w) => inquiries.recordPublicRequest(w, hash, kind));
      return recent < perHour;
    }

    app.post(
      "/api/public/inquiries",
      {
        config: { access: "public" },
        schema: {
          tags: ["public"],
          summary: "Submit an inquiry for a missing relative (no account); returns a receipt code",
          description:
            "The receipt code (16 Crockford base32 symbols in four groups) is shown once: the server keeps only its hash. The answer is the same whatever the registry holds. Rate-limited per address.",
          security: [],
          body: publicInquirySchema,
          response: { 201: z.object({ receiptCode: z.string(), status: publicInquiryStatusSchema }) },
        },
      },
      async (request, reply) => {
        if (!(await allow(request.ip, "submit", PUBLIC_SUBMISSIONS_PER_HOUR))) {
          reply.header("retry-after", "3600");
          return sendError(
            reply,
            "rate_limited",
            "too many inquiries from this address; try again in an hour",
          );
        }
        let create: ReturnType<typeof publicInquiryToCreate>;
        try {
          create = publicInquiryToCreate(request.body);
        } catch (error) {
          if (!(error instanceof PublicInquiryError)) throw error;
          throw new AtharError("validation_failed", `${error.path}: ${error.message}`, [
            { path: `body.${error.path}`, message: error.message },
          ]);
        }
        const receiptCode = receiptCodeFromBytes(randomBytes(RECEIPT_BYTES));
        const language = request.body.requester.preferredLanguage === "en" ? "en" : "ar";
        await store.write(PUBLIC_ACTOR, (w) =>
          inquiries.createInquiry(w, create, {
            channel: "public_form",
            receiptHash: receiptHash(canonicalReceiptCode(receiptCode) as string),
            language,
          }),
        );
        return reply.code(201).send({ receiptCode, status: publicStatusOf("received", language) });
      },
    );

    app.post(
      "/api/public/inquiries/status",
      {
        config: { access: "public" },
        schema: {
          tags: ["public"],
          summary: "The processing status of an inquiry, by its receipt code",
          description:
            "Answers only received, in_progress or closed, with a fixed sentence; never anything about the sought person. An unknown code answers 404. The code travels in the body, not the URL, so that it stays out of logs. Rate-limited per address.",
          security: [],
          body: z.strictObject({ receiptCode: z.string().trim().min(1).max(40) }),
          response: { 200: publicInquiryStatusSchema },
        },
      },
      async (request, reply) => {
        if (!(await allow(request.ip, "status", PUBLIC_STATUS_CHECKS_PER_HOUR))) {
          reply.header("retry-after", "3600");
          return sendError(
            reply,
            "rate_limited",
            "too many status checks from this address; try again in an hour",
          );
        }
        const canonical = canonicalReceiptCode(request.body.receiptCode);
        // A malformed code is looked up like any other (it finds nothing), so that it takes the same path.
        const found = await inquiries.publicStatusByReceipt(
          store.db,
          receiptHash(canonical ?? request.body.receiptCode),
        );
        if (!found)
          return sendError(reply, "not_found", "no inquiry has this receipt code; check it and try again");
        return publicStatusOf(found.status, found.language);
      },
    );
  };
