/**
 * The notification outbox: messages to families, drafted only when the disclosure rules allow, approved by
 * a tracing officer who did not draft them, and marked sent by whoever delivered them. The outbox holds
 * families' contact details, so only ROLE_GROUPS.contactReaders reach it.
 */
import { disclosure } from "@athar/db";
import { OUTBOX_STATES, outboxDraftSchema, outboxMessageSchema } from "@athar/registry";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../auth/guard";
import type { AppContext } from "../context";
import { CONTACT_READERS, pagination, TRACING_OFFICERS } from "./tracing-views";

const messageParams = z.object({ messageId: z.uuid() });

export const tracingDisclosureRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { store } = context;

    app.get(
      "/api/tracing/outbox",
      {
        config: { access: CONTACT_READERS },
        schema: {
          tags: ["tracing"],
          summary: "Messages to families, newest first",
          querystring: z.strictObject({
            state: z.enum(OUTBOX_STATES).optional(),
            inquiryId: z.uuid().optional(),
            ...pagination,
          }),
          response: { 200: z.object({ messages: z.array(outboxMessageSchema), total: z.number().int() }) },
        },
      },
      async (request) => disclosure.listOutbox(store.db, request.query),
    );

    app.post(
      "/api/tracing/outbox",
      {
        config: { access: CONTACT_READERS },
        schema: {
          tags: ["tracing"],
          summary:
            "Draft a message to a family; refused (422 disclosure_not_allowed) when the rules do not allow it",
          body: outboxDraftSchema,
          response: { 201: outboxMessageSchema },
        },
      },
      async (request, reply) => {
        const message = await store.write(actorOf(request), (w) =>
          disclosure.draftOutboxMessage(w, request.body),
        );
        return reply.code(201).send(message);
      },
    );

    app.post(
      "/api/tracing/outbox/:messageId/approve",
      {
        config: { access: TRACING_OFFICERS },
        schema: {
          tags: ["tracing"],
          summary: "Approve a drafted message (not your own); the rules are checked again",
          params: messageParams,
          body: z.strictObject({}),
          response: { 200: outboxMessageSchema },
        },
      },
      async (request) =>
        store.write(actorOf(request), (w) => disclosure.approveOutboxMessage(w, request.params.messageId)),
    );

    app.post(
      "/api/tracing/outbox/:messageId/sent",
      {
        config: { access: CONTACT_READERS },
        schema: {
          tags: ["tracing"],
          summary: "Mark an approved message as delivered; the rules are checked again",
          params: messageParams,
          body: z.strictObject({}),
          response: { 200: outboxMessageSchema },
        },
      },
      async (request) =>
        store.write(actorOf(request), (w) => disclosure.markOutboxMessageSent(w, request.params.messageId)),
    );

    app.post(
      "/api/tracing/outbox/:messageId/cancel",
      {
        config: { access: CONTACT_READERS },
        schema: {
          tags: ["tracing"],
          summary: "Cancel a message that was not sent",
          params: messageParams,
          body: z.strictObject({ reason: z.string().trim().min(1).max(2000) }),
          response: { 200: outboxMessageSchema },
        },
      },
      async (request) =>
        store.write(actorOf(request), (w) =>
          disclosure.cancelOutboxMessage(w, request.params.messageId, request.body.reason),
        ),
    );
  };
