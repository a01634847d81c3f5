export * from "./geometry/polygon";
