/**
 * `/inquiry` (no account): a family asks for a missing relative. Few fields, in any script, dates as the
 * family says them ("about 1985"); a way to reach them; consent. The answer is a receipt code, shown once,
 * large, with a copy and a print button and advice to keep it. The page says nothing — now or later —
 * about whether the person is in the registry (docs/decisions/tracing-public-form.md): the tracing team
 * calls the family.
 */
import {
  GOVERNORATES,
  type Governorate,
  PartialDateError,
  parsePartialDate,
  RELATIONSHIPS,
  type Relationship,
  SEXES,
  type Sex,
} from "@athar/registry";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client";
import { publicApi } from "../../api/tracing";
import { Link } from "../../app/router";
import type { PageProps } from "../../app/routes";
import { ErrorMessage } from "../../components/ErrorMessage";
import { currentLanguage } from "../../i18n";
import type { TranslationKey } from "../../i18n/keys";
import { FormField } from "../tracing/PersonForm";
import { governorateLabel } from "../tracing/parts";
import { tracingPaths } from "../tracing/paths";
import { PublicLayout } from "./PublicLayout";

interface Form {
  givenName: string;
  fatherName: string;
  grandfatherName: string;
  familyName: string;
  motherName: string;
  otherNames: string;
  sex: Sex;
  birthDate: string;
  governorate: Governorate | "";
  arrestDate: string;
  arrestPlace: string;
  lastSeenPlace: string;
  lastSeenDate: string;
  circumstances: string;
  requesterName: string;
  relationship: Relationship | "";
  phone: string;
  email: string;
  storeAndProcess: boolean;
  shareContact: boolean;
}

const EMPTY: Form = {
  givenName: "",
  fatherName: "",
  grandfatherName: "",
  familyName: "",
  motherName: "",
  otherNames: "",
  sex: "unknown",
  birthDate: "",
  governorate: "",
  arrestDate: "",
  arrestPlace: "",
  lastSeenPlace: "",
  lastSeenDate: "",
  circumstances: "",
  requesterName: "",
  relationship: "",
  phone: "",
  email: "",
  storeAndProcess: false,
  shareContact: false,
};

type Errors = Partial<Record<keyof Form, TranslationKey>>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function check(form: Form): Errors {
  const errors: Errors = {};
  if (form.givenName.trim() === "") errors.givenName = "tracing.form.required";
  if (form.requesterName.trim() === "") errors.requesterName = "tracing.form.required";
  if (form.relationship === "") errors.relationship = "tracing.form.required";
  if (form.phone.trim() === "" && form.email.trim() === "") errors.phone = "tracing.public.needContact";
  if (form.email.trim() !== "" && !EMAIL.test(form.email.trim())) errors.email = "tracing.public.badEmail";
  if (!form.storeAndProcess) errors.storeAndProcess = "tracing.public.consentRequired";
  for (const key of ["birthDate", "arrestDate", "lastSeenDate"] as const) {
    try {
      parsePartialDate(form[key]);
    } catch (error) {
      if (!(error instanceof PartialDateError)) throw error;
      errors[key] = "tracing.form.badDate";
    }
  }
  return errors;
}

/** The code, once, with what to do with it. */
function Receipt({ code }: { code: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <section className="receipt" aria-labelledby="receipt-title">
      <h1 id="receipt-title">{t("tracing.public.receiptTitle")}</h1>
      <p>{t("tracing.public.receiptIntro")}</p>
      <p className="receipt-code" dir="ltr" lang="en" data-receipt-code={code}>
        {code}
      </p>
      <div className="actions receipt-actions">
        <button type="button" className="primary" onClick={copy}>
          {t("tracing.public.copy")}
        </button>
        <button type="button" onClick={() => window.print()}>
          {t("tracing.public.print")}
        </button>
        <span role="status" className="muted">
          {copied ? t("tracing.public.copied") : ""}
        </span>
      </div>
      <ul className="receipt-advice">
        <li>{t("tracing.public.adviceWrite")}</li>
        <li>{t("tracing.public.adviceOnce")}</li>
        <li>{t("tracing.public.advicePrivate")}</li>
        <li>{t("tracing.public.adviceCall")}</li>
      </ul>
      <p>
        <Link href={tracingPaths.publicStatus()}>{t("tracing.public.toStatus")}</Link>
      </p>
    </section>
  );
}

export function PublicInquiryPage(_props: PageProps) {
  const { t } = useTranslation();
  const [form, setForm] = useState<Form>(EMPTY);
  const [errors, setErrors] = useState<Errors>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [receipt, setReceipt] = useState<string | null>(null);
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));
  const err = (key: keyof Form) => {
    const k = errors[key];
    return k ? t(k) : undefined;
  };
  const text = (
    key: Exclude<keyof Form, "sex" | "governorate" | "relationship" | "storeAndProcess" | "shareContact">,
  ) => ({
    value: form[key],
    onChange: (event: { target: { value: string } }) => set(key, event.target.value),
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = check(form);
    setErrors(found);
    if (Object.keys(found).length > 0 || form.relationship === "") return;
    setBusy(true);
    setError(null);
    try {
      const language = currentLanguage();
      const answer = await publicApi.submit({
        sought: {
          givenName: form.givenName.trim(),
          fatherName: form.fatherName.trim(),
          grandfatherName: form.grandfatherName.trim(),
          familyName: form.familyName.trim(),
          motherName: form.motherName.trim(),
          otherNames: form.otherNames
            .split(/[,،\n]/)
            .map((s) => s.trim())
            .filter(Boolean)
            .slice(0, 5),
          sex: form.sex,
          birthDate: form.birthDate.trim(),
          governorate: form.governorate === "" ? null : form.governorate,
          arrestDate: form.arrestDate.trim(),
          arrestPlace: form.arrestPlace.trim(),
          lastSeenPlace: form.lastSeenPlace.trim(),
          lastSeenDate: form.lastSeenDate.trim(),
          circumstances: form.circumstances.trim(),
        },
        requester: {
          name: form.requesterName.trim(),
          relationship: form.relationship,
          phone: form.phone.trim(),
          email: form.email.trim(),
          preferredLanguage: language,
        },
        consent: { storeAndProcess: true, shareContactWithFoundPerson: form.shareContact },
      });
      setReceipt(answer.receiptCode);
      setForm(EMPTY);
      window.scrollTo(0, 0);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  if (receipt) {
    return (
      <PublicLayout>
        <div className="public-page">
          <Receipt code={receipt} />
        </div>
      </PublicLayout>
    );
  }

  const dateHint = t("tracing.public.dateHint");
  return (
    <PublicLayout>
      <div className="public-page">
        <h1>{t("tracing.public.formTitle")}</h1>
        <p>{t("tracing.public.formIntro")}</p>
        <p className="notice">{t("tracing.public.noLookup")}</p>
        <form className="stack" onSubmit={submit} noValidate>
          <fieldset>
            <legend>{t("tracing.public.soughtLegend")}</legend>
            <p className="hint">{t("tracing.public.nameHint")}</p>
            <div className="form-grid">
              <FormField label={t("tracing.public.givenName")} error={err("givenName")}>
                <input dir="auto" required autoComplete="off" {...text("givenName")} />
              </FormField>
              <FormField label={t("tracing.public.fatherName")}>
                <input dir="auto" autoComplete="off" {...text("fatherName")} />
              </FormField>
              <FormField label={t("tracing.public.grandfatherName")}>
                <input dir="auto" autoComplete="off" {...text("grandfatherName")} />
              </FormField>
              <FormField label={t("tracing.public.familyName")}>
                <input dir="auto" autoComplete="off" {...text("familyName")} />
              </FormField>
              <FormField label={t("tracing.public.motherName")} hint={t("tracing.public.motherHint")}>
                <input dir="auto" autoComplete="off" {...text("motherName")} />
              </FormField>
              <FormField label={t("tracing.public.otherNames")} hint={t("tracing.public.otherNamesHint")}>
                <input dir="auto" autoComplete="off" {...text("otherNames")} />
              </FormField>
              <FormField label={t("tracing.person.sex")}>
                <select value={form.sex} onChange={(event) => set("sex", event.target.value as Sex)}>
                  {SEXES.map((sex) => (
                    <option key={sex} value={sex}>
                      {t(`tracing.sex.${sex}`)}
                    </option>
                  ))}
                </select>
              </FormField>
              <FormField label={t("tracing.public.birthDate")} hint={dateHint} error={err("birthDate")}>
                <input dir="auto" autoComplete="off" {...text("birthDate")} />
              </FormField>
              <FormField label={t("tracing.person.governorate")}>
                <select
                  value={form.governorate}
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
            </div>
          </fieldset>

          <fieldset>
            <legend>{t("tracing.public.detentionLegend")}</legend>
            <div className="form-grid">
              <FormField label={t("tracing.person.arrestDate")} hint={dateHint} error={err("arrestDate")}>
                <input dir="auto" autoComplete="off" {...text("arrestDate")} />
              </FormField>
              <FormField label={t("tracing.person.arrestPlace")}>
                <input dir="auto" autoComplete="off" {...text("arrestPlace")} />
              </FormField>
              <FormField label={t("tracing.person.lastSeenPlace")}>
                <input dir="auto" autoComplete="off" {...text("lastSeenPlace")} />
              </FormField>
              <FormField label={t("tracing.person.lastSeenDate")} hint={dateHint} error={err("lastSeenDate")}>
                <input dir="auto" autoComplete="off" {...text("lastSeenDate")} />
              </FormField>
            </div>
            <FormField label={t("tracing.public.circumstances")} hint={t("tracing.public.circumstancesHint")}>
              <textarea dir="auto" rows={4} {...text("circumstances")} />
            </FormField>
          </fieldset>

          <fieldset>
            <legend>{t("tracing.public.requesterLegend")}</legend>
            <p className="hint">{t("tracing.public.requesterHint")}</p>
            <div className="form-grid">
              <FormField label={t("tracing.public.requesterName")} error={err("requesterName")}>
                <input dir="auto" required autoComplete="name" {...text("requesterName")} />
              </FormField>
              <FormField label={t("tracing.public.relationship")} error={err("relationship")}>
                <select
                  required
                  value={form.relationship}
                  onChange={(event) => set("relationship", event.target.value as Relationship | "")}
                >
                  <option value="">{t("tracing.public.choose")}</option>
                  {RELATIONSHIPS.map((r) => (
                    <option key={r} value={r}>
                      {t(`tracing.relationship.${r}`)}
                    </option>
                  ))}
                </select>
              </FormField>
              <FormField label={t("tracing.public.phone")} error={err("phone")}>
                <input dir="ltr" type="tel" autoComplete="tel" {...text("phone")} />
              </FormField>
              <FormField label={t("tracing.public.email")} error={err("email")}>
                <input dir="ltr" type="email" autoComplete="email" {...text("email")} />
              </FormField>
            </div>
          </fieldset>

          <fieldset>
            <legend>{t("tracing.public.consentLegend")}</legend>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={form.storeAndProcess}
                aria-invalid={errors.storeAndProcess ? true : undefined}
                onChange={(event) => set("storeAndProcess", event.target.checked)}
              />
              {t("tracing.public.storeAndProcess")}
            </label>
            {errors.storeAndProcess ? <p className="field-error">{t(errors.storeAndProcess)}</p> : null}
            <label className="checkbox">
              <input
                type="checkbox"
                checked={form.shareContact}
                onChange={(event) => set("shareContact", event.target.checked)}
              />
              {t("tracing.public.shareContact")}
            </label>
          </fieldset>

          {Object.keys(errors).length > 0 ? (
            <p className="field-error" role="alert">
              {t("tracing.form.fixErrors")}
            </p>
          ) : null}
          {error instanceof ApiError && error.code === "rate_limited" ? (
            <p className="error-message" role="alert">
              {t("tracing.public.tooMany")}
            </p>
          ) : error ? (
            <ErrorMessage error={error} />
          ) : null}
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              {busy ? t("tracing.public.sending") : t("tracing.public.submit")}
            </button>
          </div>
        </form>
      </div>
    </PublicLayout>
  );
}
