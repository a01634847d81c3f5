/**
 * `/tracing/inquiries/new` (tracing officers and family liaisons): a family's inquiry as the officer takes
 * it down — who asks and how to reach them safely, their relationship, what they know of the person they
 * seek, and what they agree to. On saving, the sought person becomes a record of source "inquiry" and the
 * matcher proposes candidates at once; the page then opens the inquiry.
 */
import {
  CONTACT_CHANNELS,
  type ContactChannel,
  EMPTY_RESTRICTED,
  RELATIONSHIPS,
  type Relationship,
} from "@athar/registry";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { tracingApi } from "../../api/tracing";
import { Link, navigate } from "../../app/router";
import { ErrorMessage } from "../../components/ErrorMessage";
import {
  type DraftErrors,
  emptyDraft,
  FormField,
  type PersonDraft,
  PersonFieldsForm,
  readDraft,
} from "./PersonForm";
import { TracingPage } from "./parts";
import { tracingPaths } from "./paths";
import "../../styles/tracing.css";

export const REQUESTER_LANGUAGES = ["ar", "en", "ku", "fr", "other"] as const;
type RequesterLanguage = (typeof REQUESTER_LANGUAGES)[number];

export function InquiryNewPage() {
  const { t } = useTranslation();
  const [name, setName] = useState("");
  const [phone, setPhone] = useState("");
  const [email, setEmail] = useState("");
  const [address, setAddress] = useState("");
  const [preferredChannel, setPreferredChannel] = useState<ContactChannel>("phone");
  const [preferredLanguage, setPreferredLanguage] = useState<RequesterLanguage>("ar");
  const [contactNotes, setContactNotes] = useState("");
  const [relationship, setRelationship] = useState<Relationship>("parent");
  const [circumstances, setCircumstances] = useState("");
  const [storeAndProcess, setStoreAndProcess] = useState(false);
  const [shareContact, setShareContact] = useState(false);
  const [sharePartners, setSharePartners] = useState(false);
  const [draft, setDraft] = useState<PersonDraft>(emptyDraft);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { content, errors: found } = readDraft(draft);
    if (name.trim() === "") found.requesterName = "tracing.form.required";
    if (!storeAndProcess) found.storeAndProcess = "tracing.intake.consentRequired";
    setErrors(found);
    if (!content || Object.keys(found).length > 0) return;
    const { lastSeenBy: _lastSeenBy, ...fields } = content;
    setBusy(true);
    setError(null);
    try {
      const created = await tracingApi.createInquiry({
        requester: {
          name: name.trim(),
          phone: phone.trim() || null,
          email: email.trim() || null,
          address: address.trim() || null,
          preferredChannel,
          preferredLanguage,
          contactNotes: contactNotes.trim(),
        },
        relationship,
        circumstances: circumstances.trim(),
        consent: {
          storeAndProcess: true,
          shareContactWithFoundPerson: shareContact,
          shareWithPartners: sharePartners,
        },
        soughtPerson: {
          ...fields,
          residence: {
            street: null,
            neighborhood: null,
            city: null,
            region: null,
            postalCode: null,
            country: null,
          },
          restricted: EMPTY_RESTRICTED,
          statuses: [
            {
              status: "sought",
              source: "family",
              sourceReference: "",
              statedOn: null,
              documented: false,
              note: "",
            },
          ],
        },
      });
      navigate(tracingPaths.inquiry(created.inquiry.id));
    } catch (reason) {
      setError(reason);
      setBusy(false);
    }
  };

  const err = (key: string) => {
    const k = errors[key];
    return k ? t(k) : undefined;
  };

  return (
    <TracingPage>
      <h1>{t("tracing.intake.title")}</h1>
      <p className="muted">{t("tracing.intake.explain")}</p>
      <form className="stack" onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t("tracing.intake.requester")}</legend>
          <p className="hint">
            <span className="lock-mark" aria-hidden="true" />
            {t("tracing.intake.requesterHint")}
          </p>
          <div className="form-grid">
            <FormField label={t("tracing.intake.name")} error={err("requesterName")}>
              <input dir="auto" required value={name} onChange={(event) => setName(event.target.value)} />
            </FormField>
            <FormField label={t("tracing.intake.relationship")}>
              <select
                value={relationship}
                onChange={(event) => setRelationship(event.target.value as Relationship)}
              >
                {RELATIONSHIPS.map((r) => (
                  <option key={r} value={r}>
                    {t(`tracing.relationship.${r}`)}
                  </option>
                ))}
              </select>
            </FormField>
            <FormField label={t("tracing.intake.phone")}>
              <input dir="ltr" type="tel" value={phone} onChange={(event) => setPhone(event.target.value)} />
            </FormField>
            <FormField label={t("tracing.intake.email")}>
              <input
                dir="ltr"
                type="email"
                value={email}
                onChange={(event) => setEmail(event.target.value)}
              />
            </FormField>
            <FormField label={t("tracing.intake.address")}>
              <input dir="auto" value={address} onChange={(event) => setAddress(event.target.value)} />
            </FormField>
            <FormField label={t("tracing.intake.preferredChannel")}>
              <select
                value={preferredChannel}
                onChange={(event) => setPreferredChannel(event.target.value as ContactChannel)}
              >
                {CONTACT_CHANNELS.map((c) => (
                  <option key={c} value={c}>
                    {t(`tracing.contactChannel.${c}`)}
                  </option>
                ))}
              </select>
            </FormField>
            <FormField label={t("tracing.intake.preferredLanguage")}>
              <select
                value={preferredLanguage}
                onChange={(event) => setPreferredLanguage(event.target.value as RequesterLanguage)}
              >
                {REQUESTER_LANGUAGES.map((l) => (
                  <option key={l} value={l}>
                    {t(`tracing.requesterLanguage.${l}`)}
                  </option>
                ))}
              </select>
            </FormField>
          </div>
          <FormField label={t("tracing.intake.contactNotes")} hint={t("tracing.intake.contactNotesHint")}>
            <textarea
              dir="auto"
              rows={2}
              value={contactNotes}
              onChange={(event) => setContactNotes(event.target.value)}
            />
          </FormField>
        </fieldset>

        <fieldset>
          <legend>{t("tracing.intake.sought")}</legend>
          <PersonFieldsForm draft={draft} onChange={setDraft} errors={errors} showRestricted={false} />
          <FormField label={t("tracing.intake.circumstances")} hint={t("tracing.intake.circumstancesHint")}>
            <textarea
              dir="auto"
              rows={4}
              value={circumstances}
              onChange={(event) => setCircumstances(event.target.value)}
            />
          </FormField>
        </fieldset>

        <fieldset>
          <legend>{t("tracing.intake.consent")}</legend>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={storeAndProcess}
              aria-invalid={errors.storeAndProcess ? true : undefined}
              onChange={(event) => setStoreAndProcess(event.target.checked)}
            />
            {t("tracing.intake.storeAndProcess")}
          </label>
          {errors.storeAndProcess ? <p className="field-error">{t(errors.storeAndProcess)}</p> : null}
          <label className="checkbox">
            <input
              type="checkbox"
              checked={shareContact}
              onChange={(event) => setShareContact(event.target.checked)}
            />
            {t("tracing.intake.shareContact")}
          </label>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={sharePartners}
              onChange={(event) => setSharePartners(event.target.checked)}
            />
            {t("tracing.intake.sharePartners")}
          </label>
        </fieldset>

        {Object.keys(errors).length > 0 ? (
          <p className="field-error" role="alert">
            {t("tracing.form.fixErrors")}
          </p>
        ) : null}
        {error ? <ErrorMessage error={error} /> : null}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {t("tracing.intake.submit")}
          </button>
          <Link href={tracingPaths.inquiries()}>{t("common.cancel")}</Link>
        </div>
      </form>
    </TracingPage>
  );
}
