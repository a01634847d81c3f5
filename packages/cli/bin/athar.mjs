#!/usr/bin/env node
// The `athar` command. Sources are TypeScript; tsx compiles them on load so that no build step stands
// between a clone and a working command.
import { register } from "tsx/esm/api";

register();
await import("../src/main.ts");
