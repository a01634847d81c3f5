/**
 * @athar/linkage — probabilistic record linkage for person records in Arabic and Latin script.
 * Pure: no I/O; Node-only helpers (file reading, worker pool) are in src/node/.
 */
export * from "./blocking";
export * from "./clustering";
export * from "./correlation";
export * from "./csv";
export { CategoryField } from "./fields/category-field";
export { DateField } from "./fields/date-field";
export * from "./fields/field";
export { IdentifierField, normalizeIdentifier } from "./fields/identifier-field";
export { NameField } from "./fields/name-field";
export { TextField } from "./fields/text-field";
export * from "./inquiry-index";
export * from "./linkage";
export * from "./merge-log";
export * from "./model";
export * from "./names/arabic-name";
export * from "./names/dictionary";
export * from "./names/latin-name";
export * from "./names/name-keys";
export { NAME_LIST, type NameKind, type NameListEntry } from "./names/name-list";
export * from "./names/skeleton";
export * from "./pair-scoring";
export * from "./partial-date";
export * from "./presets/index";
export * from "./record-set";
export * from "./scorer";
export * from "./settings";
export * from "./similarity";
export * from "./training";
