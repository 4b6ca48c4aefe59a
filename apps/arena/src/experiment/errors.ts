import { unknownChoice } from '@evoprop/core/config';

/** An experiment definition is invalid. `problems` lists each one as `path: what is wrong (valid choices)`. */
export class ExperimentError extends Error {
  override name = 'ExperimentError';
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(`${source}: invalid experiment\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** "unknown task 'spiral'; did you mean 'spirals'? valid: circles, spirals, xor" (core's one "did you mean"). */
export { unknownChoice };
