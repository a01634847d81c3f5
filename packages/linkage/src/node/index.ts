/** Node-only parts of the linkage engine: reading files, and linkage on several threads. */
export { type FileLinkageOptions, type FileLinkageResult, linkFiles } from "./parallel-linkage";
export { type RecordFile, readRecordFiles, readText } from "./read-records";
