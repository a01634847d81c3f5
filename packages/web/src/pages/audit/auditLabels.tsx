import { useTranslation } from "react-i18next";

/** Audit actions the app can name (packages/db writes them); newer ones are shown by their code. */
export const KNOWN_ACTIONS = [
  "auth.login",
  "auth.login_failed",
  "auth.logout",
  "user.create",
  "user.password_change",
  "user.roles_change",
  "site.create",
  "site.update",
  "site.delete",
  "site.member_add",
  "building.create",
  "building.update",
  "building.delete",
  "level.create",
  "level.update",
  "level.delete",
  "space.create",
  "space.update",
  "space.delete",
  "opening.create",
  "opening.update",
  "opening.delete",
] as const;

export const ENTITY_TYPES = ["user", "site", "building", "level", "space", "opening"] as const;

type KnownAction = (typeof KNOWN_ACTIONS)[number];
const isKnownAction = (action: string): action is KnownAction =>
  (KNOWN_ACTIONS as readonly string[]).includes(action);

export function AuditActionLabel({ action }: { action: string }) {
  const { t } = useTranslation();
  return (
    <span className="audit-action">
      {isKnownAction(action) ? t(`audit.actions.${action}`) : null}
      <code dir="ltr">{action}</code>
    </span>
  );
}
