/**
 * `/tracing/persons/new` registers a record with its source and what the source says of the person's
 * status; `/tracing/persons/:personId/edit` changes a record's content (its source never changes). An edit
 * names the version it started from: when someone else saved in between, the server refuses and the page
 * says so instead of overwriting their change.
 */
import {
  EMPTY_RESTRICTED,
  type PartialDate,
  PartialDateError,
  PERSON_STATUSES,
  type PersonStatus,
  type PersonView,
  parsePartialDate,
  SOURCE_KINDS,
  type SourceKind,
  STATEMENT_SOURCES,
  type StatementSource,
} from "@athar/registry";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client";
import { tracingApi } from "../../api/tracing";
import { Link, navigate } from "../../app/router";
import type { PageProps } from "../../app/routes";
import { ErrorMessage } from "../../components/ErrorMessage";
import { useLoad } from "../../components/useLoad";
import {
  type DraftContent,
  type DraftErrors,
  draftOf,
  emptyDraft,
  FormField,
  type PersonDraft,
  PersonFieldsForm,
  readDraft,
} from "./PersonForm";
import { Loading, NameLines, TracingPage, useTracingRoles } from "./parts";
import { tracingPaths } from "./paths";
import "../../styles/tracing.css";

function restrictedOf(content: DraftContent, person: PersonView | null) {
  const stored = person && !person.restricted.redacted ? person.restricted.value : EMPTY_RESTRICTED;
  return { ...stored, lastSeenBy: content.lastSeenBy };
}

function fieldsOf(content: DraftContent) {
  const { lastSeenBy: _lastSeenBy, ...fields } = content;
  return fields;
}

export function PersonNewPage() {
  const { t } = useTranslation();
  const roles = useTracingRoles();
  const [draft, setDraft] = useState<PersonDraft>(emptyDraft);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [sourceKind, setSourceKind] = useState<SourceKind>("document");
  const [reference, setReference] = useState("");
  const [collectedOn, setCollectedOn] = useState("");
  const [status, setStatus] = useState<PersonStatus | "">("");
  const [statementSource, setStatementSource] = useState<StatementSource>("document");
  const [documented, setDocumented] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { content, errors: found } = readDraft(draft);
    let collected: PartialDate | null = null;
    try {
      collected = parsePartialDate(collectedOn);
    } catch (reason) {
      if (!(reason instanceof PartialDateError)) throw reason;
      found.collectedOn = "tracing.form.badDate";
    }
    setErrors(found);
    if (!content || found.collectedOn) return;
    setBusy(true);
    setError(null);
    try {
      const created = await tracingApi.createPerson({
        ...fieldsOf(content),
        source: {
          kind: sourceKind,
          reference: reference.trim(),
          collectedOn: collected,
          siteId: null,
          documentRef: null,
          external: null,
          note: "",
        },
        residence: {
          street: null,
          neighborhood: null,
          city: null,
          region: null,
          postalCode: null,
          country: null,
        },
        restricted: roles.mayReadContact ? restrictedOf(content, null) : EMPTY_RESTRICTED,
        statuses:
          status === ""
            ? []
            : [
                {
                  status,
                  source: statementSource,
                  sourceReference: reference.trim(),
                  statedOn: collected,
                  documented,
                  note: "",
                },
              ],
      });
      navigate(tracingPaths.person(created.person.id));
    } catch (reason) {
      setError(reason);
      setBusy(false);
    }
  };

  return (
    <TracingPage>
      <h1>{t("tracing.personForm.newTitle")}</h1>
      <form className="stack" onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t("tracing.personForm.source")}</legend>
          <p className="hint">{t("tracing.personForm.sourceHint")}</p>
          <div className="form-grid">
            <FormField label={t("tracing.personForm.sourceKind")}>
              <select
                value={sourceKind}
                onChange={(event) => setSourceKind(event.target.value as SourceKind)}
              >
                {SOURCE_KINDS.filter((k) => k !== "inquiry").map((k) => (
                  <option key={k} value={k}>
                    {t(`tracing.sourceKind.${k}`)}
                  </option>
                ))}
              </select>
            </FormField>
            <FormField label={t("tracing.personForm.reference")} hint={t("tracing.personForm.referenceHint")}>
              <input dir="auto" value={reference} onChange={(event) => setReference(event.target.value)} />
            </FormField>
            <FormField
              label={t("tracing.personForm.collectedOn")}
              hint={t("tracing.form.dateHint")}
              error={errors.collectedOn ? t(errors.collectedOn) : undefined}
            >
              <input
                dir="auto"
                value={collectedOn}
                onChange={(event) => setCollectedOn(event.target.value)}
              />
            </FormField>
          </div>
        </fieldset>
        <PersonFieldsForm
          draft={draft}
          onChange={setDraft}
          errors={errors}
          showRestricted={roles.mayReadContact}
        />
        <fieldset>
          <legend>{t("tracing.personForm.statusLegend")}</legend>
          <div className="form-grid">
            <FormField label={t("tracing.statement.status")}>
              <select value={status} onChange={(event) => setStatus(event.target.value as PersonStatus | "")}>
                <option value="">{t("tracing.personForm.noStatement")}</option>
                {PERSON_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`tracing.status.${s}`)}
                  </option>
                ))}
              </select>
            </FormField>
            <FormField label={t("tracing.statement.source")}>
              <select
                value={statementSource}
                onChange={(event) => setStatementSource(event.target.value as StatementSource)}
                disabled={status === ""}
              >
                {STATEMENT_SOURCES.map((s) => (
                  <option key={s} value={s}>
                    {t(`tracing.statementSource.${s}`)}
                  </option>
                ))}
              </select>
            </FormField>
          </div>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={documented}
              disabled={status === ""}
              onChange={(event) => setDocumented(event.target.checked)}
            />
            {t("tracing.statement.documentedLabel")}
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
            {t("tracing.personForm.create")}
          </button>
          <Link href={tracingPaths.registry()}>{t("common.cancel")}</Link>
        </div>
      </form>
    </TracingPage>
  );
}

function EditForm({ person, onReload }: { person: PersonView; onReload: () => void }) {
  const { t } = useTranslation();
  const roles = useTracingRoles();
  const [draft, setDraft] = useState<PersonDraft>(() => draftOf(person));
  const [errors, setErrors] = useState<DraftErrors>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const conflict = error instanceof ApiError && error.code === "conflict";

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { content, errors: found } = readDraft(draft);
    setErrors(found);
    if (!content) return;
    setBusy(true);
    setError(null);
    try {
      await tracingApi.updatePerson(person.id, person.version, {
        ...fieldsOf(content),
        source: person.source,
        residence: person.residence,
        restricted: roles.mayReadContact ? restrictedOf(content, person) : EMPTY_RESTRICTED,
      });
      navigate(tracingPaths.person(person.id));
    } catch (reason) {
      setError(reason);
      setBusy(false);
    }
  };

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <PersonFieldsForm
        draft={draft}
        onChange={setDraft}
        errors={errors}
        showRestricted={roles.mayReadContact && !person.restricted.redacted}
      />
      {Object.keys(errors).length > 0 ? (
        <p className="field-error" role="alert">
          {t("tracing.form.fixErrors")}
        </p>
      ) : null}
      {conflict ? (
        <div className="notice danger" role="alert">
          <p>{t("tracing.personForm.conflict")}</p>
          <button type="button" onClick={onReload}>
            {t("tracing.personForm.reload")}
          </button>
        </div>
      ) : error ? (
        <ErrorMessage error={error} />
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {t("common.save")}
        </button>
        <Link href={tracingPaths.person(person.id)}>{t("common.cancel")}</Link>
      </div>
    </form>
  );
}

export function PersonEditPage({ params }: PageProps) {
  const { t } = useTranslation();
  const personId = params.personId ?? "";
  const loaded = useLoad(() => tracingApi.person(personId), [personId]);
  const person = loaded.data?.person;
  return (
    <TracingPage>
      {person ? (
        <>
          <h1>
            {t("tracing.personForm.editTitle")}: <NameLines person={person} />
          </h1>
          <p className="muted">{t("tracing.personForm.editExplain")}</p>
          <EditForm key={`${person.id}:${person.version}`} person={person} onReload={loaded.reload} />
        </>
      ) : loaded.error ? (
        <ErrorMessage error={loaded.error} />
      ) : (
        <Loading />
      )}
    </TracingPage>
  );
}
