/**
 * See, edit, place or delete an opening: kind, name, the spaces it joins, width and barrier. A new opening's
 * spaces default to the nearest ones to the picked point; the server checks that it touches both.
 */
import {
  BARRIER_MATERIALS,
  type Barrier,
  type BarrierMaterial,
  LOCK_KINDS,
  type LockKind,
  OPENING_KINDS,
  OPENING_STATES,
  type Opening,
  type OpeningKind,
  type OpeningState,
  type Point,
  type Space,
} from "@athar/core";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { DeleteButton } from "../../components/DeleteButton";
import { ErrorMessage } from "../../components/ErrorMessage";
import { Field } from "../../components/Field";
import { useFormat } from "../../i18n/format";

type Props =
  | {
      mode: "create";
      position: Point;
      /** Spaces the opening may join, nearest first, with their distance in metres. */
      candidates: readonly { space: Space; distance: number }[];
      editable: true;
      onDone(opening: Opening | null): void;
    }
  | {
      mode: "edit";
      opening: Opening;
      /** The level's spaces, to choose from; spaces of other levels keep their id. */
      spaces: readonly Space[];
      editable: boolean;
      onDone(opening: Opening | null): void;
    };

const DEFAULT_BARRIER: Barrier = {
  lock: "none",
  material: "unknown",
  thicknessM: null,
  concealed: false,
  state: "closed",
};

const NONE = "";

export function OpeningForm(props: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const checkboxId = useId();
  const initial = props.mode === "edit" ? props.opening : null;
  const firstCandidate = props.mode === "create" ? props.candidates[0]?.space.id : undefined;
  const secondCandidate = props.mode === "create" ? props.candidates[1]?.space.id : undefined;
  const [kind, setKind] = useState<OpeningKind>(initial?.kind ?? "door");
  const [name, setName] = useState(initial?.name ?? "");
  const [spaceAId, setSpaceAId] = useState(initial?.spaceAId ?? firstCandidate ?? NONE);
  const [spaceBId, setSpaceBId] = useState(initial ? (initial.spaceBId ?? NONE) : (secondCandidate ?? NONE));
  const [width, setWidth] = useState(String(initial?.widthM ?? 0.9));
  const [barrier, setBarrier] = useState<Barrier>(initial?.barrier ?? DEFAULT_BARRIER);
  const [thickness, setThickness] = useState(
    initial?.barrier.thicknessM === null || initial?.barrier.thicknessM === undefined
      ? ""
      : String(initial.barrier.thicknessM),
  );
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const disabled = !props.editable || busy;

  const options: { id: string; label: string }[] =
    props.mode === "create"
      ? props.candidates.map(({ space, distance }) => ({
          id: space.id,
          label: t("opening.candidate", {
            name: space.name || t(`spaceKind.${space.kind}`),
            distance: format.number(distance, 2),
          }),
        }))
      : props.spaces.map((space) => ({ id: space.id, label: space.name || t(`spaceKind.${space.kind}`) }));
  // An opening may lead to a space on another level (a hatch): keep it choosable under a neutral label.
  for (const id of [spaceAId, spaceBId])
    if (id !== NONE && !options.some((option) => option.id === id))
      options.push({ id, label: t("opening.otherLevelSpace") });

  const setBarrierField = <K extends keyof Barrier>(key: K, value: Barrier[K]) =>
    setBarrier((current) => ({ ...current, [key]: value }));

  const run = async (action: () => Promise<Opening | null>) => {
    setBusy(true);
    setError(null);
    try {
      props.onDone(await action());
    } catch (reason) {
      setError(reason);
      setBusy(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const widthM = Number(width);
    const thicknessM = thickness.trim() === "" ? null : Number(thickness);
    const input = {
      kind,
      name,
      spaceAId,
      spaceBId: spaceBId === NONE ? null : spaceBId,
      position: props.mode === "create" ? props.position : props.opening.position,
      widthM,
      barrier: { ...barrier, thicknessM },
    };
    void run(() =>
      props.mode === "create" ? api.createOpening(input) : api.updateOpening(props.opening.id, input),
    );
  };

  if (props.mode === "create" && props.candidates.length === 0) {
    return (
      <div className="stack panel-form">
        <h2>{t("opening.newTitle")}</h2>
        <p className="error-message" role="alert">
          {t("opening.noSpaceNear")}
        </p>
        <div className="actions">
          <button type="button" onClick={() => props.onDone(null)}>
            {t("common.cancel")}
          </button>
        </div>
      </div>
    );
  }

  return (
    <form className="stack panel-form" onSubmit={submit} aria-labelledby="opening-form-title">
      <h2 id="opening-form-title">{props.mode === "create" ? t("opening.newTitle") : t("opening.title")}</h2>
      <div className="field-row">
        <Field label={t("opening.kind")}>
          <select value={kind} disabled={disabled} onChange={(e) => setKind(e.target.value as OpeningKind)}>
            {OPENING_KINDS.map((value) => (
              <option key={value} value={value}>
                {t(`openingKind.${value}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("opening.width")}>
          <input
            type="number"
            inputMode="decimal"
            min={0.1}
            max={20}
            step={0.05}
            dir="ltr"
            required
            value={width}
            disabled={disabled}
            onChange={(e) => setWidth(e.target.value)}
          />
        </Field>
      </div>
      <Field label={t("opening.name")}>
        <input value={name} maxLength={200} disabled={disabled} onChange={(e) => setName(e.target.value)} />
      </Field>
      <Field label={t("opening.spaceA")}>
        <select value={spaceAId} disabled={disabled} required onChange={(e) => setSpaceAId(e.target.value)}>
          {options.map((option) => (
            <option key={option.id} value={option.id}>
              {option.label}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t("opening.spaceB")}>
        <select value={spaceBId} disabled={disabled} onChange={(e) => setSpaceBId(e.target.value)}>
          <option value={NONE}>{t("opening.outside")}</option>
          {options
            .filter((option) => option.id !== spaceAId)
            .map((option) => (
              <option key={option.id} value={option.id}>
                {option.label}
              </option>
            ))}
        </select>
      </Field>
      <fieldset className="stack">
        <legend>{t("barrier.title")}</legend>
        <div className="field-row">
          <Field label={t("barrier.state")}>
            <select
              value={barrier.state}
              disabled={disabled}
              onChange={(e) => setBarrierField("state", e.target.value as OpeningState)}
            >
              {OPENING_STATES.map((value) => (
                <option key={value} value={value}>
                  {t(`openingState.${value}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t("barrier.lock")}>
            <select
              value={barrier.lock}
              disabled={disabled}
              onChange={(e) => setBarrierField("lock", e.target.value as LockKind)}
            >
              {LOCK_KINDS.map((value) => (
                <option key={value} value={value}>
                  {t(`lock.${value}`)}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <div className="field-row">
          <Field label={t("barrier.material")}>
            <select
              value={barrier.material}
              disabled={disabled}
              onChange={(e) => setBarrierField("material", e.target.value as BarrierMaterial)}
            >
              {BARRIER_MATERIALS.map((value) => (
                <option key={value} value={value}>
                  {t(`material.${value}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t("barrier.thickness")}>
            <input
              type="number"
              inputMode="decimal"
              min={0.01}
              max={10}
              step={0.01}
              dir="ltr"
              value={thickness}
              disabled={disabled}
              onChange={(e) => setThickness(e.target.value)}
            />
          </Field>
        </div>
        <div className="checkbox">
          <input
            id={checkboxId}
            type="checkbox"
            checked={barrier.concealed}
            disabled={disabled}
            onChange={(e) => setBarrierField("concealed", e.target.checked)}
          />
          <label htmlFor={checkboxId}>{t("barrier.concealed")}</label>
        </div>
      </fieldset>
      {error ? <ErrorMessage error={error} /> : null}
      <div className="actions">
        {props.editable && (
          <button type="submit" className="primary" disabled={busy || spaceAId === NONE}>
            {props.mode === "create" ? t("opening.create") : t("common.save")}
          </button>
        )}
        <button type="button" onClick={() => props.onDone(null)} disabled={busy}>
          {props.mode === "create" ? t("common.cancel") : t("common.close")}
        </button>
        {props.editable && props.mode === "edit" && (
          <DeleteButton
            busy={busy}
            onDelete={() =>
              void run(async () => {
                await api.deleteOpening(props.opening.id);
                return null;
              })
            }
          />
        )}
      </div>
    </form>
  );
}
