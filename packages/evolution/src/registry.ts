import { cmaEs } from './strategies/cma-es.js';
import { deepGa } from './strategies/deep-ga.js';
import { ga } from './strategies/ga.js';
import { openAiEs } from './strategies/openai-es.js';
import { pgpe } from './strategies/pgpe.js';
import { bipopCmaEs, ipopCmaEs } from './strategies/restarts.js';
import { sepCmaEs } from './strategies/sep-cma-es.js';
import { snes } from './strategies/snes.js';
import { xnes } from './strategies/xnes.js';

/** Every built-in ask/tell strategy, by name. One contract test runs each entry. */
export const strategies = {
  /** Real-coded genetic algorithm, see {@link ga}. */
  ga,
  /** The deep GA (Such et al. 2017): truncation selection, Gaussian mutation, seed-list genomes, see {@link deepGa}. */
  deepGa,
  /** OpenAI-ES (Salimans et al. 2017), see {@link openAiEs}. */
  openAiEs,
  /** CMA-ES (Hansen 2016), see {@link cmaEs}. */
  cmaEs,
  /** Diagonal CMA-ES (Ros & Hansen 2008), see {@link sepCmaEs}. */
  sepCmaEs,
  /** CMA-ES with restarts and growing populations (Auger & Hansen 2005), see {@link ipopCmaEs}. */
  ipopCmaEs,
  /** CMA-ES with restarts alternating large and small populations (Hansen 2009), see {@link bipopCmaEs}. */
  bipopCmaEs,
  /** Separable natural evolution strategy (Schaul et al. 2011), see {@link snes}. */
  snes,
  /** Exponential natural evolution strategy (Glasmachers et al. 2010), see {@link xnes}. */
  xnes,
  /** Policy gradients with parameter-based exploration (Sehnke et al. 2010), see {@link pgpe}. */
  pgpe,
} as const;
/** Name of a built-in strategy: a key of {@link strategies}. */
export type StrategyName = keyof typeof strategies;
