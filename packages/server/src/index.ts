export { BODY_LIMIT_BYTES, buildApp, ROUTE_MODULES } from "./app";
export { CSRF_HEADER, mayAccess } from "./auth/guard";
export { hashPassword, verifyPassword } from "./auth/passwords";
export { SESSION_COOKIE } from "./auth/tokens";
export type { Access, AppContext, AuthenticatedUser } from "./context";
export { DEMO_ACCOUNTS, DEMO_PASSWORD, isSeeded, seedDemo } from "./demo/seed";
export { type RunningServer, startServer } from "./server";
