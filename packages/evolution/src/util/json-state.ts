/**
 * Evolution's checkpoint codec is `@evoprop/core`'s: one format for every trainer's state
 * (typed arrays as exact bytes). These names stay as deprecated aliases; core's `decodeState`
 * still reads the `{ $typed, values }` format this module used to write.
 */
import { decodeState as coreDecodeState, encodeState as coreEncodeState } from '@evoprop/core/training';

/**
 * A JSON-safe copy of a strategy state.
 *
 * @deprecated Use `encodeState` from `@evoprop/core` (the same function; one format for every trainer).
 */
export const encodeState: (value: unknown) => unknown = coreEncodeState;

/**
 * The inverse of {@link encodeState}.
 *
 * @deprecated Use `decodeState` from `@evoprop/core`.
 */
export const decodeState: (value: unknown) => unknown = coreDecodeState;
