/**
 * The outbox as React state: what waits, what the server answered, and when it tries to send. It sends on
 * start, when the browser says the connection is back, when the page becomes visible again, every
 * RETRY_MS while something waits, and when asked ("send now").
 */
import { useCallback, useEffect, useRef, useState } from "react";
import {
  type DrainResult,
  drain,
  listOutbox,
  listSent,
  type OutboxItem,
  onOutboxChange,
  type SentReport,
} from "../../offline/outbox";

const RETRY_MS = 10_000;

export interface OutboxState {
  items: OutboxItem[];
  sent: SentReport[];
  /** False until IndexedDB has been read once. */
  ready: boolean;
  sending: boolean;
  /** IndexedDB could not be used: reports cannot be kept offline. */
  unavailable: boolean;
  lastRun: (DrainResult & { at: string }) | null;
  sendNow(): void;
}

export function useOutbox(userId: string, onSent?: () => void): OutboxState {
  const [items, setItems] = useState<OutboxItem[]>([]);
  const [sent, setSent] = useState<SentReport[]>([]);
  const [ready, setReady] = useState(false);
  const [unavailable, setUnavailable] = useState(false);
  const [sending, setSending] = useState(false);
  const [lastRun, setLastRun] = useState<OutboxState["lastRun"]>(null);
  const sentHandler = useRef(onSent);
  sentHandler.current = onSent;

  const refresh = useCallback(async () => {
    try {
      const [waiting, answered] = await Promise.all([listOutbox(userId), listSent(userId)]);
      setItems(waiting);
      setSent(answered);
      setReady(true);
    } catch {
      setUnavailable(true);
      setReady(true);
    }
  }, [userId]);

  const sendNow = useCallback(() => {
    setSending(true);
    drain(userId)
      .then((result) => {
        setLastRun({ ...result, at: new Date().toISOString() });
        if (result.sent > 0) sentHandler.current?.();
      })
      .catch(() => setUnavailable(true))
      .finally(() => {
        setSending(false);
        void refresh();
      });
  }, [userId, refresh]);

  useEffect(() => {
    void refresh();
    const off = onOutboxChange(() => void refresh());
    return off;
  }, [refresh]);

  // Send at start, when the connection returns, and when the page is looked at again.
  useEffect(() => {
    sendNow();
    const onVisible = () => {
      if (document.visibilityState === "visible") sendNow();
    };
    window.addEventListener("online", sendNow);
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      window.removeEventListener("online", sendNow);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [sendNow]);

  // While something waits, try again now and then: `online` is not fired for every kind of outage.
  const waiting = items.some((item) => !item.problem || item.problem.kind === "retry");
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(sendNow, RETRY_MS);
    return () => clearInterval(timer);
  }, [waiting, sendNow]);

  return { items, sent, ready, sending, unavailable, lastRun, sendNow };
}
