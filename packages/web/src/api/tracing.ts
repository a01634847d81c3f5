/**
 * Calls of the tracing API (the registry, inquiries, the review queue, disclosure and the outbox, exchange)
 * and of the public inquiry form. Shapes follow packages/server/src/routes/tracing-*.ts and
 * public-inquiries.ts; the record model itself comes from @athar/registry, which the server uses too.
 * Imports go up with XMLHttpRequest so that the page can show the upload's progress.
 */
import type {
  CandidateKind,
  CandidateState,
  ConsentInput,
  ConsentRecord,
  ContactChannel,
  CsvImportOptions,
  CsvMapping,
  CurrentStatus,
  DisclosureKind,
  Explanation,
  Governorate,
  InquiryChannel,
  InquiryCreate,
  InquiryStatus,
  InquiryView,
  OutboxDraft,
  OutboxMessage,
  OutboxState,
  PersonCreate,
  PersonFields,
  PersonStatus,
  PersonView,
  PublicInquiry,
  PublicInquiryStatus,
  ReviewDecision,
  Sex,
  SourceKind,
  StatusStatementInput,
} from "@athar/registry";
import { ApiError, errorFromBody, queryString, request } from "./client";

/** A search hit's record, in brief (server: personSummarySchema). */
export interface PersonSummary {
  id: string;
  clusterId: string;
  displayName: string;
  arabicName: string;
  latinName: string;
  otherNames: string[];
  sex: Sex;
  /** `1985-03-12`, `1985-03`, `1985`, `about 1985`, or "". */
  birthDate: string;
  governorate: Governorate | null;
  nationalId: string | null;
  prisonerNumber: string | null;
  currentStatus: CurrentStatus;
  sourceKind: SourceKind;
  sourceReference: string;
  updatedAt: string;
}

export interface SearchHit {
  person: PersonSummary;
  rank: number;
  clusterSize: number;
}

export interface PersonSearch {
  q?: string;
  nationalId?: string;
  prisonerNumber?: string;
  status?: PersonStatus;
  sourceKind?: SourceKind;
  governorate?: Governorate;
  limit?: number;
  offset?: number;
}

export interface Candidate {
  id: string;
  kind: CandidateKind;
  /** For an inquiry match, the left record is the family's inquiry record. */
  leftPersonId: string;
  rightPersonId: string;
  inquiryId: string | null;
  probability: number;
  matchWeight: number;
  guarded: boolean;
  explanation: Explanation;
  state: CandidateState;
  reason: string;
  createdAt: string;
  updatedAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
}

export interface Merge {
  id: string;
  targetClusterId: string;
  mergedClusterId: string;
  memberIds: string[];
  candidateId: string | null;
  reason: string;
  createdAt: string;
  createdBy: string;
  undoneAt: string | null;
  undoneBy: string | null;
  undoReason: string | null;
}

export interface ProposalReport {
  engine: "linkage" | "fallback";
  compared: number;
  created: number;
  updated: number;
  reopened: number;
}

export interface PersonPage {
  person: PersonView;
  cluster: { id: string; status: CurrentStatus; members: PersonView[] };
  inquiries: InquiryView[];
  consents: ConsentRecord[];
  candidates: Candidate[];
  merges: Merge[];
  history: { at: string; actorName: string; action: string; personId: string | null }[];
}

export interface InquiryPage {
  inquiry: InquiryView;
  soughtPerson: PersonView;
  candidates: Candidate[];
}

export interface ReviewItem {
  candidate: Candidate;
  left: PersonView;
  right: PersonView;
}

export interface ReviewDetail extends ReviewItem {
  leftCluster: PersonSummary[];
  rightCluster: PersonSummary[];
}

export interface DisclosureAssessment {
  kind: DisclosureKind;
  allowed: boolean;
  /** The rule's reasons, in English (the server's words). */
  reasons: string[];
  basis: string[];
}

export interface CsvError {
  row: number;
  line: number;
  column: string;
  field: string;
  message: string;
}

export interface CsvPreview {
  headers: string[];
  mapping: CsvMapping;
  rows: {
    row: number;
    line: number;
    person: {
      arabicName: string;
      latinName: string;
      otherNames: string[];
      sex: string;
      birthDate: string;
      nationalId: string | null;
      status: string | null;
    } | null;
    errors: CsvError[];
  }[];
  totalRows: number;
  valid: number;
  errors: CsvError[];
}

export interface PfifReport {
  dryRun: boolean;
  persons: { created: number; alreadyPresent: number };
  notes: { created: number; alreadyPresent: number };
  statusStatements: number;
  linksProposed: number;
  warnings: string[];
  createdIds: string[];
}

export interface FullRunReport extends ProposalReport {
  records: number;
  skipped: number;
}

/** Called with the share of the request body sent so far, 0 to 1. */
export type Progress = (fraction: number) => void;

/**
 * A JSON POST through XMLHttpRequest, which reports upload progress (fetch does not). Errors are the same
 * ApiError as every other call.
 */
export function postWithProgress<T>(path: string, body: unknown, onProgress: Progress): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", path);
    xhr.setRequestHeader("content-type", "application/json");
    xhr.setRequestHeader("accept", "application/json");
    xhr.withCredentials = true;
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.upload.onload = () => onProgress(1);
    xhr.onerror = () => reject(new ApiError("network_error", 0, "network error"));
    xhr.onload = () => {
      let parsed: unknown = null;
      if (xhr.responseText !== "") {
        try {
          parsed = JSON.parse(xhr.responseText);
        } catch {
          reject(new ApiError("bad_response", xhr.status, "the answer is not JSON"));
          return;
        }
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(parsed as T);
      else reject(errorFromBody(xhr.status, parsed));
    };
    xhr.send(JSON.stringify(body));
  });
}

const id = (value: string): string => encodeURIComponent(value);

export const tracingApi = {
  search: (search: PersonSearch) =>
    request<{ hits: SearchHit[]; total: number; truncated: boolean }>(
      "GET",
      `/api/tracing/persons${queryString({ ...search })}`,
    ),
  person: (personId: string) => request<PersonPage>("GET", `/api/tracing/persons/${id(personId)}`),
  createPerson: (person: PersonCreate) =>
    request<{ person: PersonView; proposals: ProposalReport }>("POST", "/api/tracing/persons", person),
  updatePerson: (personId: string, version: number, record: PersonFields) =>
    request<PersonView>("PUT", `/api/tracing/persons/${id(personId)}`, { version, record }),
  addStatus: (personId: string, statement: StatusStatementInput) =>
    request<PersonView>("POST", `/api/tracing/persons/${id(personId)}/statuses`, statement),
  addConsent: (personId: string, consent: ConsentInput) =>
    request<ConsentRecord>("POST", `/api/tracing/persons/${id(personId)}/consents`, consent),
  proposeForPerson: (personId: string) =>
    request<ProposalReport>("POST", `/api/tracing/persons/${id(personId)}/candidates`, {}),

  inquiries: (query: { status?: InquiryStatus; channel?: InquiryChannel; limit?: number; offset?: number }) =>
    request<{ inquiries: InquiryView[]; total: number }>(
      "GET",
      `/api/tracing/inquiries${queryString({ ...query })}`,
    ),
  createInquiry: (inquiry: InquiryCreate) =>
    request<{ inquiry: InquiryView; soughtPerson: PersonView; proposals: ProposalReport }>(
      "POST",
      "/api/tracing/inquiries",
      inquiry,
    ),
  inquiry: (inquiryId: string) => request<InquiryPage>("GET", `/api/tracing/inquiries/${id(inquiryId)}`),
  setInquiryStatus: (inquiryId: string, status: InquiryStatus, reason: string) =>
    request<InquiryView>("POST", `/api/tracing/inquiries/${id(inquiryId)}/status`, { status, reason }),
  proposeForInquiry: (inquiryId: string) =>
    request<ProposalReport>("POST", `/api/tracing/inquiries/${id(inquiryId)}/candidates`, {}),
  disclosure: (inquiryId: string, channel: ContactChannel) =>
    request<{ assessments: DisclosureAssessment[] }>(
      "GET",
      `/api/tracing/inquiries/${id(inquiryId)}/disclosure${queryString({ channel })}`,
    ),

  review: (query: {
    state?: string;
    kind?: CandidateKind;
    inquiryId?: string;
    personId?: string;
    limit?: number;
    offset?: number;
  }) => request<{ items: ReviewItem[]; total: number }>("GET", `/api/tracing/review${queryString(query)}`),
  reviewItem: (candidateId: string) => request<ReviewDetail>("GET", `/api/tracing/review/${id(candidateId)}`),
  decide: (
    candidateId: string,
    body: { decision: ReviewDecision; reason: string; overrideSiblingWarning: boolean },
  ) =>
    request<{ candidate: Candidate; merge: Merge | null }>(
      "POST",
      `/api/tracing/review/${id(candidateId)}/decision`,
      body,
    ),
  propose: (leftPersonId: string, rightPersonId: string) =>
    request<Candidate>("POST", "/api/tracing/review/propose", { leftPersonId, rightPersonId }),
  runMatching: () => request<FullRunReport>("POST", "/api/tracing/matching/run", {}),
  merges: (clusterId?: string) =>
    request<{ merges: Merge[] }>("GET", `/api/tracing/merges${queryString({ clusterId })}`),
  undoMerge: (mergeId: string, reason: string) =>
    request<Merge>("POST", `/api/tracing/merges/${id(mergeId)}/undo`, { reason }),

  outbox: (query: { state?: OutboxState; inquiryId?: string; limit?: number; offset?: number }) =>
    request<{ messages: OutboxMessage[]; total: number }>(
      "GET",
      `/api/tracing/outbox${queryString({ ...query })}`,
    ),
  draft: (draft: OutboxDraft) => request<OutboxMessage>("POST", "/api/tracing/outbox", draft),
  approve: (messageId: string) =>
    request<OutboxMessage>("POST", `/api/tracing/outbox/${id(messageId)}/approve`, {}),
  markSent: (messageId: string) =>
    request<OutboxMessage>("POST", `/api/tracing/outbox/${id(messageId)}/sent`, {}),
  cancel: (messageId: string, reason: string) =>
    request<OutboxMessage>("POST", `/api/tracing/outbox/${id(messageId)}/cancel`, { reason }),

  csvPreview: (options: CsvImportOptions, onProgress: Progress) =>
    postWithProgress<CsvPreview>("/api/tracing/import/csv/preview", options, onProgress),
  csvImport: (options: CsvImportOptions, onProgress: Progress) =>
    postWithProgress<{ created: number; ids: string[] }>("/api/tracing/import/csv", options, onProgress),
  pfifImport: (content: string, dryRun: boolean, onProgress: Progress) =>
    postWithProgress<PfifReport>("/api/tracing/import/pfif", { content, dryRun }, onProgress),
  /** Downloads (the browser saves the attachment): the session cookie goes with a plain link. */
  exportPfifUrl: (includeRestricted: boolean) =>
    `/api/tracing/export/pfif${queryString({ includeRestricted: includeRestricted ? "true" : undefined })}`,
  exportCsvUrl: () => "/api/tracing/export/csv",
};

/** The public form: no account. */
export const publicApi = {
  submit: (inquiry: PublicInquiry) =>
    request<{ receiptCode: string; status: PublicInquiryStatus }>("POST", "/api/public/inquiries", inquiry),
  status: (receiptCode: string) =>
    request<PublicInquiryStatus>("POST", "/api/public/inquiries/status", { receiptCode }),
};
