export * from "./plan-worker";
export * from "./read-archive";
