/** The signed-in user's menu: who they are, change password, sign out. */
import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { navigate } from "./router";
import { paths } from "./routes";
import { useSession } from "./session";

export function AccountMenu() {
  const { t } = useTranslation();
  const { me, signOut } = useSession();
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (event: Event) => {
      if (event instanceof KeyboardEvent) {
        if (event.key !== "Escape") return;
        button.current?.focus();
      } else if (root.current?.contains(event.target as Node)) return;
      setOpen(false);
    };
    document.addEventListener("pointerdown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("pointerdown", close);
      document.removeEventListener("keydown", close);
    };
  }, [open]);

  return (
    <div className="account-menu" ref={root}>
      <button
        ref={button}
        type="button"
        className="account-button"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((value) => !value)}
      >
        <span className="account-avatar" aria-hidden="true">
          {me.displayName.slice(0, 1)}
        </span>
        <span className="account-name">
          <bdi>{me.displayName}</bdi>
        </span>
      </button>
      {open && (
        <div className="account-popover" id={menuId}>
          <p className="account-who">
            <bdi>{me.username}</bdi>
            <span className="muted">
              {me.roles.map((role) => t(`roles.${role}`)).join(t("common.listSeparator"))}
            </span>
          </p>
          <ul>
            <li>
              <button
                type="button"
                onClick={() => {
                  setOpen(false);
                  navigate(paths.account());
                }}
              >
                {t("account.changePassword")}
              </button>
            </li>
            <li>
              <button type="button" onClick={() => void signOut()}>
                {t("account.signOut")}
              </button>
            </li>
          </ul>
        </div>
      )}
    </div>
  );
}
