/** `athar user add`: create an account from the command line (the first admin of a new deployment). */
import { loadConfig } from "@athar/config";
import { isRole, ROLES, type Role } from "@athar/core";
import type { Command } from "commander";
import { CliInputError } from "../cli-error";
import { readSecret } from "../prompt";

export function register(program: Command): void {
  const user = program.command("user").description("Manage accounts");
  user
    .command("add")
    .description("Create an account; the password is read from a prompt, or from stdin when piped")
    .requiredOption("--username <name>", "login name (letters, digits, . _ -)")
    .requiredOption("--role <role...>", `one or more of: ${ROLES.join(", ")}`)
    .option("--display-name <name>", "name shown in the app")
    .action(async (options: { username: string; role: string[]; displayName?: string }) => {
      const roles: Role[] = [];
      for (const role of options.role.flatMap((r) => r.split(","))) {
        if (!isRole(role))
          throw new CliInputError(`--role: unknown role "${role}" (one of ${ROLES.join(", ")})`);
        roles.push(role);
      }
      const password = await readSecret("Password: ");
      if (password.length < 4) throw new CliInputError("password: at least 4 characters");
      const config = loadConfig();
      const { Store, SYSTEM_ACTOR, users } = await import("@athar/db");
      const { hashPassword } = await import("@athar/server");
      const store = await Store.open(config.database);
      try {
        const passwordHash = await hashPassword(password);
        const created = await store.write(SYSTEM_ACTOR, (w) =>
          users.createUser(w, {
            username: options.username,
            roles,
            passwordHash,
            ...(options.displayName ? { displayName: options.displayName } : {}),
          }),
        );
        process.stdout.write(`created ${created.username} (${created.roles.join(", ")})\n`);
      } finally {
        await store.close();
      }
    });
}
