/** The synthetic Syrian population generator (seeded, with known truth), for tests and benchmarks. */
export * from "./invented-family-names";
export * from "./population";
export * from "./records";
export { arabicHabits, digitTypo, respellLatin, typo } from "./spelling";
