import { Rng } from '@evoprop/tensor';
import type { TargetMetric } from '../contract/budget.js';
import type { Task } from '../contract/task.js';
import type { Metrics } from '../contract/trainer.js';
import { modelPolicy, rollout } from '../control/rollout.js';
import { ConfigError } from '../errors.js';
import { evaluateModel } from '../metrics/evaluate.js';
import type { Model } from '../model/model.js';

/** Episodes of the held-out evaluation of a control task. */
export const heldOutEpisodes = 10;

/**
 * The one truth for "reached": metrics of `model` (the model a trainer would return now) on
 * held-out data, never a candidate's training score. Supervised: loss and accuracy (or mse,
 * r2) on the validation split (a task without one is judged on its training split). Control:
 * the mean return over {@link heldOutEpisodes} episodes whose seeds depend on nothing but the
 * task id, so every trainer is judged on the same episodes. Objective: the function value at
 * the model's weights (also as `loss`).
 *
 * @example heldOutMetrics(task, result.model) // { loss: 0.08, accuracy: 1 }
 */
export function heldOutMetrics(task: Task, model: Model): Metrics {
  switch (task.kind) {
    case 'supervised': {
      const split = (task.validation.x.shape[0] ?? 0) > 0 ? task.validation : task.train;
      return evaluateModel(model, split, task);
    }
    case 'control': {
      const rng = Rng.fromSeed(`held-out/${task.id}`);
      const seeds = Array.from({ length: heldOutEpisodes }, () => rng.int(0, 2 ** 31 - 1));
      const episodes = rollout(task, modelPolicy(model, task), seeds);
      return { return: episodes.reduce((s, e) => s + e.return, 0) / episodes.length };
    }
    case 'objective': {
      const objective = task.evaluate(model.params.vector);
      return { objective, loss: objective };
    }
  }
}

/**
 * The held-out value a target is judged on: `judged[metric]`, where a `val.` prefix is optional
 * (`'accuracy'` and `'val.accuracy'` both mean the returned model's held-out accuracy).
 *
 * @throws {@link ConfigError} when the held-out evaluation reports no such metric (a target on a
 * training-only number such as `'fitness'` could never be judged on the returned model).
 */
export function judgedValue(target: TargetMetric, judged: Metrics, where: string): number {
  const name = target.metric.startsWith('val.') ? target.metric.slice(4) : target.metric;
  const value = judged[name];
  if (value === undefined) {
    throw new ConfigError(
      `${where} budget.target.metric`,
      `a metric of the returned model on held-out data (${Object.keys(judged).join(', ')}, with or without 'val.')`,
      `'${target.metric}'`,
    );
  }
  return value;
}

/** Whether `value` meets `target` (≥ for 'max', the default; ≤ for 'min'); NaN never does. */
export const meetsTarget = (target: TargetMetric, value: number): boolean =>
  !Number.isNaN(value) && ((target.direction ?? 'max') === 'max' ? value >= target.value : value <= target.value);
