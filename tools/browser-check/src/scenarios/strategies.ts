// @evoprop/evolution's ask/tell registry: every strategy on Rosenbrock, state kept in float64.
import { minimize, type StrategyName, strategies } from '@evoprop/evolution';
import { rosenbrock } from '@evoprop/tasks';
import { Rng } from '@evoprop/tensor';
import { type Digest, fingerprint } from '../digest.js';

/** A config per registered strategy: a new strategy fails to compile here until it has one. */
const configs: Readonly<Record<StrategyName, object>> = {
  ga: { sigma: 0.5, populationSize: 20, eliteCount: 2, mutation: { kind: 'gaussian', sigma: 0.1, rate: 0.5, selfAdaptive: true } },
  deepGa: { sigma: 0.05, populationSize: 20, truncation: 5 },
  openAiEs: { sigma: 0.1, populationSize: 20, optimizer: { name: 'adam', learningRate: 0.05 } },
  cmaEs: { sigma: 0.3 },
  sepCmaEs: { sigma: 0.3 },
  ipopCmaEs: { sigma: 0.3 },
  bipopCmaEs: { sigma: 0.3 },
  snes: { sigma: 0.3 },
  xnes: { sigma: 0.3 },
  pgpe: { sigma: 0.3, populationSize: 20, optimizer: { name: 'adam', learningRate: 0.05 } },
};

/** 250 generations of each (CMA-ES stops and restarts within them) from the same start and seed: best fitness and the mean's bytes. */
export async function run(): Promise<Digest> {
  const out: Record<string, unknown> = {};
  for (const [name, strategy] of Object.entries(strategies)) {
    const erased = strategy as unknown as typeof strategies.cmaEs;
    const config = configs[name as StrategyName] as Parameters<typeof erased.init>[1];
    const state = minimize(erased, { mean: [-1.2, 1, 0.5], ...config }, rosenbrock.evaluate, { rng: Rng.fromSeed(9), generations: 250 });
    out[name] = { best: state.bestFitness, evaluations: state.evaluations, mean: fingerprint(Float64Array.from(erased.mean(state))) };
  }
  return out;
}
