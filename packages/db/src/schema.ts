/**
 * Table types as Kysely sees them. Both databases store the same shapes: ids are UUID text, timestamps are
 * ISO-8601 UTC text (they sort as text), JSON is text, booleans are 0/1 integers. Keeping to this common
 * subset is what lets one set of migrations and one set of queries serve SQLite and PostgreSQL.
 */
export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  disabled: number;
  failed_logins: number;
  locked_until: string | null;
  created_at: string;
  updated_at: string;
}

export interface UserRolesTable {
  user_id: string;
  role: string;
}

export interface SessionsTable {
  /** SHA-256 of the cookie token: a stolen database does not give working sessions. */
  id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

export interface LoginAttemptsTable {
  id: string;
  address: string;
  username: string;
  at: string;
  succeeded: number;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
  prev_hash: string;
  hash: string;
}

/** One row: the sequence number and hash of the newest audit entry. Updating it serialises appends. */
export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface SitesTable {
  id: string;
  name: string;
  description: string;
  ref_lat: number | null;
  ref_lon: number | null;
  created_at: string;
  updated_at: string;
}

export interface SiteMembersTable {
  site_id: string;
  user_id: string;
}

export interface BuildingsTable {
  id: string;
  site_id: string;
  name: string;
  footprint_json: string | null;
}

export interface LevelsTable {
  id: string;
  building_id: string;
  name: string;
  ordinal: number;
  status: string;
}

export interface SpacesTable {
  id: string;
  level_id: string;
  name: string;
  kind: string;
  status: string;
  polygon_json: string;
  notes: string;
}

export interface OpeningsTable {
  id: string;
  kind: string;
  name: string;
  space_a_id: string;
  space_b_id: string | null;
  position_x: number;
  position_y: number;
  width_m: number;
  lock_kind: string;
  material: string;
  thickness_m: number | null;
  concealed: number;
  state: string;
}

export interface SearchEventsTable {
  site_id: string;
  /** Position in the site's log, from 1. */
  seq: number;
  event_id: string;
  type: string;
  /** When it happened, as the event says. */
  at: string;
  recorded_by: string | null;
  /** When the server stored it (for a report queued offline, later than `at`). */
  recorded_at: string;
  payload_json: string;
}

export interface Database {
  users: UsersTable;
  user_roles: UserRolesTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  sites: SitesTable;
  site_members: SiteMembersTable;
  buildings: BuildingsTable;
  levels: LevelsTable;
  spaces: SpacesTable;
  openings: OpeningsTable;
  search_events: SearchEventsTable;
}
