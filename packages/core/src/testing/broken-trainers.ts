import { Rng } from '@evoprop/tensor';
import { zeroCost } from '../contract/cost.js';
import type { FitRequest, FitResult, Trainer } from '../contract/trainer.js';
import { VectorModel } from '../model/vector-model.js';
import { runTrainingLoop } from '../training/loop.js';
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

/**
 * Deliberately broken: counts generations but never charges evaluations, so an evaluations
 * budget can never end its run. The suite must say so at once, not hang until a timeout.
 */
export class UnchargedEvaluationsTrainer implements Trainer {
  /** Its own id. */
  readonly id = 'uncharged-evaluations';
  /** Steps forever (one generation each, a constant loss of 1), charging no evaluations. */
  fit(request: FitRequest): Promise<FitResult> {
    const start = (): { model: VectorModel } => ({
      model: new VectorModel(request.task.kind === 'objective' ? request.task.dimension : 2),
    });
    return runTrainingLoop(request, {
      trainerId: this.id,
      init: start,
      restore: start,
      snapshot: () => ({}),
      step: (_, ctx) => {
        ctx.meter.addGenerations(1);
        return { metrics: { loss: 1 } };
      },
      model: (s) => s.model,
    });
  }
}

/**
 * Deliberately broken: tells the loop each generation is free (a `nextStepCost` of 0), so it
 * checks caps only before a generation starts and a whole generation of 24 evaluations always
 * runs, past the cap. The suite must catch the overspend.
 */
export class OverspendingTrainer implements Trainer {
  /** Its own id. */
  readonly id = 'overspending';
  /** Generations of 6 candidates × 4 samples, each declared free before it runs. */
  fit(request: FitRequest): Promise<FitResult> {
    const start = (): { model: VectorModel } => ({ model: new VectorModel(2) });
    return runTrainingLoop(request, {
      trainerId: this.id,
      init: start,
      restore: start,
      snapshot: () => ({}),
      nextStepCost: () => ({ evaluations: 0, generations: 0, flops: 0 }),
      step: (_, ctx) => {
        ctx.meter.addEvaluations(24);
        ctx.meter.addGenerations(1);
        return { metrics: { loss: 1 } };
      },
      model: (s) => s.model,
    });
  }
}

/**
 * Deliberately broken: says `'reached-target'` from a training score while the model it
 * returns (an untrained one) misses the target on held-out data. The suite must catch it.
 */
export class TrainingScoreTargetTrainer implements Trainer {
  /** Its own id. */
  readonly id = 'training-score-target';
  /** One step that reports the target's metric as reached and returns a fresh model. */
  async fit(request: FitRequest): Promise<FitResult> {
    const model = new RandomSearchTrainer().initialModel(request);
    const t = request.budget.target;
    const claimed = t === undefined ? {} : { [t.metric]: t.value, [`val.${t.metric.replace(/^val\./, '')}`]: t.value };
    const cost = { ...zeroCost(), evaluations: 4, generations: 1 };
    return {
      model,
      status: 'reached-target',
      reason: 'the best candidate reached the target on its training batch',
      history: [{ type: 'progress', step: 1, cost, metrics: claimed }],
      cost,
      metrics: {},
      budget: { unspent: {} },
    };
  }
}
