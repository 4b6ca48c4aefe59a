import { cmaEs } from './strategies/cma-es.js';
import { ga } from './strategies/ga.js';
import { openAiEs } from './strategies/openai-es.js';
import { pgpe } from './strategies/pgpe.js';
import { bipopCmaEs, ipopCmaEs } from './strategies/restarts.js';
import { sepCmaEs } from './strategies/sep-cma-es.js';
import { snes } from './strategies/snes.js';
import { xnes } from './strategies/xnes.js';

/** Every built-in ask/tell strategy, by name. One contract test runs each entry. */
export const strategies = { ga, openAiEs, cmaEs, sepCmaEs, ipopCmaEs, bipopCmaEs, snes, xnes, pgpe } as const;
export type StrategyName = keyof typeof strategies;
