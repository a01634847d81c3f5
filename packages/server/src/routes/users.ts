import { notFound, ROLE_GROUPS, ROLES } from "@athar/core";
import { users } from "@athar/db";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../auth/guard";
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "../auth/passwords";
import type { AppContext } from "../context";

const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  disabled: z.boolean(),
});

export const userRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { store } = context;
    const admins = { roles: ["admin"] } as const;

    app.get(
      "/api/users",
      {
        config: { access: admins },
        schema: { tags: ["users"], summary: "All accounts", response: { 200: z.array(userSchema) } },
      },
      async () => users.listUsers(store.db),
    );

    app.get(
      "/api/users/directory",
      {
        config: { access: { roles: ROLE_GROUPS.siteEditors } },
        schema: {
          tags: ["users"],
          summary: "Usernames and roles, for adding members to a site",
          response: {
            200: z.array(userSchema.pick({ id: true, username: true, displayName: true, roles: true })),
          },
        },
      },
      async () =>
        (await users.listUsers(store.db)).filter((u) => !u.disabled).map(({ disabled: _d, ...u }) => u),
    );

    app.post(
      "/api/users",
      {
        config: { access: admins },
        schema: {
          tags: ["users"],
          summary: "Create an account",
          body: z.strictObject({
            username: z.string().min(2).max(64),
            displayName: z.string().trim().min(1).max(200).optional(),
            password: z.string().min(MIN_PASSWORD_LENGTH).max(MAX_PASSWORD_LENGTH),
            roles: z.array(z.enum(ROLES)).min(1),
          }),
          response: { 201: userSchema },
        },
      },
      async (request, reply) => {
        const passwordHash = await hashPassword(request.body.password);
        const { displayName, username, roles } = request.body;
        const user = await store.write(actorOf(request), (w) =>
          users.createUser(w, { username, passwordHash, roles, ...(displayName ? { displayName } : {}) }),
        );
        return reply.code(201).send(user);
      },
    );

    app.put(
      "/api/users/:userId/roles",
      {
        config: { access: admins },
        schema: {
          tags: ["users"],
          summary: "Replace an account's roles",
          params: z.object({ userId: z.uuid() }),
          body: z.strictObject({ roles: z.array(z.enum(ROLES)).min(1) }),
          response: { 200: userSchema },
        },
      },
      async (request) => {
        const existing = await users.getUser(store.db, request.params.userId);
        if (!existing) throw notFound("user");
        await store.write(actorOf(request), (w) =>
          users.setUserRoles(w, request.params.userId, request.body.roles),
        );
        return { ...existing, roles: [...new Set(request.body.roles)].sort() };
      },
    );
  };
