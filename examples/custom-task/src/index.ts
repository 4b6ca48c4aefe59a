import { noisyCheckerboardTask } from './checkerboard.js';

export { CheckerboardOptions, cellParity, noisyCheckerboard, noisyCheckerboardTask } from './checkerboard.js';

/** The plugin shape the arena loads (`--plugin @evoprop/example-custom-task`): arrays of definitions. */
export const tasks = [noisyCheckerboardTask] as const;
