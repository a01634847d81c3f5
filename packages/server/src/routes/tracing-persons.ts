/**
 * The registry of persons: search, the person page (record, cluster, status history, provenance), create,
 * edit, status statements, consents, deletion. Tracing roles only; restricted details for contact readers.
 */
import { AtharError } from "@athar/core";
import { disclosure, inquiries, listAudit, matches, persons } from "@athar/db";
import {
  consentInputSchema,
  consentRecordSchema,
  currentStatusSchema,
  deriveCurrentStatus,
  GOVERNORATES,
  PERSON_STATUSES,
  personCreateSchema,
  personFieldsSchema,
  SOURCE_KINDS,
  statusStatementInputSchema,
} from "@athar/registry";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../auth/guard";
import type { AppContext } from "../context";
import {
  CONTACT_READERS,
  candidateSchema,
  inquiryView,
  inquiryViewSchema,
  mayReadContact,
  mergeSchema,
  pagination,
  personSummary,
  personSummarySchema,
  personView,
  personViewSchema,
  proposalReportSchema,
  TRACING,
  TRACING_OFFICERS,
} from "./tracing-views";

const personParams = z.object({ personId: z.uuid() });

const historyEntrySchema = z.object({
  at: z.string(),
  actorName: z.string(),
  action: z.string(),
  personId: z.string().nullable(),
});

export const personPageSchema = z.object({
  person: personViewSchema,
  cluster: z.object({
    id: z.string(),
    /** Derived from the statements of every record in the cluster. */
    status: currentStatusSchema,
    /** Every record of the cluster (this one included), oldest first, each with its own source. */
    members: z.array(personViewSchema),
  }),
  inquiries: z.array(inquiryViewSchema),
  consents: z.array(consentRecordSchema),
  candidates: z.array(candidateSchema),
  merges: z.array(mergeSchema),
  /** Who created and changed the cluster's records, from the audit trail (no content). */
  history: z.array(historyEntrySchema),
});

export const tracingPersonRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { store } = context;

    app.get(
      "/api/tracing/persons",
      {
        config: { access: TRACING },
        schema: {
          tags: ["tracing"],
          summary: "Search the registry by name (Arabic or Latin, forgiving spelling), ID or prisoner number",
          description:
            "One hit per person (cluster), shown by its best-matching record. `q` is free text: every word must match a name part, alternate name or kunya. Searches are recorded in the audit trail.",
          querystring: z.strictObject({
            q: z.string().trim().max(200).optional(),
            nationalId: z.string().trim().max(40).optional(),
            prisonerNumber: z.string().trim().max(50).optional(),
            status: z.enum(PERSON_STATUSES).optional(),
            sourceKind: z.enum(SOURCE_KINDS).optional(),
            governorate: z.enum(GOVERNORATES).optional(),
            ...pagination,
          }),
          response: {
            200: z.object({
              hits: z.array(
                z.object({ person: personSummarySchema, rank: z.number(), clusterSize: z.number().int() }),
              ),
              total: z.number().int(),
              truncated: z.boolean(),
            }),
          },
        },
      },
      async (request) => {
        const q = request.query;
        const result = await persons.searchPersons(store.db, q);
        // Who looked up whom: the trail that lets an insider's fishing be found afterwards.
        await store.write(actorOf(request), (w) =>
          w.audit({
            action: "registry.search",
            entityType: "registry",
            entityId: null,
            after: { ...q, total: result.total },
          }),
        );
        return {
          hits: result.hits.map((hit) => ({
            person: personSummary(hit.person),
            rank: hit.rank,
            clusterSize: hit.clusterSize,
          })),
          total: result.total,
          truncated: result.truncated,
        };
      },
    );

    app.post(
      "/api/tracing/persons",
      {
        config: { access: TRACING },
        schema: {
          tags: ["tracing"],
          summary: "Register a person record; matching proposals for it are computed at once",
          body: personCreateSchema,
          response: { 201: z.object({ person: personViewSchema, proposals: proposalReportSchema }) },
        },
      },
      async (request, reply) => {
        const body = request.body;
        if (!mayReadContact(request) && hasRestricted(body.restricted)) {
          throw new AtharError("forbidden", "your role may not record informants' details or photographs", [
            { path: "restricted", message: "only contact readers" },
          ]);
        }
        const result = await store.write(actorOf(request), async (w) => {
          const person = await persons.createPerson(w, body);
          const proposals = await matches.proposeForPerson(w, person.id);
          return { person: await persons.getPerson(w.trx, person.id), proposals };
        });
        return reply
          .code(201)
          .send({ person: personView(request, result.person), proposals: result.proposals });
      },
    );

    app.get(
      "/api/tracing/persons/:personId",
      {
        config: { access: TRACING },
        schema: {
          tags: ["tracing"],
          summary:
            "The person page: the record, its cluster with every source, status history, inquiries, proposals, merges, history",
          params: personParams,
          response: { 200: personPageSchema },
        },
      },
      async (request) => {
        const person = await persons.getPerson(store.db, request.params.personId);
        const members = await persons.getCluster(store.db, person.clusterId);
        const memberIds = new Set(members.map((m) => m.id));
        const candidates: matches.Candidate[] = [];
        for (const member of members) {
          const found = await matches.listCandidates(store.db, {
            states: ["open", "unsure"],
            personId: member.id,
            limit: 50,
            offset: 0,
          });
          for (const c of found.candidates) if (!candidates.some((x) => x.id === c.id)) candidates.push(c);
        }
        const history = [];
        for (const member of members) {
          const entries = await listAudit(store.db, {
            entityType: "person",
            entityId: member.id,
            limit: 100,
          });
          history.push(
            ...entries.map((e) => ({
              at: e.at,
              actorName: e.actorName,
              action: e.action,
              personId: e.entityId,
            })),
          );
        }
        history.sort((a, b) => b.at.localeCompare(a.at));
        const merges = await matches.listMerges(store.db, person.clusterId);
        const related = (await matches.listMerges(store.db, null, 500)).filter(
          (m) => !merges.some((x) => x.id === m.id) && m.memberIds.some((id) => memberIds.has(id)),
        );
        return {
          person: personView(request, person),
          cluster: {
            id: person.clusterId,
            status: deriveCurrentStatus(members.flatMap((m) => m.statuses)),
            members: members.map((m) => personView(request, m)),
          },
          inquiries: (await inquiries.inquiriesOfCluster(store.db, person.clusterId)).map((i) =>
            inquiryView(request, i),
          ),
          consents: await disclosure.consentsOfCluster(store.db, person.clusterId),
          candidates,
          merges: [...merges, ...related],
          history,
        };
      },
    );

    app.put(
      "/api/tracing/persons/:personId",
      {
        config: { access: TRACING },
        schema: {
          tags: ["tracing"],
          summary: "Replace a record's content",
          description:
            "`version` is the version the editor started from; a newer stored version answers 409 conflict. A caller who may not read restricted details leaves them as stored, whatever the body says.",
          params: personParams,
          body: z.strictObject({ version: z.number().int().min(1), record: personFieldsSchema }),
          response: { 200: personViewSchema },
        },
      },
      async (request) => {
        const { version, record } = request.body;
        const updated = await store.write(actorOf(request), async (w) => {
          const current = await persons.getPerson(w.trx, request.params.personId);
          const fields = mayReadContact(request) ? record : { ...record, restricted: current.restricted };
          const person = await persons.updatePerson(w, current.id, fields, version);
          await matches.proposeForPerson(w, person.id);
          return person;
        });
        return personView(request, updated);
      },
    );

    app.delete(
      "/api/tracing/persons/:personId",
      {
        config: { access: TRACING_OFFICERS },
        schema: {
          tags: ["tracing"],
          summary: "Delete a record (a mistaken entry, or at the end of its retention period)",
          params: personParams,
          body: z.strictObject({ reason: z.string().trim().min(1).max(2000) }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await store.write(actorOf(request), (w) =>
          persons.deletePerson(w, request.params.personId, request.body.reason),
        );
        return reply.code(204).send(null);
      },
    );

    app.post(
      "/api/tracing/persons/:personId/statuses",
      {
        config: { access: TRACING },
        schema: {
          tags: ["tracing"],
          summary: "Add a status statement (alive, deceased, sought, unknown) with its source",
          params: personParams,
          body: statusStatementInputSchema,
          response: { 201: personViewSchema },
        },
      },
      async (request, reply) => {
        const person = await store.write(actorOf(request), (w) =>
          persons.addStatusStatement(w, request.params.personId, request.body),
        );
        return reply.code(201).send(personView(request, person));
      },
    );

    app.post(
      "/api/tracing/persons/:personId/consents",
      {
        config: { access: CONTACT_READERS },
        schema: {
          tags: ["tracing"],
          summary: "Record the person's decision on what families may be told (for one inquiry or any)",
          params: personParams,
          body: consentInputSchema,
          response: { 201: consentRecordSchema },
        },
      },
      async (request, reply) => {
        const consent = await store.write(actorOf(request), (w) =>
          disclosure.addConsent(w, request.params.personId, request.body),
        );
        return reply.code(201).send(consent);
      },
    );

    app.post(
      "/api/tracing/persons/:personId/candidates",
      {
        config: { access: TRACING },
        schema: {
          tags: ["tracing"],
          summary: "Recompute matching proposals for this record",
          params: personParams,
          body: z.strictObject({}),
          response: { 200: proposalReportSchema },
        },
      },
      async (request) =>
        store.write(actorOf(request), (w) => matches.proposeForPerson(w, request.params.personId)),
    );
  };

function hasRestricted(restricted: { lastSeenBy: unknown; reporter: unknown; photos: unknown[] }): boolean {
  return restricted.lastSeenBy !== null || restricted.reporter !== null || restricted.photos.length > 0;
}
