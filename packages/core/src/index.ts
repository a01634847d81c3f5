export * from "./arabic";
export * from "./clock";
export * from "./errors";
export * from "./ids";
export * from "./random";
export * from "./roles";
export * from "./site";
export * from "./units";
