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

/** What an imported IMDF archive holds beyond the site model (migration 0005). */
export interface SitePlanExtrasTable {
  site_id: string;
  source_name: string;
  source_sha256: string;
  source_bytes: number;
  imported_at: string;
  imported_by: string;
  extras_json: string;
}

/** Search operations (migration 0004). */
export interface TeamsTable {
  id: string;
  site_id: string;
  /** INSARAG-style team identifier (country code and two digits, e.g. SYR-01), unique per site. */
  call_sign: string;
  name: string;
  organisation: string;
  capabilities_json: string;
  /** Pseudonymous members: [{ alias, role }]. */
  members_json: string;
  leader_user_id: string | null;
  availability: string;
  work_limit_minutes: number;
  shift_started_at: string | null;
  notes: string;
  created_at: string;
  updated_at: string;
}

export interface AssignmentsTable {
  id: string;
  site_id: string;
  team_id: string | null;
  title: string;
  method_id: string;
  planned_minutes: number;
  asr_target: number;
  safety_notes: string;
  notes: string;
  status: string;
  /** The report that completed it. */
  report_id: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface AssignmentSegmentsTable {
  assignment_id: string;
  position: number;
  segment_id: string;
  segment_kind: string;
  label: string;
  level_id: string | null;
  area_m2: number | null;
}

export interface AssignmentTransitionsTable {
  id: string;
  assignment_id: string;
  seq: number;
  from_status: string | null;
  to_status: string;
  team_id: string | null;
  at: string;
  actor_id: string | null;
  actor_name: string;
  reason: string;
  report_id: string | null;
}

export interface FieldReportsTable {
  id: string;
  site_id: string;
  assignment_id: string;
  team_id: string | null;
  idempotency_key: string;
  /** SHA-256 of the canonical JSON of the submitted body: a key reused for a different body is refused. */
  request_hash: string;
  status: string;
  conflict_reason: string | null;
  resolved_by: string | null;
  resolved_at: string | null;
  resolution_note: string | null;
  /** 1 when its searches are in the site's search log. */
  counted: number;
  body_json: string;
  effort_minutes: number;
  outcome: string;
  search_event_ids_json: string;
  marking_json: string;
  submitted_by_id: string | null;
  submitted_by_name: string;
  received_at: string;
}

export interface WorksitesTable {
  id: string;
  site_id: string;
  segment_id: string;
  code: string;
  opened_by_team_id: string | null;
  created_at: string;
}

export interface BreachTasksTable {
  id: string;
  site_id: string;
  opening_id: string | null;
  segment_id: string | null;
  report_id: string | null;
  team_id: string | null;
  status: string;
  description: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  closed_by: string | null;
  closed_at: string | null;
}

export interface AttachmentsTable {
  id: string;
  site_id: string;
  owner_type: string;
  owner_id: string;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  description: string;
  uploaded_by_id: string | null;
  uploaded_by_name: string;
  received_at: string;
}

export interface CustodyEventsTable {
  id: string;
  attachment_id: string;
  seq: number;
  action: string;
  actor_id: string | null;
  actor_name: string;
  at: string;
  detail: string;
}

export interface OpsEventsTable {
  site_id: string;
  seq: number;
  at: string;
  type: string;
  entity_type: string;
  entity_id: string;
  actor_name: string;
  summary_json: string;
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
  site_plan_extras: SitePlanExtrasTable;
  teams: TeamsTable;
  assignments: AssignmentsTable;
  assignment_segments: AssignmentSegmentsTable;
  assignment_transitions: AssignmentTransitionsTable;
  field_reports: FieldReportsTable;
  worksites: WorksitesTable;
  breach_tasks: BreachTasksTable;
  attachments: AttachmentsTable;
  custody_events: CustodyEventsTable;
  ops_events: OpsEventsTable;
  persons: PersonsTable;
  person_statuses: PersonStatusesTable;
  person_name_keys: PersonNameKeysTable;
  person_pfif: PersonPfifTable;
  pfif_notes: PfifNotesTable;
  inquiries: InquiriesTable;
  public_requests: PublicRequestsTable;
  match_candidates: MatchCandidatesTable;
  merges: MergesTable;
  disclosure_consents: DisclosureConsentsTable;
  outbox_messages: OutboxMessagesTable;
  linkage_models: LinkageModelsTable;
}

/** The tracing registry (migration 0002). */
export interface PersonsTable {
  id: string;
  /** The cluster (same person) this record is in: the id of one of its records. */
  cluster_id: string;
  source_kind: string;
  source_json: string;
  /** The record's content but its source and restricted details (PersonFields). */
  fields_json: string;
  /** Informants, reporters, photographs: only contact readers see them. */
  restricted_json: string;
  display_name: string;
  sex: string;
  birth_year: number | null;
  governorate: string | null;
  national_id: string | null;
  prisoner_number: string | null;
  external_system: string | null;
  external_id: string | null;
  current_status: string;
  status_conflicting: number;
  /** Version of the key function that wrote this record's search keys (a new version means a reindex). */
  search_key_version: number;
  created_at: string;
  updated_at: string;
  created_by: string;
  version: number;
}

export interface PersonStatusesTable {
  id: string;
  person_id: string;
  status: string;
  source: string;
  source_reference: string;
  stated_on_json: string | null;
  documented: number;
  note: string;
  recorded_at: string;
  recorded_by: string;
}

export interface PersonNameKeysTable {
  person_id: string;
  key: string;
}

/** A PFIF person as received, so that a record nobody edited is exported exactly as it came. */
export interface PersonPfifTable {
  person_id: string;
  fields_json: string;
  extensions_json: string;
  /** SHA-256 of the record's content right after the import. */
  imported_hash: string;
  imported_at: string;
}

export interface PfifNotesTable {
  id: string;
  person_id: string;
  note_record_id: string;
  /** Order of the note in the imported documents. */
  position: number;
  fields_json: string;
  /** The status statement the note made, if any. */
  statement_id: string | null;
  imported_at: string;
}

export interface InquiriesTable {
  id: string;
  channel: string;
  status: string;
  relationship: string;
  requester_json: string;
  circumstances: string;
  consent_json: string;
  sought_person_id: string;
  receipt_hash: string | null;
  language: string;
  closed_reason: string;
  created_at: string;
  updated_at: string;
  created_by: string;
}

/** Requests to the public inquiry endpoints, per hashed address, for rate limiting; swept after a day. */
export interface PublicRequestsTable {
  id: string;
  address_hash: string;
  kind: string;
  at: string;
}

export interface MatchCandidatesTable {
  id: string;
  kind: string;
  left_person_id: string;
  right_person_id: string;
  inquiry_id: string | null;
  probability: number;
  match_weight: number;
  guarded: number;
  explanation_json: string;
  state: string;
  left_version: number;
  right_version: number;
  created_at: string;
  updated_at: string;
  decided_at: string | null;
  decided_by: string | null;
  reason: string;
}

export interface MergesTable {
  id: string;
  target_cluster_id: string;
  merged_cluster_id: string;
  member_ids_json: string;
  candidate_id: string | null;
  reason: string;
  created_at: string;
  created_by: string;
  undone_at: string | null;
  undone_by: string | null;
  undo_reason: string | null;
}

export interface DisclosureConsentsTable {
  id: string;
  person_id: string;
  decision: string;
  scopes_json: string;
  inquiry_id: string | null;
  obtained_how: string;
  note: string;
  recorded_at: string;
  recorded_by: string;
}

export interface OutboxMessagesTable {
  id: string;
  inquiry_id: string;
  kind: string;
  channel: string;
  recipient_json: string;
  body: string;
  state: string;
  basis_json: string;
  created_at: string;
  created_by: string;
  approved_at: string | null;
  approved_by: string | null;
  sent_at: string | null;
  sent_by: string | null;
  cancelled_at: string | null;
  cancelled_by: string | null;
  cancel_reason: string;
}

export interface LinkageModelsTable {
  id: string;
  created_at: string;
  records: number;
  model_json: string;
}
