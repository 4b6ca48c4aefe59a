import { Rng } from '@evoprop/tensor';
import type { FitRequest, FitResult, Trainer } from '../contract/trainer.js';
import { RandomSearchTrainer } from './random-search.js';

/** Deliberately broken: always runs 30 generations, whatever the budget says. The suite must catch it. */
export class IgnoresBudgetTrainer implements Trainer {
  /** Poses as the random-search trainer. */
  readonly id = 'random-search';
  /** Runs 30 generations of random search regardless of `request.budget`. */
  fit(request: FitRequest): Promise<FitResult> {
    return new RandomSearchTrainer().fit({ ...request, budget: { generations: 30 } });
  }
}

let calls = 0;

/** Deliberately broken: reseeds from a call counter instead of the request's Rng. The suite must catch it. */
export class NonDeterministicTrainer implements Trainer {
  /** Poses as the random-search trainer. */
  readonly id = 'random-search';
  /** Random search seeded from a global call counter, so two identical requests differ. */
  fit(request: FitRequest): Promise<FitResult> {
    calls += 1;
    return new RandomSearchTrainer().fit({ ...request, rng: Rng.fromSeed(`${request.rng.seed}/${calls}`) });
  }
}
