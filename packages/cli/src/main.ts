/**
 * `athar`: the command line. Each area registers its commands from `commands/`; this file only wires them
 * and turns errors into a message and a non-zero exit code (never a stack trace for bad input).
 */
import { isAtharError } from "@athar/core";
import { Command, CommanderError } from "commander";
import { CliInputError } from "./cli-error";
import { registerAllCommands } from "./commands/index";

const program = new Command("athar")
  .description("Athar (أثر): search, rescue and tracing after a detention facility falls")
  .showHelpAfterError()
  .exitOverride();

registerAllCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode;
  } else if (error instanceof CliInputError || isAtharError(error)) {
    process.stderr.write(`athar: ${error.message}\n`);
    if (isAtharError(error) && error.details) {
      for (const detail of error.details)
        process.stderr.write(`  ${detail.path ? `${detail.path}: ` : ""}${detail.message}\n`);
    }
    process.exitCode = 2;
  } else {
    process.stderr.write(
      `athar: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  }
}
