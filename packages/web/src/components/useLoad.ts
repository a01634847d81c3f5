import { type DependencyList, useCallback, useEffect, useRef, useState } from "react";

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Loads again, keeping the current data on screen until the new data arrives. */
  reload(): void;
}

/** Runs an async load when its dependencies change; answers of superseded loads are dropped. */
export function useLoad<T>(load: () => Promise<T>, deps: DependencyList): Loaded<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps decide when to load again
  const run = useCallback(load, deps);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` changes when reload() is called
  useEffect(() => {
    const ticket = ++latest.current;
    setLoading(true);
    run().then(
      (value) => {
        if (ticket !== latest.current) return;
        setData(value);
        setError(null);
        setLoading(false);
      },
      (reason: unknown) => {
        if (ticket !== latest.current) return;
        setError(reason);
        setLoading(false);
      },
    );
  }, [run, generation]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { data, error, loading, reload };
}
