// Entry of the plan worker thread: the sources are TypeScript, so the thread registers tsx (as the `athar`
// command does) before loading them.
import { register } from "tsx/esm/api";

register();
await import("./plan-worker-thread.ts");
