/**
 * Property tests run on a fixed seed, so that a run on CI is the run you get locally: a red property is a
 * reproducible counterexample, never a flaky test. To explore further, change the seed here (or pass
 * `{ seed }` to one `fc.assert`) and keep any counterexample found as an ordinary example test.
 */
import fc from "fast-check";

export const PROPERTY_SEED = 0x41746172; // "Atar"

fc.configureGlobal({ seed: PROPERTY_SEED });
