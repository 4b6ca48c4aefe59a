import { type GradientTransformation, gradientStep } from '@evoprop/backprop';
import { type Budget, type CostMeter, type Model, type SupervisedTask, accuracy as accuracyOf, exhaustedBy, lossFor } from '@evoprop/core';
import type { Rng } from '@evoprop/tensor';
import { miniBatch } from './supervised.js';

/** What {@link refine} trains, how, and where it charges the work. */
export type RefineOptions = Readonly<{
  /** The model trained in place (its `params.vector` is updated). */
  model: Model;
  /** The supervised task whose training split the mini-batches are drawn from, and whose loss is minimised. */
  task: SupervisedTask;
  /** A transform over the model's whole parameter vector (wrap in `masked` to skip frozen weights). */
  optimizer: GradientTransformation<unknown>;
  /** Optimizer state to continue from (`optimizer.init(n)` for a fresh one). */
  state: unknown;
  /** Gradient steps to take (k ≥ 0). */
  steps: number;
  /** Rows per step; null = the whole training split. */
  batchSize: number | null;
  /** Step t draws its batch (and dropout masks) from `rng.fork(t)`. */
  rng: Rng;
  /** The run's cost meter: every step's samples, gradient step and FLOPs are charged to it. */
  meter: CostMeter;
  /**
   * The run's budget: refinement stops (without `diverged`) before a step once the meter has
   * spent it, so a trainer whose one loop step holds many gradient steps does not overshoot it.
   */
  budget?: Budget;
}>;

/** The outcome of {@link refine}. */
export type RefineResult = Readonly<{
  /** The optimizer state after the last applied step (pass it back to continue). */
  state: unknown;
  /** Loss of the last step's batch, before its update (NaN when no step ran). */
  loss: number;
  /** Classification: accuracy on the last step's batch, before its update. */
  accuracy?: number;
  /** Steps actually applied (fewer than asked when the loss or the gradient became non-finite). */
  applied: number;
  /** Why refinement stopped early, if it did. */
  diverged?: string;
  /** True when refinement stopped early because `budget` was spent. */
  budgetExhausted?: boolean;
}>;

/**
 * `steps` gradient steps on seeded mini-batches, in place on `model.params.vector`.
 * Every step is charged: the batch's samples as evaluations, one gradient step, and the
 * kernels' FLOPs (counted by the running meter). A non-finite loss or gradient stops
 * refinement before the bad update is applied, so the weights stay finite.
 */
export function refine(o: RefineOptions): RefineResult {
  const { model, task, meter } = o;
  const loss = lossFor(task.loss);
  const classification = task.problem === 'classification';
  // The caller's state may be shared (a parent's, inherited by several children): never update it in place.
  // A refused update leaves the weights finite; these FLOP totals never counted the additions.
  const step = gradientStep(
    (stepRng: Rng) => {
      const batch = miniBatch(task, o.batchSize, stepRng.fork('batch'));
      const out = model.forward(batch.x, 'train', { rng: stepRng.fork('dropout') });
      const l = loss(out, batch.y);
      meter.addEvaluations(batch.x.shape[0] as number);
      return { loss: l, aux: classification ? accuracyOf(out, batch.y) : undefined };
    },
    { params: model.params, optimizer: o.optimizer, guardOverflow: true, chargeApply: false },
  );
  let state = o.state;
  let last = Number.NaN;
  let accuracy: number | undefined;
  for (let t = 0; t < o.steps; t++) {
    if (o.budget !== undefined && exhaustedBy(o.budget, meter.cost()) !== null) {
      return { state, loss: last, applied: t, budgetExhausted: true, ...(accuracy === undefined ? {} : { accuracy }) };
    }
    const r = step(state, o.rng.fork(t));
    last = r.loss;
    if (r.aux !== undefined) accuracy = r.aux;
    if (!r.applied) {
      const d = r.divergence;
      const diverged =
        d.kind === 'loss'
          ? `loss ${d.value}`
          : d.kind === 'gradient-norm'
            ? `gradient norm ${d.value}`
            : `update of weight ${d.index} overflowed (${d.value})`;
      return { state, loss: last, applied: t, diverged };
    }
    state = r.state;
    meter.addGradientSteps(1);
  }
  return { state, loss: last, applied: o.steps, ...(accuracy === undefined ? {} : { accuracy }) };
}
