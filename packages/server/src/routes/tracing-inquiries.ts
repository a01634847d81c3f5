/**
 * Families' inquiries, recorded by tracing staff (the public form is in public-inquiries.ts). The requester's
 * identity and contact details are contact data: recorded and read only by ROLE_GROUPS.contactReaders; an
 * admin sees the inquiry with `requester: { "redacted": true }`.
 */
import { disclosure, inquiries, matches, persons } from "@athar/db";
import {
  CONTACT_CHANNELS,
  DISCLOSURE_KINDS,
  INQUIRY_CHANNELS,
  INQUIRY_STATUSES,
  inquiryCreateSchema,
  inquiryStatusChangeSchema,
  inquiryViewSchema,
} from "@athar/registry";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../auth/guard";
import type { AppContext } from "../context";
import {
  CONTACT_READERS,
  candidateSchema,
  inquiryView,
  pagination,
  personView,
  personViewSchema,
  proposalReportSchema,
  TRACING,
} from "./tracing-views";

const inquiryParams = z.object({ inquiryId: z.uuid() });

export const tracingInquiryRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { store } = context;

    app.get(
      "/api/tracing/inquiries",
      {
        config: { access: TRACING },
        schema: {
          tags: ["tracing"],
          summary: "Inquiries, newest first",
          querystring: z.strictObject({
            status: z.enum(INQUIRY_STATUSES).optional(),
            channel: z.enum(INQUIRY_CHANNELS).optional(),
            ...pagination,
          }),
          response: { 200: z.object({ inquiries: z.array(inquiryViewSchema), total: z.number().int() }) },
        },
      },
      async (request) => {
        const result = await inquiries.listInquiries(store.db, request.query);
        return { inquiries: result.inquiries.map((i) => inquiryView(request, i)), total: result.total };
      },
    );

    app.post(
      "/api/tracing/inquiries",
      {
        config: { access: CONTACT_READERS },
        schema: {
          tags: ["tracing"],
          summary:
            "Record a family's inquiry; the sought person becomes a record of source inquiry, matched at once",
          body: inquiryCreateSchema,
          response: {
            201: z.object({
              inquiry: inquiryViewSchema,
              soughtPerson: personViewSchema,
              proposals: proposalReportSchema,
            }),
          },
        },
      },
      async (request, reply) => {
        const result = await store.write(actorOf(request), async (w) => {
          const inquiry = await inquiries.createInquiry(w, request.body, { channel: "officer" });
          const proposals = await matches.proposeForPerson(w, inquiry.soughtPersonId);
          return {
            inquiry: await inquiries.getInquiry(w.trx, inquiry.id),
            soughtPerson: await persons.getPerson(w.trx, inquiry.soughtPersonId),
            proposals,
          };
        });
        return reply.code(201).send({
          inquiry: inquiryView(request, result.inquiry),
          soughtPerson: personView(request, result.soughtPerson),
          proposals: result.proposals,
        });
      },
    );

    app.get(
      "/api/tracing/inquiries/:inquiryId",
      {
        config: { access: TRACING },
        schema: {
          tags: ["tracing"],
          summary: "An inquiry with the sought person's record and its open proposals",
          params: inquiryParams,
          response: {
            200: z.object({
              inquiry: inquiryViewSchema,
              soughtPerson: personViewSchema,
              candidates: z.array(candidateSchema),
            }),
          },
        },
      },
      async (request) => {
        const inquiry = await inquiries.getInquiry(store.db, request.params.inquiryId);
        const soughtPerson = await persons.getPerson(store.db, inquiry.soughtPersonId);
        const { candidates } = await matches.listCandidates(store.db, {
          states: ["open", "unsure", "accepted"],
          inquiryId: inquiry.id,
          limit: 100,
          offset: 0,
        });
        return {
          inquiry: inquiryView(request, inquiry),
          soughtPerson: personView(request, soughtPerson),
          candidates,
        };
      },
    );

    app.post(
      "/api/tracing/inquiries/:inquiryId/status",
      {
        config: { access: TRACING },
        schema: {
          tags: ["tracing"],
          summary: "Move an inquiry: received → in_progress → closed (closing needs a reason)",
          description:
            "The public status endpoint shows exactly this status to the family: never use it to signal whether the person was found.",
          params: inquiryParams,
          body: inquiryStatusChangeSchema,
          response: { 200: inquiryViewSchema },
        },
      },
      async (request) => {
        const inquiry = await store.write(actorOf(request), (w) =>
          inquiries.setInquiryStatus(w, request.params.inquiryId, request.body.status, request.body.reason),
        );
        return inquiryView(request, inquiry);
      },
    );

    app.post(
      "/api/tracing/inquiries/:inquiryId/candidates",
      {
        config: { access: TRACING },
        schema: {
          tags: ["tracing"],
          summary: "Recompute matching proposals for the inquiry's sought person",
          params: inquiryParams,
          body: z.strictObject({}),
          response: { 200: proposalReportSchema },
        },
      },
      async (request) =>
        store.write(actorOf(request), async (w) => {
          const inquiry = await inquiries.getInquiry(w.trx, request.params.inquiryId);
          return matches.proposeForPerson(w, inquiry.soughtPersonId);
        }),
    );

    app.get(
      "/api/tracing/inquiries/:inquiryId/disclosure",
      {
        config: { access: CONTACT_READERS },
        schema: {
          tags: ["tracing"],
          summary: "What the disclosure rules allow telling this family now, for each kind of news",
          params: inquiryParams,
          querystring: z.strictObject({ channel: z.enum(CONTACT_CHANNELS).default("phone") }),
          response: {
            200: z.object({
              assessments: z.array(
                z.object({
                  kind: z.enum(DISCLOSURE_KINDS),
                  allowed: z.boolean(),
                  reasons: z.array(z.string()),
                  basis: z.array(z.string()),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const assessments = [];
        for (const kind of DISCLOSURE_KINDS) {
          const result = await disclosure.assessForInquiry(
            store.db,
            request.params.inquiryId,
            kind,
            request.query.channel,
          );
          assessments.push({ kind, ...result });
        }
        return { assessments };
      },
    );
  };
