/**
 * Pieces every tracing page shares: the area's tabs, role checks, the status badge, dates as sources give
 * them ("about 1985"), names in both scripts, and a person record shown whole with its provenance.
 */
import { ROLE_GROUPS } from "@athar/core";
import {
  DEFAULT_APPROXIMATE_YEARS,
  GOVERNORATE_LABELS,
  type Governorate,
  type Informant,
  NAME_PARTS,
  type NameParts,
  type PartialDate,
  type PersonStatus,
  type PersonView,
  parsePartialDate,
  type RecordSource,
  type StatusStatement,
} from "@athar/registry";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "../../app/router";
import { useSession } from "../../app/session";
import { currentLanguage } from "../../i18n";
import { useFormat } from "../../i18n/format";
import { TRACING_PATTERNS, tracingPaths } from "./paths";

export function useTracingRoles() {
  const { hasAnyRole } = useSession();
  return {
    /** Decides matches, undoes merges, approves messages. */
    isOfficer: hasAnyRole(["tracing_officer"]),
    /** Sees families' and informants' contact details; records inquiries and consents. */
    mayReadContact: hasAnyRole(ROLE_GROUPS.contactReaders),
    /** Imports, exports, full matching runs. */
    isSteward: hasAnyRole(["admin", "tracing_officer"]),
  };
}

/** The area's own tabs under the header: registry, inquiries, review, and what the role allows besides. */
export function TracingNav() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const roles = useTracingRoles();
  const tabs: { href: string; label: string; current: boolean }[] = [
    {
      href: tracingPaths.registry(),
      label: t("tracing.nav.registry"),
      current: pathname === TRACING_PATTERNS.registry || pathname.startsWith("/tracing/persons"),
    },
    {
      href: tracingPaths.inquiries(),
      label: t("tracing.nav.inquiries"),
      current: pathname.startsWith(TRACING_PATTERNS.inquiries),
    },
    {
      href: tracingPaths.review(),
      label: t("tracing.nav.review"),
      current: pathname.startsWith(TRACING_PATTERNS.review),
    },
  ];
  if (roles.mayReadContact)
    tabs.push({
      href: tracingPaths.outbox(),
      label: t("tracing.nav.outbox"),
      current: pathname.startsWith(TRACING_PATTERNS.outbox),
    });
  if (roles.isSteward)
    tabs.push({
      href: tracingPaths.exchange(),
      label: t("tracing.nav.exchange"),
      current: pathname.startsWith(TRACING_PATTERNS.exchange),
    });
  return (
    <nav className="tracing-nav" aria-label={t("tracing.nav.label")}>
      <ul>
        {tabs.map((tab) => (
          <li key={tab.href}>
            <Link href={tab.href} aria-current={tab.current ? "page" : undefined}>
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A page of the tracing area: the tabs, then the content. */
export function TracingPage({
  children,
  wide = false,
  className = "",
}: {
  children: ReactNode;
  wide?: boolean;
  className?: string;
}) {
  return (
    <section className={`page tracing-page ${wide ? "wide" : ""} ${className}`}>
      <TracingNav />
      {children}
    </section>
  );
}

const STATUS_MARK: Record<PersonStatus, string> = { alive: "●", deceased: "■", sought: "?", unknown: "–" };

/** Status in words, with a mark and a colour that only repeat what the words say. */
export function StatusBadge({
  status,
  conflicting = false,
}: {
  status: PersonStatus;
  conflicting?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <span className="status-badges">
      <span className={`status-badge status-${status}`}>
        <span aria-hidden="true">{STATUS_MARK[status]}</span> {t(`tracing.status.${status}`)}
      </span>
      {conflicting ? (
        <span className="status-badge status-conflicting">
          <span aria-hidden="true">⚠</span> {t("tracing.status.conflicting")}
        </span>
      ) : null}
    </span>
  );
}

/** `1985-03-12`, `1985-03`, `1985`, "about 1985", "about 1985 ± 5", in the page's language. */
export function usePartialDate(): (date: PartialDate | null | string) => string {
  const { t } = useTranslation();
  return (value) => {
    let date: PartialDate | null = null;
    if (typeof value === "string") {
      if (value === "") return "";
      try {
        date = parsePartialDate(value);
      } catch {
        return value;
      }
    } else date = value;
    if (!date) return "";
    if (date.uncertaintyYears > 0) {
      return date.uncertaintyYears === DEFAULT_APPROXIMATE_YEARS
        ? t("tracing.date.about", { year: date.year })
        : t("tracing.date.aboutRange", { year: date.year, years: date.uncertaintyYears });
    }
    // Year first, left to right even in Arabic text (an isolate, U+2066…U+2069), and on one line (a word
    // joiner after each dash): "1985-03-12" must not turn into "12-03-1985" or break after "1985-".
    const pad = (n: number) => String(n).padStart(2, "0");
    if (date.month === null) return String(date.year);
    if (date.day === null) return `\u2066${date.year}-\u2060${pad(date.month)}\u2069`;
    return `\u2066${date.year}-\u2060${pad(date.month)}-\u2060${pad(date.day)}\u2069`;
  };
}

export function governorateLabel(governorate: Governorate | null): string {
  if (!governorate) return "";
  return GOVERNORATE_LABELS[governorate][currentLanguage()];
}

/** A name written in Arabic script, isolated from the surrounding text's direction. */
export function ArabicText({ children }: { children: ReactNode }) {
  return (
    <bdi lang="ar" dir="rtl">
      {children}
    </bdi>
  );
}

/** A name in Latin letters (a transliteration of Arabic). */
export function LatinText({ children }: { children: ReactNode }) {
  return (
    <bdi lang="ar-Latn" dir="ltr">
      {children}
    </bdi>
  );
}

const fullName = (parts: NameParts | null): string =>
  parts
    ? [parts.given, parts.father, parts.grandfather, parts.family].filter((p) => p !== null).join(" ")
    : "";

/** Both scripts of a record's name, one per line; the first other name when there is no name. */
export function NameLines({ person }: { person: Pick<PersonView, "name" | "otherNames"> }) {
  const { t } = useTranslation();
  const arabic = fullName(person.name.arabic);
  const latin = fullName(person.name.latin);
  return (
    <span className="name-lines">
      {arabic ? (
        <span className="name-ar">
          <ArabicText>{arabic}</ArabicText>
        </span>
      ) : null}
      {latin ? (
        <span className="name-latin">
          <LatinText>{latin}</LatinText>
        </span>
      ) : null}
      {!arabic && !latin ? (
        person.otherNames[0] ? (
          <span>
            <bdi>{person.otherNames[0].text}</bdi>
          </span>
        ) : (
          <span className="muted">{t("tracing.person.noName")}</span>
        )
      ) : null}
    </span>
  );
}

/** A fact of a record, left out when empty. */
function Fact({ label, children }: { label: string; children: ReactNode }) {
  if (children === null || children === undefined || children === "") return null;
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function SourceLine({ source }: { source: RecordSource }) {
  const { t } = useTranslation();
  const date = usePartialDate();
  return (
    <p className="source-line">
      <span className="source-kind">{t(`tracing.sourceKind.${source.kind}`)}</span>
      {source.reference ? (
        <>
          {" · "}
          <bdi>{source.reference}</bdi>
        </>
      ) : null}
      {source.collectedOn ? (
        <>
          {" · "}
          {t("tracing.person.collectedOn", { date: date(source.collectedOn) })}
        </>
      ) : null}
    </p>
  );
}

function StatementList({ statements }: { statements: readonly StatusStatement[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const date = usePartialDate();
  if (statements.length === 0) return <p className="muted">{t("tracing.person.noStatements")}</p>;
  return (
    <ul className="statement-list">
      {statements.map((s) => (
        <li key={s.id}>
          <StatusBadge status={s.status} />{" "}
          <span>
            {t("tracing.statement.says", { source: t(`tracing.statementSource.${s.source}`) })}
            {s.statedOn ? ` · ${t("tracing.statement.observed", { date: date(s.statedOn) })}` : ""}
            {s.documented ? ` · ${t("tracing.statement.documented")}` : ""}
          </span>
          {s.sourceReference ? (
            <span className="muted">
              {" "}
              (<bdi>{s.sourceReference}</bdi>)
            </span>
          ) : null}
          {s.note ? (
            <span className="statement-note">
              <bdi>{s.note}</bdi>
            </span>
          ) : null}
          <span className="muted statement-meta">
            {t("tracing.statement.recorded", { who: s.recordedBy, when: format.dateTime(s.recordedAt) })}
          </span>
        </li>
      ))}
    </ul>
  );
}

function InformantText({ informant }: { informant: Informant | null }) {
  if (!informant) return null;
  const parts = [informant.name, informant.role, informant.phone, informant.email].filter(
    (p): p is string => p !== null && p !== "",
  );
  return (
    <>
      <bdi>{parts.join(" · ")}</bdi>
      {informant.note ? (
        <>
          {" "}
          <span className="muted">
            <bdi>{informant.note}</bdi>
          </span>
        </>
      ) : null}
    </>
  );
}

/** The restricted block: its content for contact readers, a plain "restricted" for everyone else. */
function RestrictedBlock({ restricted }: { restricted: PersonView["restricted"] }) {
  const { t } = useTranslation();
  if (restricted.redacted) {
    return (
      <p className="restricted-note">
        <span className="lock-mark" aria-hidden="true" />
        {t("tracing.person.restrictedHidden")}
      </p>
    );
  }
  const value = restricted.value;
  const empty = value.lastSeenBy === null && value.reporter === null && value.photos.length === 0;
  return (
    <div className="restricted-block">
      <h4>
        <span className="lock-mark" aria-hidden="true" />
        {t("tracing.person.restrictedTitle")}
      </h4>
      {empty ? (
        <p className="muted">{t("tracing.person.restrictedEmpty")}</p>
      ) : (
        <dl className="facts">
          <Fact label={t("tracing.person.lastSeenBy")}>
            {value.lastSeenBy ? <InformantText informant={value.lastSeenBy} /> : null}
          </Fact>
          <Fact label={t("tracing.person.reporter")}>
            {value.reporter ? <InformantText informant={value.reporter} /> : null}
          </Fact>
          <Fact label={t("tracing.person.photos")}>
            {value.photos.length > 0 ? (
              <ul className="plain-list">
                {value.photos.map((photo) => (
                  <li key={photo.ref}>
                    <code dir="ltr">{photo.ref}</code> {photo.caption ? <bdi>{photo.caption}</bdi> : null}
                  </li>
                ))}
              </ul>
            ) : null}
          </Fact>
        </dl>
      )}
    </div>
  );
}

/** The name parts in a table: one row per part, one column per script that the record has. */
export function NameTable({ person }: { person: Pick<PersonView, "name"> }) {
  const { t } = useTranslation();
  const { arabic, latin } = person.name;
  const rows = NAME_PARTS.filter((part) => arabic?.[part] || latin?.[part]);
  if (rows.length === 0) return null;
  return (
    <table className="name-table">
      <thead>
        <tr>
          <th scope="col">
            <span className="visually-hidden">{t("tracing.name.part")}</span>
          </th>
          {arabic ? <th scope="col">{t("tracing.name.arabic")}</th> : null}
          {latin ? <th scope="col">{t("tracing.name.latin")}</th> : null}
        </tr>
      </thead>
      <tbody>
        {rows.map((part) => (
          <tr key={part}>
            <th scope="row">{t(`tracing.name.${part}`)}</th>
            {arabic ? <td>{arabic[part] ? <ArabicText>{arabic[part]}</ArabicText> : null}</td> : null}
            {latin ? <td>{latin[part] ? <LatinText>{latin[part]}</LatinText> : null}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One record whole: name, facts, detention, status statements with their sources, provenance. */
export function PersonCard({
  person,
  heading,
  current = false,
}: {
  person: PersonView;
  heading?: ReactNode;
  current?: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const date = usePartialDate();
  const d = person.detention;
  const hasDetention = Object.values(d).some((v) => v !== null);
  return (
    <article
      className={`person-card ${current ? "current" : ""}`}
      aria-current={current ? "true" : undefined}
    >
      <header>
        {heading ?? (
          <h3>
            <NameLines person={person} />
          </h3>
        )}
        <SourceLine source={person.source} />
      </header>
      <NameTable person={person} />
      {person.otherNames.length > 0 ? (
        <ul className="other-names">
          {person.otherNames.map((other) => (
            <li key={`${other.kind}:${other.text}`}>
              <span className="muted">{t(`tracing.otherNameKind.${other.kind}`)}:</span>{" "}
              <bdi>{other.text}</bdi>
            </li>
          ))}
        </ul>
      ) : null}
      <dl className="facts">
        <Fact label={t("tracing.person.sex")}>
          {person.sex === "unknown" ? null : t(`tracing.sex.${person.sex}`)}
        </Fact>
        <Fact label={t("tracing.person.birthDate")}>{date(person.birthDate)}</Fact>
        <Fact label={t("tracing.person.birthPlace")}>
          {person.birthPlace ? <bdi>{person.birthPlace}</bdi> : null}
        </Fact>
        <Fact label={t("tracing.person.governorate")}>{governorateLabel(person.governorate)}</Fact>
        <Fact label={t("tracing.person.nationalId")}>
          {person.nationalId ? <code dir="ltr">{person.nationalId}</code> : null}
        </Fact>
      </dl>
      {hasDetention ? (
        <>
          <h4>{t("tracing.person.detention")}</h4>
          <dl className="facts">
            <Fact label={t("tracing.person.arrestDate")}>{date(d.arrestDate)}</Fact>
            <Fact label={t("tracing.person.arrestPlace")}>
              {d.arrestPlace ? <bdi>{d.arrestPlace}</bdi> : null}
            </Fact>
            <Fact label={t("tracing.person.facility")}>{d.facility ? <bdi>{d.facility}</bdi> : null}</Fact>
            <Fact label={t("tracing.person.prisonerNumber")}>
              {d.prisonerNumber ? <code dir="ltr">{d.prisonerNumber}</code> : null}
            </Fact>
            <Fact label={t("tracing.person.cell")}>{d.cell ? <bdi>{d.cell}</bdi> : null}</Fact>
            <Fact label={t("tracing.person.lastSeenPlace")}>
              {d.lastSeenPlace ? <bdi>{d.lastSeenPlace}</bdi> : null}
            </Fact>
            <Fact label={t("tracing.person.lastSeenDate")}>{date(d.lastSeenDate)}</Fact>
          </dl>
        </>
      ) : null}
      {person.description ? (
        <p className="description">
          <bdi>{person.description}</bdi>
        </p>
      ) : null}
      <h4>{t("tracing.person.statements")}</h4>
      <StatementList statements={person.statuses} />
      <RestrictedBlock restricted={person.restricted} />
      <p className="muted record-meta">
        {t("tracing.person.recordMeta", {
          who: person.createdBy,
          created: format.dateTime(person.createdAt),
          updated: format.dateTime(person.updatedAt),
          version: person.version,
        })}
      </p>
    </article>
  );
}

/** "72.4 %" for a probability; "+4.6" / "−4.3" for bits (U+2212, in a left-to-right span). */
export function useNumbers() {
  const format = useFormat();
  const { t } = useTranslation();
  return {
    /** Never "100 %" or "0 %": a match probability is never certain. */
    percent: (p: number) => {
      if (p > 0.9999) return t("tracing.review.above", { value: `${format.number(99.99, 2)}%` });
      if (p < 0.0001) return t("tracing.review.below", { value: `${format.number(0.01, 2)}%` });
      return `${format.number(p * 100, p > 0.999 || p < 0.001 ? 2 : 1)}%`;
    },
    signed: (value: number, digits = 1) => {
      const rounded = Number(value.toFixed(digits));
      const sign = rounded > 0 ? "+" : rounded < 0 ? "\u2212" : "";
      return `${sign}${format.number(Math.abs(rounded), digits)}`;
    },
  };
}

/** Shows a busy line while a first load is running. */
export function Loading() {
  const { t } = useTranslation();
  return <p aria-busy="true">{t("common.loading")}</p>;
}
