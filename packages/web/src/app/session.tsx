/**
 * Who is signed in. Loaded once from /api/auth/me; any 401 later (expired session, signed out elsewhere)
 * drops back to the sign-in screen without losing the address the user was on.
 */
import type { Role } from "@athar/core";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { ApiError, api, type Me, onUnauthenticated } from "../api/client";

export type SessionState =
  | { status: "loading" }
  | { status: "anonymous"; expired: boolean }
  | { status: "failed"; error: ApiError }
  | { status: "signed_in"; me: Me };

export interface Session {
  me: Me;
  hasAnyRole(roles: readonly Role[]): boolean;
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside a signed-in session");
  return session;
}

export function mayUse(me: Me, roles: readonly Role[] | "authenticated"): boolean {
  return roles === "authenticated" || roles.some((role) => me.roles.includes(role));
}

export function useSessionState(): {
  state: SessionState;
  signedIn(me: Me): void;
  signedOut(): void;
  retry(): void;
} {
  const [state, setState] = useState<SessionState>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` changes when the user asks to retry
  useEffect(() => {
    let live = true;
    api.me().then(
      (me) => live && setState({ status: "signed_in", me }),
      (error: unknown) => {
        if (!live) return;
        if (error instanceof ApiError && error.code === "unauthenticated")
          setState({ status: "anonymous", expired: false });
        else
          setState({
            status: "failed",
            error: error instanceof ApiError ? error : new ApiError("bad_response", 0, String(error)),
          });
      },
    );
    return () => {
      live = false;
    };
  }, [attempt]);

  useEffect(() => onUnauthenticated(() => setState({ status: "anonymous", expired: true })), []);

  const signedIn = useCallback((me: Me) => setState({ status: "signed_in", me }), []);
  const signedOut = useCallback(() => setState({ status: "anonymous", expired: false }), []);
  const retry = useCallback(() => {
    setState({ status: "loading" });
    setAttempt((n) => n + 1);
  }, []);
  return { state, signedIn, signedOut, retry };
}

export function SessionProvider({
  me,
  onSignedOut,
  children,
}: {
  me: Me;
  onSignedOut: () => void;
  children: ReactNode;
}) {
  const session = useMemo<Session>(
    () => ({
      me,
      hasAnyRole: (roles) => mayUse(me, roles),
      signOut: async () => {
        try {
          await api.logout();
        } finally {
          onSignedOut();
        }
      },
    }),
    [me, onSignedOut],
  );
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}
