// Entry of a scoring worker thread: the sources are TypeScript, so the worker registers tsx (as the
// `athar` command does) before loading them.
import { register } from "tsx/esm/api";

register();
await import("./scoring-worker.ts");
