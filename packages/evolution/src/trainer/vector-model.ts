import { type ModelKind, VectorModel, vectorKind } from '@evoprop/core';

/**
 * The trivial model an objective task is trained as: its parameter vector IS the solution.
 * It is `@evoprop/core`'s `VectorModel`, re-exported here for existing imports.
 */
export { VectorModel };

/** `@evoprop/core`'s `vectorKind` (built into `buildModel` / `loadModel` already), kept for existing imports. */
export const vectorModelKind: ModelKind = vectorKind;

/** The model kinds this package adds, keyed by kind, for `buildModel(spec, rng, { kinds: vectorModelKinds })`; `vector` is built in. */
export const vectorModelKinds = {
  /** `{ kind: 'vector', dimension }`: see {@link VectorModel}. */
  vector: vectorModelKind,
} as const;
