import {
  type CostMeter,
  type FitRequest,
  type Metrics,
  type Model,
  type SupervisedTask,
  type Task,
  ConfigError,
  VectorModel,
  evaluateModel,
  mlp,
} from '@evoprop/core';
import { activationNames } from '@evoprop/core/layers';
import { defineTrainer } from '@evoprop/core/registry';
import { decodeState, encodeState, runTrainingLoop } from '@evoprop/core/training';
import { z } from 'zod';

/** The config, parsed at the boundary: unknown keys fail, missing keys get these defaults. */
export const OneFifthConfig = z.strictObject({
  /** Initial mutation strength σ. */
  sigma: z.number().positive().default(0.5),
  hidden: z.array(z.number().int().positive()).default([8]),
  activation: z.enum(activationNames).default('tanh'),
});
type Config = z.output<typeof OneFifthConfig>;
type State = { model: Model; metrics: Metrics; sigma: number };

/** Training loss and metrics (supervised; control tasks are refused by `initialModel`), or the objective; `loss` is minimised. */
function score(task: Task, model: Model, meter?: CostMeter): Metrics {
  if (task.kind !== 'objective') return evaluateModel(model, (task as SupervisedTask).train, task as SupervisedTask, { meter });
  meter?.addEvaluations(1);
  const objective = task.evaluate(model.params.vector);
  return { loss: objective, objective };
}

function initialModel({ task, model, rng }: FitRequest, c: Config): Model {
  if (task.kind === 'control') throw new ConfigError('one-fifth-es task.kind', "'supervised' or 'objective'", "'control'");
  if (model !== undefined) return model.clone();
  if (task.kind === 'objective') return new VectorModel(task.dimension, task.initialPoint ?? new Float32Array(task.dimension));
  const inputSize = task.inputShape.reduce((a, b) => a * b, 1);
  return mlp({ inputSize, hidden: c.hidden, outputSize: task.outputSize, activation: c.activation }, rng.fork('init'));
}

/**
 * (1+1)-ES with the one-fifth success rule (Rechenberg 1973), in the smooth per-step form
 * reviewed by Kern et al. 2004 (Natural Computing 3:77–112): σ ← σ·e^(1/d) after a success,
 * σ ← σ·e^(−1/(4d)) after a failure, so σ is stationary at a success rate of exactly 1/5.
 */
export const oneFifthEs = defineTrainer({
  id: 'one-fifth-es',
  description: '(1+1)-ES with the one-fifth success rule (Rechenberg 1973): one Gaussian mutation per step, σ kept at a 1/5 success rate',
  configSchema: OneFifthConfig,
  create: (c) => ({
    id: 'one-fifth-es',
    fit: (request) =>
      runTrainingLoop<State>(request, {
        trainerId: 'one-fifth-es',
        init: () => ({ model: initialModel(request, c), metrics: {}, sigma: c.sigma }),
        snapshot: (s) => encodeState({ ...s, model: s.model.params.vector }),
        restore: (raw) => {
          const { model: vector, ...rest } = decodeState(raw) as Omit<State, 'model'> & { model: Float32Array };
          const model = initialModel(request, c);
          model.params.setVector(vector);
          return { model, ...rest };
        },
        step: (s, { meter, rng }) => {
          if (s.metrics.loss === undefined) s.metrics = score(request.task, s.model, meter);
          const parent = Float32Array.from(s.model.params.vector);
          const x = s.model.params.vector;
          for (let i = 0; i < x.length; i++) x[i] = (parent[i] as number) + rng.normal(0, s.sigma);
          const child = score(request.task, s.model, meter);
          const d = Math.sqrt(x.length + 1); // damping, as in Auger & Hansen's tutorials
          const success = (child.loss as number) <= (s.metrics.loss as number);
          if (success) s.metrics = child;
          else s.model.params.setVector(parent);
          s.sigma *= Math.exp(success ? 1 / d : -1 / (4 * d));
          meter.addGenerations(1);
          return { metrics: { ...s.metrics, sigma: s.sigma } };
        },
        model: (s) => s.model,
        finalMetrics: (m) =>
          request.task.kind === 'supervised' ? evaluateModel(m, request.task.test, request.task) : score(request.task, m),
      }),
  }),
});
