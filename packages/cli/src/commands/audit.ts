/** `athar audit verify`: walk the audit hash chain and report the first broken entry. */
import { loadConfig } from "@athar/config";
import type { Command } from "commander";

export function register(program: Command): void {
  const audit = program.command("audit").description("The audit trail");
  audit
    .command("verify")
    .description("Check that no audit entry was altered, removed or reordered; exits 1 if one was")
    .option("--json", "print the result as JSON")
    .action(async (options: { json?: boolean }) => {
      const config = loadConfig();
      const { Store, verifyAuditChain } = await import("@athar/db");
      const store = await Store.open(config.database);
      try {
        const result = await verifyAuditChain(store.db);
        if (options.json) process.stdout.write(`${JSON.stringify(result)}\n`);
        else if (result.ok)
          process.stdout.write(`audit trail intact: ${result.entries} entries, head ${result.headHash}\n`);
        else {
          const p = result.problem;
          const where =
            p?.kind === "altered"
              ? `entry ${p.seq} was altered (its hash does not match its content)`
              : p?.kind === "reordered"
                ? `entry ${p.seq} does not chain to the entry before it (an entry was replaced or reordered)`
                : p?.kind === "missing"
                  ? `entry ${p.expectedSeq} is missing${p.foundSeq === null ? " (entries were removed from the end)" : ` (next found: ${p.foundSeq})`}`
                  : p?.kind === "head_mismatch"
                    ? `the chain head (${p.headSeq}) does not match the last entry (${p.lastSeq})`
                    : "unknown problem";
          process.stdout.write(
            `AUDIT TRAIL BROKEN: ${where}; ${result.entries} entries verified before it\n`,
          );
        }
        if (!result.ok) process.exitCode = 1;
      } finally {
        await store.close();
      }
    });
}
