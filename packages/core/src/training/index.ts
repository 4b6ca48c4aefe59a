// @evoprop/core/training: the shared training loop every built-in trainer runs on, and what a trainer author needs beside it.
export { runTrainingLoop, type TrainingLoop, type StepContext, type StepOutcome, type StepEnd, type LoopStop } from './loop.js';
export { type CapKey, type Remaining, capKeys, remainingOf } from './remaining.js';
export { heldOutMetrics, heldOutEpisodes, judgedValue, meetsTarget } from './judge.js';
export { encodeState, decodeState, snapshotModel, restoreModel, type ModelSnapshot } from './state-codec.js';
