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
import { ImdfImportPage } from "../pages/site-analysis/ImdfImportPage";
import { SiteAnalysisPage } from "../pages/site-analysis/SiteAnalysisPage";
import { SiteListPage } from "../pages/sites/SiteListPage";
import { SitePlanPage } from "../pages/sites/SitePlanPage";

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
    id: "audit",
    pattern: "/audit",
    page: AuditPage,
    roles: ROLE_GROUPS.auditors,
    nav: { label: "nav.audit" },
  },
  { id: "account", pattern: "/account", page: AccountPage, roles: "authenticated" },
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
  audit: () => "/audit",
  account: () => "/account",
};
