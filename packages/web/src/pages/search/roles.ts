/**
 * Who may record and grade evidence, hypotheses and the likelihood table: the same roles as the server's
 * SEARCH_ROLES.analysts (packages/server/src/search/access.ts). Everyone who may read a site reads the search.
 */
import type { Role } from "@athar/core";

export const SEARCH_WRITERS: readonly Role[] = ["admin", "coordinator", "analyst"];
