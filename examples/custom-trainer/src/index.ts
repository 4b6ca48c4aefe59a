import { oneFifthEs } from './one-fifth-es.js';

export { OneFifthConfig, oneFifthEs } from './one-fifth-es.js';

/** The plugin shape the arena loads (`--plugin @evoprop/example-custom-trainer`): arrays of definitions. */
export const trainers = [oneFifthEs] as const;
