/**
 * The one module that talks to the server. Every call returns typed data or throws an ApiError whose `code`
 * is one of the server's stable error codes (packages/core/src/errors.ts) or one of the two the client adds
 * itself; the UI shows the translation of the code, never the server's English message.
 */
import type {
  Building,
  ErrorCode,
  ErrorDetail,
  Level,
  Opening,
  OpeningInput,
  Role,
  Site,
  Space,
  SpaceInput,
} from "@athar/core";
import { ERROR_CODES } from "@athar/core";

/** `network_error`: the server could not be reached; `bad_response`: it answered something unreadable. */
export type ApiErrorCode = ErrorCode | "network_error" | "bad_response";

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly status: number;
  readonly details: readonly ErrorDetail[];

  constructor(code: ApiErrorCode, status: number, message: string, details: readonly ErrorDetail[] = []) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

export interface Me {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
}

export type LevelSummary = Level & { spaceCount: number };

export interface SiteOutline {
  site: Site;
  buildings: Building[];
  /** Ordered by ordinal, highest first. */
  levels: LevelSummary[];
}

export interface LevelPlan {
  level: Level;
  spaces: Space[];
  /** Openings touching a space of this level, including those leading to another level. */
  openings: Opening[];
}

export type SpaceUpdate = Omit<SpaceInput, "levelId">;

export interface AuditEntry {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  prevHash: string;
  hash: string;
}

export interface AuditQuery {
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  /** ISO 8601 date-time. */
  from?: string;
  to?: string;
  beforeSeq?: number;
  limit?: number;
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  headHash: string;
  problem: Record<string, unknown> | null;
}

export interface UserAccount extends Me {
  disabled: boolean;
}

/** A live event as sent on /api/events (event name `change`). */
export interface LiveChange {
  type: string;
  siteId: string | null;
  entityId: string | null;
  at: string;
  data?: Record<string, unknown>;
}

type Method = "GET" | "POST" | "PUT" | "DELETE";

const isErrorCode = (value: unknown): value is ErrorCode => typeof value === "string" && value in ERROR_CODES;

export function errorFromBody(status: number, body: unknown): ApiError {
  if (typeof body === "object" && body !== null && "error" in body) {
    const error = (body as { error: unknown }).error;
    if (typeof error === "object" && error !== null) {
      const { code, message, details } = error as { code?: unknown; message?: unknown; details?: unknown };
      if (isErrorCode(code)) {
        return new ApiError(
          code,
          status,
          typeof message === "string" ? message : code,
          Array.isArray(details) ? (details as ErrorDetail[]) : [],
        );
      }
    }
  }
  return new ApiError("bad_response", status, `unexpected answer with status ${status}`);
}

const unauthenticatedListeners = new Set<() => void>();

/** Called whenever the server answers 401 to a signed-in call: the session has ended or expired. */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  let payload: string | undefined;
  // The server accepts state-changing requests only with a JSON body (its CSRF rule); DELETE has none.
  if (method === "POST" || method === "PUT") {
    headers["content-type"] = "application/json";
    payload = JSON.stringify(body ?? {});
  }
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: payload, credentials: "same-origin" });
  } catch (cause) {
    throw new ApiError("network_error", 0, cause instanceof Error ? cause.message : "network error");
  }
  const text = await response.text();
  let parsed: unknown = null;
  if (text !== "") {
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new ApiError("bad_response", response.status, "the answer is not JSON");
    }
  }
  if (!response.ok) {
    const error = errorFromBody(response.status, parsed);
    if (error.code === "unauthenticated" && path !== "/api/auth/me") {
      for (const listener of unauthenticatedListeners) listener();
    }
    throw error;
  }
  return parsed as T;
}

export function queryString(query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== "") params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

const id = (value: string): string => encodeURIComponent(value);

export const api = {
  login: (username: string, password: string) =>
    request<Me>("POST", "/api/auth/login", { username, password }),
  logout: () => request<null>("POST", "/api/auth/logout"),
  me: () => request<Me>("GET", "/api/auth/me"),
  changePassword: (currentPassword: string, newPassword: string) =>
    request<null>("POST", "/api/auth/password", { currentPassword, newPassword }),

  sites: () => request<Site[]>("GET", "/api/sites"),
  site: (siteId: string) => request<SiteOutline>("GET", `/api/sites/${id(siteId)}`),
  levelPlan: (levelId: string) => request<LevelPlan>("GET", `/api/levels/${id(levelId)}/plan`),

  createSpace: (input: SpaceInput) => request<Space>("POST", "/api/spaces", input),
  updateSpace: (spaceId: string, input: SpaceUpdate) =>
    request<Space>("PUT", `/api/spaces/${id(spaceId)}`, input),
  deleteSpace: (spaceId: string) => request<null>("DELETE", `/api/spaces/${id(spaceId)}`),

  createOpening: (input: OpeningInput) => request<Opening>("POST", "/api/openings", input),
  updateOpening: (openingId: string, input: OpeningInput) =>
    request<Opening>("PUT", `/api/openings/${id(openingId)}`, input),
  deleteOpening: (openingId: string) => request<null>("DELETE", `/api/openings/${id(openingId)}`),

  audit: (query: AuditQuery) =>
    request<{ entries: AuditEntry[] }>("GET", `/api/audit${queryString({ ...query })}`),
  verifyAudit: () => request<AuditVerification>("GET", "/api/audit/verify"),
  users: () => request<UserAccount[]>("GET", "/api/users"),

  /** The server-sent event stream of one site; open it with `new EventSource(url)`. */
  eventsUrl: (siteId: string) => `/api/events${queryString({ siteId })}`,
};
