import { Store } from "@athar/db";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test-support/databases";
import { databaseEnv, runCli } from "./run-cli";

describe("athar --help", () => {
  it("lists the commands and gives help on each", async () => {
    const help = await runCli(["--help"]);
    expect(help.code).toBe(0);
    for (const command of ["serve", "demo", "migrate", "user", "audit"])
      expect(help.stdout).toContain(command);
    const userAdd = await runCli(["user", "add", "--help"]);
    expect(userAdd.stdout).toContain("--username");
  });
  it("names an unknown role and exits non-zero without a stack trace", async () => {
    const result = await runCli(["user", "add", "--username", "x1", "--role", "wizard"], {
      stdin: "secret\n",
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown role "wizard"');
    expect(result.stderr).not.toMatch(/at .*\.ts:\d+/);
  });
  it("refuses an invalid configuration with the variable's name", async () => {
    const result = await runCli(["migrate"], { env: { DATABASE_URL: "mysql://nope" } });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("DATABASE_URL");
  });
});

describeEachDatabase("athar CLI on a database", (database) => {
  it("migrates, adds a user from stdin, and verifies the audit trail; then catches tampering", async () => {
    const env = databaseEnv(database().config);
    const migrate = await runCli(["migrate"], { env });
    expect(migrate.code).toBe(0);
    expect(migrate.stdout).toMatch(/applied: 0001-foundation|already up to date/);
    const again = await runCli(["migrate"], { env });
    expect(again.stdout).toContain("already up to date");

    const add = await runCli(["user", "add", "--username", "ops1", "--role", "coordinator", "analyst"], {
      env,
      stdin: "s3cret-pass\n",
    });
    expect(add.stderr).toBe("");
    expect(add.stdout).toContain("created ops1 (analyst, coordinator)");
    const duplicate = await runCli(["user", "add", "--username", "ops1", "--role", "viewer"], {
      env,
      stdin: "s3cret-pass\n",
    });
    expect(duplicate.code).toBe(2);
    expect(duplicate.stderr).toContain("already exists");
    await runCli(["user", "add", "--username", "ops2", "--role", "viewer"], { env, stdin: "another-pass\n" });

    const verify = await runCli(["audit", "verify"], { env });
    expect(verify.code).toBe(0);
    expect(verify.stdout).toContain("audit trail intact: 2 entries");

    const store = await Store.open(database().config);
    try {
      await sql`update audit_log set actor_name = ${"someone else"} where seq = 1`.execute(store.db);
    } finally {
      await store.close();
    }
    const tampered = await runCli(["audit", "verify", "--json"], { env });
    expect(tampered.code).toBe(1);
    expect(JSON.parse(tampered.stdout)).toMatchObject({ ok: false, problem: { kind: "altered", seq: 1 } });
  });
});
