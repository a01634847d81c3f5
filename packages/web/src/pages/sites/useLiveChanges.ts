/**
 * Subscribes to a site's live events (server-sent events) and calls `onChange` after each burst of
 * changes, so that two screens on the same site stay in step. EventSource reconnects by itself; the state
 * says whether updates are arriving.
 */
import { useEffect, useRef, useState } from "react";
import { api, type LiveChange } from "../../api/client";

export type LiveState = "connecting" | "live" | "offline";

/** Changes arriving within this many milliseconds are handled as one (a bulk import sends hundreds). */
const SETTLE_MS = 200;

export function useLiveChanges(siteId: string, onChange: (changes: LiveChange[]) => void): LiveState {
  const [state, setState] = useState<LiveState>("connecting");
  const handler = useRef(onChange);
  handler.current = onChange;

  useEffect(() => {
    if (typeof EventSource === "undefined") {
      setState("offline");
      return;
    }
    const source = new EventSource(api.eventsUrl(siteId));
    let batch: LiveChange[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    source.onopen = () => setState("live");
    source.onerror = () => setState(source.readyState === EventSource.CLOSED ? "offline" : "connecting");
    source.addEventListener("change", (event) => {
      try {
        batch.push(JSON.parse((event as MessageEvent<string>).data) as LiveChange);
      } catch {
        return; // not ours to understand: skip it
      }
      clearTimeout(timer);
      timer = setTimeout(() => {
        const changes = batch;
        batch = [];
        handler.current(changes);
      }, SETTLE_MS);
    });
    return () => {
      clearTimeout(timer);
      source.close();
    };
  }, [siteId]);

  return state;
}
