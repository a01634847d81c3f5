/**
 * The content of a person record as a form: the Syrian name structure in Arabic and/or Latin script, other
 * names (alternate, kunya, nickname), sex, dates as sources give them ("about 1985"), birthplace,
 * governorate, national ID, detention details, description. Used to register a record, to edit one, and for
 * what a family knows in an inquiry. Values are checked here as the server checks them (script of each
 * name, readable dates, something that identifies the person), so that mistakes show next to their field.
 */
import { hasArabicScript } from "@athar/core";
import {
  type Detention,
  GOVERNORATES,
  type Governorate,
  type Informant,
  NAME_PARTS,
  type NamePart,
  type NameParts,
  normalizeIdentifier,
  OTHER_NAME_KINDS,
  type OtherNameKind,
  type PartialDate,
  PartialDateError,
  type PersonFields,
  type PersonView,
  parsePartialDate,
  SEXES,
  type Sex,
} from "@athar/registry";
import { cloneElement, type ReactElement, type ReactNode, useId } from "react";
import { useTranslation } from "react-i18next";
import type { TranslationKey } from "../../i18n/keys";
import { governorateLabel } from "./parts";

/** A label, its control, an optional hint and an error, tied together for screen readers. */
export function FormField({
  label,
  hint,
  error,
  children,
}: {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  children: ReactElement<{ id?: string; "aria-describedby"?: string; "aria-invalid"?: boolean }>;
}) {
  const id = useId();
  const described = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return (
    <div className={`field ${error ? "has-error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, {
        id,
        ...(described ? { "aria-describedby": described } : {}),
        ...(error ? { "aria-invalid": true } : {}),
      })}
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

type PartTexts = Record<NamePart, string>;

export interface PersonDraft {
  arabic: PartTexts;
  latin: PartTexts;
  otherNames: { kind: OtherNameKind; text: string }[];
  sex: Sex;
  birthDate: string;
  birthPlace: string;
  governorate: Governorate | "";
  nationalId: string;
  arrestDate: string;
  arrestPlace: string;
  facility: string;
  prisonerNumber: string;
  cell: string;
  lastSeenPlace: string;
  lastSeenDate: string;
  description: string;
  /** Who last saw the person: restricted, edited only by contact readers. */
  lastSeenBy: { name: string; role: string; phone: string; note: string };
}

const emptyParts = (): PartTexts => ({
  given: "",
  father: "",
  grandfather: "",
  family: "",
  motherGiven: "",
  motherFamily: "",
});

export const emptyDraft = (): PersonDraft => ({
  arabic: emptyParts(),
  latin: emptyParts(),
  otherNames: [],
  sex: "unknown",
  birthDate: "",
  birthPlace: "",
  governorate: "",
  nationalId: "",
  arrestDate: "",
  arrestPlace: "",
  facility: "",
  prisonerNumber: "",
  cell: "",
  lastSeenPlace: "",
  lastSeenDate: "",
  description: "",
  lastSeenBy: { name: "", role: "", phone: "", note: "" },
});

const pad = (n: number) => String(n).padStart(2, "0");

/** A partial date as a person would type it again: `1985-03-12`, `1985`, `about 1985`, `1985 ±5`. */
export function partialDateInput(date: PartialDate | null): string {
  if (!date) return "";
  if (date.uncertaintyYears > 0)
    return date.uncertaintyYears === 2 ? `~${date.year}` : `${date.year} ±${date.uncertaintyYears}`;
  if (date.month === null) return String(date.year);
  if (date.day === null) return `${date.year}-${pad(date.month)}`;
  return `${date.year}-${pad(date.month)}-${pad(date.day)}`;
}

const partsOf = (parts: NameParts | null): PartTexts => {
  const texts = emptyParts();
  if (parts) for (const part of NAME_PARTS) texts[part] = parts[part] ?? "";
  return texts;
};

export function draftOf(person: PersonView): PersonDraft {
  const d = person.detention;
  const seen = person.restricted.redacted ? null : person.restricted.value.lastSeenBy;
  return {
    arabic: partsOf(person.name.arabic),
    latin: partsOf(person.name.latin),
    otherNames: person.otherNames.map((o) => ({ kind: o.kind, text: o.text })),
    sex: person.sex,
    birthDate: partialDateInput(person.birthDate),
    birthPlace: person.birthPlace ?? "",
    governorate: person.governorate ?? "",
    nationalId: person.nationalId ?? "",
    arrestDate: partialDateInput(d.arrestDate),
    arrestPlace: d.arrestPlace ?? "",
    facility: d.facility ?? "",
    prisonerNumber: d.prisonerNumber ?? "",
    cell: d.cell ?? "",
    lastSeenPlace: d.lastSeenPlace ?? "",
    lastSeenDate: partialDateInput(d.lastSeenDate),
    description: person.description,
    lastSeenBy: {
      name: seen?.name ?? "",
      role: seen?.role ?? "",
      phone: seen?.phone ?? "",
      note: seen?.note ?? "",
    },
  };
}

/** Field path → translation key of what is wrong with it. */
export type DraftErrors = Partial<Record<string, TranslationKey>>;

export type DraftContent = Omit<PersonFields, "source" | "residence" | "restricted"> & {
  lastSeenBy: Informant | null;
};

const LATIN_LETTER = /\p{Script=Latin}/u;
const orNull = (text: string): string | null => (text.trim() === "" ? null : text.trim());

/** Checks a draft and turns it into record content, or names the fields that need attention. */
export function readDraft(draft: PersonDraft): { content: DraftContent | null; errors: DraftErrors } {
  const errors: DraftErrors = {};
  const script = (which: "arabic" | "latin"): NameParts | null => {
    const parts = draft[which];
    const out: NameParts = {
      given: null,
      father: null,
      grandfather: null,
      family: null,
      motherGiven: null,
      motherFamily: null,
    };
    let any = false;
    for (const part of NAME_PARTS) {
      const value = orNull(parts[part]);
      if (value === null) continue;
      const wrong =
        which === "arabic" ? !hasArabicScript(value) || LATIN_LETTER.test(value) : hasArabicScript(value);
      if (wrong)
        errors[`${which}.${part}`] =
          which === "arabic" ? "tracing.form.needArabic" : "tracing.form.needLatin";
      out[part] = value;
      any = true;
    }
    return any ? out : null;
  };
  const date = (field: keyof PersonDraft, text: string): PartialDate | null => {
    try {
      return parsePartialDate(text);
    } catch (error) {
      if (error instanceof PartialDateError) {
        errors[field] = "tracing.form.badDate";
        return null;
      }
      throw error;
    }
  };
  const arabic = script("arabic");
  const latin = script("latin");
  const otherNames = draft.otherNames
    .map((o) => ({ kind: o.kind, text: o.text.trim() }))
    .filter((o) => o.text !== "");
  const birthDate = date("birthDate", draft.birthDate);
  const detention: Detention = {
    arrestDate: date("arrestDate", draft.arrestDate),
    arrestPlace: orNull(draft.arrestPlace),
    facility: orNull(draft.facility),
    prisonerNumber: orNull(draft.prisonerNumber),
    cell: orNull(draft.cell),
    lastSeenPlace: orNull(draft.lastSeenPlace),
    lastSeenDate: date("lastSeenDate", draft.lastSeenDate),
  };
  let nationalId: string | null = null;
  if (draft.nationalId.trim() !== "") {
    nationalId = normalizeIdentifier(draft.nationalId);
    if (!/^[0-9A-Z]{4,20}$/.test(nationalId)) errors.nationalId = "tracing.form.badNationalId";
  }
  const description = draft.description.trim();
  if (
    arabic === null &&
    latin === null &&
    otherNames.length === 0 &&
    nationalId === null &&
    detention.prisonerNumber === null &&
    description === ""
  ) {
    errors.name = "tracing.form.needIdentity";
  }
  const seen = draft.lastSeenBy;
  const lastSeenBy: Informant | null =
    seen.name.trim() || seen.role.trim() || seen.phone.trim() || seen.note.trim()
      ? {
          name: orNull(seen.name),
          role: orNull(seen.role),
          phone: orNull(seen.phone),
          email: null,
          note: seen.note.trim(),
        }
      : null;
  if (Object.keys(errors).length > 0) return { content: null, errors };
  return {
    content: {
      name: { arabic, latin },
      otherNames,
      sex: draft.sex,
      birthDate,
      birthPlace: orNull(draft.birthPlace),
      governorate: draft.governorate === "" ? null : draft.governorate,
      nationalId,
      detention,
      description,
      lastSeenBy,
    },
    errors,
  };
}

const NAME_AUTOCOMPLETE: Partial<Record<NamePart, string>> = { given: "off", family: "off" };

/** The record's fields. `restricted` shows the "last seen by" block (contact readers only). */
export function PersonFieldsForm({
  draft,
  onChange,
  errors,
  showRestricted,
  showDetention = true,
  legend,
}: {
  draft: PersonDraft;
  onChange: (draft: PersonDraft) => void;
  errors: DraftErrors;
  showRestricted: boolean;
  showDetention?: boolean;
  legend?: ReactNode;
}) {
  const { t } = useTranslation();
  const set = <K extends keyof PersonDraft>(key: K, value: PersonDraft[K]) =>
    onChange({ ...draft, [key]: value });
  const err = (key: string) => {
    const k = errors[key];
    return k ? t(k) : undefined;
  };
  const text = (
    key: Exclude<keyof PersonDraft, "arabic" | "latin" | "otherNames" | "sex" | "governorate" | "lastSeenBy">,
  ) =>
    ({
      value: draft[key],
      onChange: (event: { target: { value: string } }) => set(key, event.target.value),
    }) as const;
  const dateHint = t("tracing.form.dateHint");

  const nameFieldset = (which: "arabic" | "latin") => (
    <fieldset className={`name-fieldset name-${which}`}>
      <legend>{which === "arabic" ? t("tracing.form.nameArabic") : t("tracing.form.nameLatin")}</legend>
      <div className="name-grid">
        {NAME_PARTS.map((part) => (
          <FormField key={part} label={t(`tracing.name.${part}`)} error={err(`${which}.${part}`)}>
            <input
              name={`${which}-${part}`}
              lang={which === "arabic" ? "ar" : "ar-Latn"}
              dir={which === "arabic" ? "rtl" : "ltr"}
              autoComplete={NAME_AUTOCOMPLETE[part] ?? "off"}
              spellCheck={false}
              value={draft[which][part]}
              onChange={(event) => set(which, { ...draft[which], [part]: event.target.value })}
            />
          </FormField>
        ))}
      </div>
    </fieldset>
  );

  return (
    <div className="person-form stack">
      {legend}
      {errors.name ? (
        <p className="field-error" role="alert">
          {t(errors.name)}
        </p>
      ) : null}
      <p className="hint">{t("tracing.form.nameHint")}</p>
      <div className="name-fieldsets">
        {nameFieldset("arabic")}
        {nameFieldset("latin")}
      </div>

      <fieldset>
        <legend>{t("tracing.form.otherNames")}</legend>
        {draft.otherNames.length === 0 ? <p className="muted">{t("tracing.form.noOtherNames")}</p> : null}
        <ul className="other-name-rows">
          {draft.otherNames.map((other, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; their order is their identity
            <li key={index} className="other-name-row">
              <FormField label={t("tracing.form.otherNameKind")}>
                <select
                  value={other.kind}
                  onChange={(event) => {
                    const next = [...draft.otherNames];
                    next[index] = { ...other, kind: event.target.value as OtherNameKind };
                    set("otherNames", next);
                  }}
                >
                  {OTHER_NAME_KINDS.map((kind) => (
                    <option key={kind} value={kind}>
                      {t(`tracing.otherNameKind.${kind}`)}
                    </option>
                  ))}
                </select>
              </FormField>
              <FormField label={t("tracing.form.otherNameText")}>
                <input
                  dir="auto"
                  value={other.text}
                  onChange={(event) => {
                    const next = [...draft.otherNames];
                    next[index] = { ...other, text: event.target.value };
                    set("otherNames", next);
                  }}
                />
              </FormField>
              <button
                type="button"
                className="remove-row"
                onClick={() =>
                  set(
                    "otherNames",
                    draft.otherNames.filter((_, i) => i !== index),
                  )
                }
              >
                {t("tracing.form.removeOtherName")}
              </button>
            </li>
          ))}
        </ul>
        <button
          type="button"
          onClick={() => set("otherNames", [...draft.otherNames, { kind: "alternate", text: "" }])}
        >
          {t("tracing.form.addOtherName")}
        </button>
      </fieldset>

      <fieldset>
        <legend>{t("tracing.form.identity")}</legend>
        <div className="form-grid">
          <FormField label={t("tracing.person.sex")}>
            <select value={draft.sex} onChange={(event) => set("sex", event.target.value as Sex)}>
              {SEXES.map((sex) => (
                <option key={sex} value={sex}>
                  {t(`tracing.sex.${sex}`)}
                </option>
              ))}
            </select>
          </FormField>
          <FormField label={t("tracing.person.birthDate")} hint={dateHint} error={err("birthDate")}>
            <input name="birthDate" dir="auto" {...text("birthDate")} />
          </FormField>
          <FormField label={t("tracing.person.birthPlace")}>
            <input name="birthPlace" dir="auto" {...text("birthPlace")} />
          </FormField>
          <FormField label={t("tracing.person.governorate")}>
            <select
              value={draft.governorate}
              onChange={(event) => set("governorate", event.target.value as Governorate | "")}
            >
              <option value="">{t("tracing.form.unknown")}</option>
              {GOVERNORATES.map((g) => (
                <option key={g} value={g}>
                  {governorateLabel(g)}
                </option>
              ))}
            </select>
          </FormField>
          <FormField label={t("tracing.person.nationalId")} error={err("nationalId")}>
            <input name="nationalId" dir="ltr" inputMode="numeric" {...text("nationalId")} />
          </FormField>
        </div>
      </fieldset>

      {showDetention ? (
        <fieldset>
          <legend>{t("tracing.person.detention")}</legend>
          <div className="form-grid">
            <FormField label={t("tracing.person.arrestDate")} hint={dateHint} error={err("arrestDate")}>
              <input name="arrestDate" dir="auto" {...text("arrestDate")} />
            </FormField>
            <FormField label={t("tracing.person.arrestPlace")}>
              <input name="arrestPlace" dir="auto" {...text("arrestPlace")} />
            </FormField>
            <FormField label={t("tracing.person.facility")}>
              <input name="facility" dir="auto" {...text("facility")} />
            </FormField>
            <FormField label={t("tracing.person.prisonerNumber")}>
              <input name="prisonerNumber" dir="ltr" {...text("prisonerNumber")} />
            </FormField>
            <FormField label={t("tracing.person.cell")}>
              <input name="cell" dir="auto" {...text("cell")} />
            </FormField>
            <FormField label={t("tracing.person.lastSeenPlace")}>
              <input name="lastSeenPlace" dir="auto" {...text("lastSeenPlace")} />
            </FormField>
            <FormField label={t("tracing.person.lastSeenDate")} hint={dateHint} error={err("lastSeenDate")}>
              <input name="lastSeenDate" dir="auto" {...text("lastSeenDate")} />
            </FormField>
          </div>
        </fieldset>
      ) : null}

      <FormField label={t("tracing.person.description")} hint={t("tracing.form.descriptionHint")}>
        <textarea name="description" dir="auto" rows={3} {...text("description")} />
      </FormField>

      {showRestricted ? (
        <fieldset className="restricted-fieldset">
          <legend>
            <span className="lock-mark" aria-hidden="true" />
            {t("tracing.form.lastSeenByLegend")}
          </legend>
          <p className="hint">{t("tracing.form.lastSeenByHint")}</p>
          <div className="form-grid">
            <FormField label={t("tracing.form.informantName")}>
              <input
                dir="auto"
                value={draft.lastSeenBy.name}
                onChange={(event) => set("lastSeenBy", { ...draft.lastSeenBy, name: event.target.value })}
              />
            </FormField>
            <FormField label={t("tracing.form.informantRole")}>
              <input
                dir="auto"
                value={draft.lastSeenBy.role}
                onChange={(event) => set("lastSeenBy", { ...draft.lastSeenBy, role: event.target.value })}
              />
            </FormField>
            <FormField label={t("tracing.form.informantPhone")}>
              <input
                dir="ltr"
                type="tel"
                value={draft.lastSeenBy.phone}
                onChange={(event) => set("lastSeenBy", { ...draft.lastSeenBy, phone: event.target.value })}
              />
            </FormField>
            <FormField label={t("tracing.form.informantNote")}>
              <input
                dir="auto"
                value={draft.lastSeenBy.note}
                onChange={(event) => set("lastSeenBy", { ...draft.lastSeenBy, note: event.target.value })}
              />
            </FormField>
          </div>
        </fieldset>
      ) : null}
    </div>
  );
}
