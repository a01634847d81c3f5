/**
 * Who may do what on the search side. Everyone who may read a site's model may read its search picture
 * (heat map, evidence, hypotheses, likelihood table, coverage report, log export). Recording and grading
 * evidence, hypotheses, planners' estimates and the likelihood table are analysis work: coordinators and
 * analysts (and administrators). See docs/decisions/search-api.md.
 */
import { ROLE_GROUPS } from "@athar/core";

export const SEARCH_ROLES = {
  readers: ROLE_GROUPS.siteReaders,
  analysts: ["admin", "coordinator", "analyst"],
} as const;
