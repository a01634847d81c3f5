/**
 * Every command group of `athar`. One file per area under this folder, each exporting `register(program)`.
 * Add a line here (and only a line) when an area gains commands.
 */
import type { Command } from "commander";

export function registerAllCommands(program: Command): void {
  void program;
}
