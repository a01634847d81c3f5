import { useEffect, useRef } from "react";
import type { LiveState } from "../sites/useLiveChanges";

/**
 * Calls `refresh` when a live stream that was connected comes back after a break: events sent meanwhile
 * were missed (EventSource reconnects by itself but does not replay them), so what is shown is reloaded.
 */
export function useRefreshOnReconnect(state: LiveState, refresh: () => void): void {
  const wasLive = useRef(false);
  const broke = useRef(false);
  const handler = useRef(refresh);
  handler.current = refresh;
  useEffect(() => {
    if (state === "live") {
      if (wasLive.current && broke.current) handler.current();
      wasLive.current = true;
      broke.current = false;
    } else if (wasLive.current) broke.current = true;
  }, [state]);
}
