/**
 * Roles. A user holds one or more. Each HTTP route declares which roles may call it (least privilege):
 * a role not listed gets 403, an anonymous caller 401.
 */
export const ROLES = [
  "admin",
  "coordinator",
  "team_lead",
  "field",
  "tracing_officer",
  "family_liaison",
  "analyst",
  "viewer",
] as const;

export type Role = (typeof ROLES)[number];

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/** Named groups used by route declarations, so that a change of policy is made in one place. */
export const ROLE_GROUPS = {
  /** May read site models and search pictures. Tracing staff have no need to see the site. */
  siteReaders: ["admin", "coordinator", "team_lead", "field", "analyst", "viewer"],
  /** May change the site model. */
  siteEditors: ["admin", "coordinator"],
  /** May read the audit trail. */
  auditors: ["admin"],
  /** May read and write tracing data (persons, inquiries). */
  tracing: ["admin", "tracing_officer", "family_liaison"],
  /** May see contact data of families and informants. */
  contactReaders: ["tracing_officer", "family_liaison"],
  everyone: ROLES,
} as const satisfies Record<string, readonly Role[]>;

/** Shortest password accepted. Low because demo accounts use "demo"; deployments should ask for more. */
export const MIN_PASSWORD_LENGTH = 4;
