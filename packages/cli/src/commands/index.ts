/**
 * Every command group of `athar`. One file per area under this folder, each exporting `register(program)`.
 * Add a line here (and only a line) when an area gains commands.
 */
import type { Command } from "commander";
import * as audit from "./audit";
import * as link from "./link";
import * as registry from "./registry";
import * as search from "./search";
import * as server from "./server";
import * as site from "./site";
import * as users from "./users";

export function registerAllCommands(program: Command): void {
  server.register(program);
  users.register(program);
  audit.register(program);
  site.register(program);
  registry.register(program);
  search.register(program);
  link.register(program);
}
