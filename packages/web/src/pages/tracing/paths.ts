/**
 * Addresses of the tracing pages and of the public inquiry pages. routes.tsx maps the patterns to pages;
 * components build links with `tracingPaths` so that no component spells a path by hand.
 */
export const TRACING_PATTERNS = {
  registry: "/tracing",
  personNew: "/tracing/persons/new",
  person: "/tracing/persons/:personId",
  personEdit: "/tracing/persons/:personId/edit",
  inquiries: "/tracing/inquiries",
  inquiryNew: "/tracing/inquiries/new",
  inquiry: "/tracing/inquiries/:inquiryId",
  review: "/tracing/review",
  reviewItem: "/tracing/review/:candidateId",
  outbox: "/tracing/outbox",
  exchange: "/tracing/exchange",
  publicInquiry: "/inquiry",
  publicStatus: "/inquiry/status",
} as const;

const id = (value: string) => encodeURIComponent(value);

export const tracingPaths = {
  registry: (query?: URLSearchParams) => {
    const text = query?.toString() ?? "";
    return text ? `/tracing?${text}` : "/tracing";
  },
  personNew: () => "/tracing/persons/new",
  person: (personId: string) => `/tracing/persons/${id(personId)}`,
  personEdit: (personId: string) => `/tracing/persons/${id(personId)}/edit`,
  inquiries: (query?: URLSearchParams) => {
    const text = query?.toString() ?? "";
    return text ? `/tracing/inquiries?${text}` : "/tracing/inquiries";
  },
  inquiryNew: () => "/tracing/inquiries/new",
  inquiry: (inquiryId: string) => `/tracing/inquiries/${id(inquiryId)}`,
  review: (query?: URLSearchParams) => {
    const text = query?.toString() ?? "";
    return text ? `/tracing/review?${text}` : "/tracing/review";
  },
  reviewItem: (candidateId: string) => `/tracing/review/${id(candidateId)}`,
  outbox: () => "/tracing/outbox",
  exchange: () => "/tracing/exchange",
  publicInquiry: () => "/inquiry",
  publicStatus: () => "/inquiry/status",
};
