export * from "./read-archive";
