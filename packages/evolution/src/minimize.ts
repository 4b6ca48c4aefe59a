import { warnDeprecatedKey } from '@evoprop/core/config';
import type { Rng } from '@evoprop/tensor';
import type { Strategy, StrategyState } from './strategy.js';

/** Options of {@link minimize}. */
export type MinimizeOptions<State> = Readonly<{
  /** Seeds the strategy (its state then carries its own stream). */
  rng: Rng;
  /** Hard cap on generations (as a `Budget`'s `generations`), on top of the strategy's own stop criteria. */
  generations?: number;
  /** @deprecated The old name of `generations` (still accepted, with a deprecation warning). */
  maxGenerations?: number;
  /** Called after every tell; return true to stop early. */
  onGeneration?: (state: State) => boolean | undefined;
}>;

/**
 * Runs ask → evaluate → tell from `config.mean` until the strategy stops (its `stop` criteria) or `generations`.
 * The pycma `fmin` of this package: the objective is minimised.
 *
 * @example
 * const state = minimize(cmaEs, { mean: [1, 1, 1], sigma: 0.5, stop: { targetFitness: 1e-10 } },
 *   (x) => x.reduce((s, v) => s + v * v, 0), { rng: Rng.fromSeed(0) });
 * state.bestFitness; // < 1e-10
 */
export function minimize<Config, State extends StrategyState>(
  strategy: Strategy<Config, State>,
  config: Config & Readonly<{ /** The initial mean x0 (pycma's x0). */ mean: ArrayLike<number> }>,
  objective: (x: Float64Array) => number,
  options: MinimizeOptions<State>,
): State {
  const { mean, ...rest } = config;
  let state = strategy.init(mean, rest as Config, options.rng);
  if (options.maxGenerations !== undefined && options.generations === undefined)
    warnDeprecatedKey('minimize options', { path: ['maxGenerations'], from: 'maxGenerations', to: 'generations' });
  const generations = options.generations ?? options.maxGenerations;
  while (state.stop === null && (generations === undefined || state.generation < generations)) {
    const asked = strategy.ask(state);
    state = strategy.tell(asked.state, asked.candidates, asked.candidates.map(objective));
    if (options.onGeneration?.(state) === true) break;
  }
  return state;
}
