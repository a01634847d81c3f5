/**
 * Every page of the app, in one table: its path, who may open it, and whether it appears in the navigation.
 * A new area (search, tracing, field operations) adds its pages under src/pages/<area>/ and its lines here.
 */
import { ROLE_GROUPS, type Role } from "@athar/core";
import type { ComponentType } from "react";
import type { TranslationKey } from "../i18n/keys";
import { AccountPage } from "../pages/account/AccountPage";
import { AuditPage } from "../pages/audit/AuditPage";
import { HomePage } from "../pages/HomePage";
import { BoardPage } from "../pages/operations/BoardPage";
import { FieldPage } from "../pages/operations/FieldPage";
import { OperationsHomePage } from "../pages/operations/OperationsHomePage";
import { PublicInquiryPage } from "../pages/public/PublicInquiryPage";
import { PublicStatusPage } from "../pages/public/PublicStatusPage";
import { ReportPage as SearchReportPage } from "../pages/search/ReportPage";
import { SearchPage } from "../pages/search/SearchPage";
import { ImdfImportPage } from "../pages/site-analysis/ImdfImportPage";
import { SiteAnalysisPage } from "../pages/site-analysis/SiteAnalysisPage";
import { SiteListPage } from "../pages/sites/SiteListPage";
import { SitePlanPage } from "../pages/sites/SitePlanPage";
import { ExchangePage } from "../pages/tracing/ExchangePage";
import { InquiryListPage } from "../pages/tracing/InquiryListPage";
import { InquiryNewPage } from "../pages/tracing/InquiryNewPage";
import { InquiryPage } from "../pages/tracing/InquiryPage";
import { OutboxPage } from "../pages/tracing/OutboxPage";
import { PersonEditPage, PersonNewPage } from "../pages/tracing/PersonEditPages";
import { PersonPage } from "../pages/tracing/PersonPage";
import { TRACING_PATTERNS as TP } from "../pages/tracing/paths";
import { RegistryPage } from "../pages/tracing/RegistryPage";
import { ReviewPage, ReviewQueuePage } from "../pages/tracing/ReviewPages";

export interface PageProps {
  params: Record<string, string>;
  query: URLSearchParams;
}

export interface RouteDefinition {
  id: string;
  pattern: string;
  page: ComponentType<PageProps>;
  roles: readonly Role[] | "authenticated";
  /** Shown in the header's navigation, for users who may open it. */
  nav?: { label: TranslationKey };
}

export const ROUTES: readonly RouteDefinition[] = [
  { id: "home", pattern: "/", page: HomePage, roles: "authenticated" },
  {
    id: "sites",
    pattern: "/sites",
    page: SiteListPage,
    roles: ROLE_GROUPS.siteReaders,
    nav: { label: "nav.sites" },
  },
  { id: "site-import", pattern: "/sites/import", page: ImdfImportPage, roles: ROLE_GROUPS.siteEditors },
  { id: "plan", pattern: "/sites/:siteId", page: SitePlanPage, roles: ROLE_GROUPS.siteReaders },
  {
    id: "site-analysis",
    pattern: "/sites/:siteId/analysis",
    page: SiteAnalysisPage,
    roles: ROLE_GROUPS.siteReaders,
  },
  {
    id: "operations-board",
    pattern: "/sites/:siteId/operations",
    page: BoardPage,
    roles: ROLE_GROUPS.siteReaders,
  },
  {
    id: "operations",
    pattern: "/operations",
    page: OperationsHomePage,
    roles: ROLE_GROUPS.siteReaders,
    nav: { label: "operations.nav.area" },
  },
  { id: "field", pattern: "/field", page: FieldPage, roles: ["admin", "coordinator", "team_lead"] },
  { id: "search", pattern: "/sites/:siteId/search", page: SearchPage, roles: ROLE_GROUPS.siteReaders },
  {
    id: "search-report",
    pattern: "/sites/:siteId/search/report",
    page: SearchReportPage,
    roles: ROLE_GROUPS.siteReaders,
  },
  {
    id: "audit",
    pattern: "/audit",
    page: AuditPage,
    roles: ROLE_GROUPS.auditors,
    nav: { label: "nav.audit" },
  },
  // Tracing (registry, inquiries, review, outbox, exchange): one header entry, the area's tabs below it.
  {
    id: "tracing",
    pattern: TP.registry,
    page: RegistryPage,
    roles: ROLE_GROUPS.tracing,
    nav: { label: "tracing.nav.area" },
  },
  { id: "tracing-person-new", pattern: TP.personNew, page: PersonNewPage, roles: ROLE_GROUPS.tracing },
  { id: "tracing-person", pattern: TP.person, page: PersonPage, roles: ROLE_GROUPS.tracing },
  { id: "tracing-person-edit", pattern: TP.personEdit, page: PersonEditPage, roles: ROLE_GROUPS.tracing },
  { id: "tracing-inquiries", pattern: TP.inquiries, page: InquiryListPage, roles: ROLE_GROUPS.tracing },
  {
    id: "tracing-inquiry-new",
    pattern: TP.inquiryNew,
    page: InquiryNewPage,
    roles: ROLE_GROUPS.contactReaders,
  },
  { id: "tracing-inquiry", pattern: TP.inquiry, page: InquiryPage, roles: ROLE_GROUPS.tracing },
  { id: "tracing-review", pattern: TP.review, page: ReviewQueuePage, roles: ROLE_GROUPS.tracing },
  { id: "tracing-review-item", pattern: TP.reviewItem, page: ReviewPage, roles: ROLE_GROUPS.tracing },
  { id: "tracing-outbox", pattern: TP.outbox, page: OutboxPage, roles: ROLE_GROUPS.contactReaders },
  { id: "tracing-exchange", pattern: TP.exchange, page: ExchangePage, roles: ["admin", "tracing_officer"] },
  { id: "account", pattern: "/account", page: AccountPage, roles: "authenticated" },
];

/**
 * Pages anyone may open without an account (the public inquiry form and its status page). App renders them
 * before looking at the session, in their own frame: no header, no navigation, nothing that depends on who
 * is signed in.
 */
export const PUBLIC_ROUTES: readonly Pick<RouteDefinition, "id" | "pattern" | "page">[] = [
  { id: "public-inquiry", pattern: TP.publicInquiry, page: PublicInquiryPage },
  { id: "public-inquiry-status", pattern: TP.publicStatus, page: PublicStatusPage },
];

/** Addresses of pages, so that no component spells a path by hand. */
export const paths = {
  home: () => "/",
  sites: () => "/sites",
  plan: (siteId: string, levelId?: string) =>
    `/sites/${encodeURIComponent(siteId)}${levelId ? `?level=${encodeURIComponent(levelId)}` : ""}`,
  siteAnalysis: (siteId: string, levelId?: string) =>
    `/sites/${encodeURIComponent(siteId)}/analysis${levelId ? `?level=${encodeURIComponent(levelId)}` : ""}`,
  siteImport: (siteId?: string) => `/sites/import${siteId ? `?siteId=${encodeURIComponent(siteId)}` : ""}`,
  operations: (siteId?: string) =>
    siteId ? `/sites/${encodeURIComponent(siteId)}/operations` : "/operations",
  field: () => "/field",
  search: (siteId: string, levelId?: string) =>
    `/sites/${encodeURIComponent(siteId)}/search${levelId ? `?level=${encodeURIComponent(levelId)}` : ""}`,
  searchReport: (siteId: string) => `/sites/${encodeURIComponent(siteId)}/search/report`,
  audit: () => "/audit",
  account: () => "/account",
};
