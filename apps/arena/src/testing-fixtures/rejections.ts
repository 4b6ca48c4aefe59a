import { ExperimentError } from '../experiment/errors.js';

/** The problems `fn` is rejected with; any other outcome (no error, another error) fails the test. */
export function rejectionOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof ExperimentError) return [...e.problems];
    throw e;
  }
  throw new Error('expected an ExperimentError');
}
