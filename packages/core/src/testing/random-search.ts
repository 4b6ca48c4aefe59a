import { FlopMeter, noGrad } from '@evoprop/tensor';
import { z } from 'zod';
import type { SupervisedTask, Task } from '../contract/task.js';
import type { FitRequest, FitResult, Metrics, Trainer } from '../contract/trainer.js';
import { ConfigError } from '../errors.js';
import { ActivationNameSchema } from '../layers/activations.js';
import { lossFor } from '../losses/loss-for.js';
import { evaluateModel } from '../metrics/evaluate.js';
import { accuracy } from '../metrics/metrics.js';
import { mlp } from '../model/mlp.js';
import type { Model } from '../model/model.js';
import { VectorModel } from '../model/vector-model.js';
import { defineTrainer } from '../registry/registry.js';
import { decodeState, encodeState } from '../training/state-codec.js';
import { runTrainingLoop } from '../training/loop.js';

/** Config schema of the reference random-search trainer. */
export const RandomSearchConfig = z.strictObject({
  /** Perturbed candidates evaluated per generation. Default 8. */
  populationSize: z.number().int().positive().default(8),
  /** Standard deviation of the Gaussian perturbation of the best weights. */
  sigma: z.number().positive().default(0.5),
  /** Hidden layer widths of the MLP built when the request has no model. Default `[4]`. */
  hidden: z.array(z.number().int().positive()).default([4]),
  /** Activation of those hidden layers. Default `'tanh'`. */
  activation: ActivationNameSchema.default('tanh'),
});
/** Config of the reference random-search trainer, as written (every key optional). */
export type RandomSearchConfig = z.input<typeof RandomSearchConfig>;

type State = { model: Model; bestLoss: number; bestMetrics: Metrics };

/** Loss of the model on the training split (supervised) or the objective value. */
function score(task: Task, model: Model, meter: { addEvaluations(n: number): void }): { loss: number; metrics: Metrics } {
  if (task.kind === 'objective') {
    meter.addEvaluations(1);
    const v = task.evaluate(model.params.vector);
    return { loss: v, metrics: { objective: v } };
  }
  const t = task as SupervisedTask;
  return noGrad(() => {
    const out = model.forward(t.train.x, 'eval');
    meter.addEvaluations(t.train.x.shape[0] ?? 0);
    const loss = lossFor(t.loss)(out, t.train.y).item();
    const metrics: Metrics = t.problem === 'classification' ? { loss, accuracy: accuracy(out, t.train.y) } : { loss };
    return { loss, metrics };
  });
}

/**
 * (1, λ) random search with elitism: each step perturbs the best weights λ times with
 * N(0, σ²) noise and keeps any improvement. The reference trainer of the conformance
 * suite: small, honest about cost, deterministic per seed, exactly resumable.
 */
export class RandomSearchTrainer implements Trainer {
  /** Registry id. */
  readonly id = 'random-search';
  /** The parsed config, defaults filled in. */
  readonly config: z.output<typeof RandomSearchConfig>;

  constructor(config: RandomSearchConfig = {}) {
    const parsed = RandomSearchConfig.safeParse(config);
    if (!parsed.success) throw new ConfigError('random-search config', 'populationSize, sigma, hidden, activation', JSON.stringify(config));
    this.config = parsed.data;
  }

  /** The starting model: a clone of `request.model`, a zero vector for objective tasks, else a fresh MLP. */
  initialModel(request: FitRequest): Model {
    const { task } = request;
    if (request.model !== undefined) return request.model.clone();
    if (task.kind === 'objective') return new VectorModel(task.dimension, task.initialPoint ?? new Float32Array(task.dimension));
    if (task.kind === 'control') throw new ConfigError('random-search task.kind', "'supervised' or 'objective'", "'control'");
    const inputSize = task.inputShape.reduce((a, b) => a * b, 1);
    return mlp(
      { inputSize, hidden: this.config.hidden, outputSize: task.outputSize, activation: this.config.activation },
      request.rng.fork('init'),
    );
  }

  /** Random search until the budget or target ends the run. */
  fit(request: FitRequest): Promise<FitResult> {
    const { task } = request;
    const { populationSize, sigma } = this.config;
    // One candidate's FLOPs, probed once on a copy (every candidate of this trainer costs the same).
    let candidateFlops: number | null = null;
    const probe = (model: Model): number => {
      const m = new FlopMeter();
      m.measure(() => score(task, model.clone(), { addEvaluations: () => {} }));
      return m.flops;
    };
    return runTrainingLoop<State>(request, {
      trainerId: this.id,
      init: () => ({ model: this.initialModel(request), bestLoss: Number.POSITIVE_INFINITY, bestMetrics: {} }),
      snapshot: (s) => encodeState({ vector: s.model.params.vector, bestLoss: s.bestLoss, bestMetrics: s.bestMetrics }),
      restore: (raw) => {
        const { vector, bestLoss, bestMetrics } = decodeState(raw) as { vector: Float32Array; bestLoss: number; bestMetrics: Metrics };
        const model = this.initialModel(request);
        model.params.setVector(vector);
        return { model, bestLoss, bestMetrics };
      },
      step: (s, ctx) => {
        const best = Float32Array.from(s.model.params.vector);
        let winner: Float32Array | null = null;
        const noise = new Float32Array(best.length);
        const firstStep = s.bestLoss === Number.POSITIVE_INFINITY;
        for (let i = 0; i < populationSize; i++) {
          ctx.rng.fillNormal(noise, 0, sigma);
          for (let j = 0; j < best.length; j++) s.model.params.vector[j] = (best[j] as number) + (noise[j] as number);
          const r = score(task, s.model, ctx.meter);
          // On the first step take the first candidate whatever it scores, so a NaN or infinite loss is reported (and the run diverges).
          if (r.loss < s.bestLoss || (firstStep && winner === null)) {
            s.bestLoss = r.loss;
            s.bestMetrics = r.metrics;
            winner = Float32Array.from(s.model.params.vector);
          }
        }
        s.model.params.setVector(winner ?? best);
        ctx.meter.addGenerations(1);
        return { metrics: s.bestMetrics };
      },
      // λ candidates, each one pass over the training split (or one objective evaluation).
      nextStepCost: (s) => {
        candidateFlops ??= probe(s.model);
        const perCandidate = task.kind === 'supervised' ? (task.train.x.shape[0] ?? 0) : 1;
        return { generations: 1, evaluations: populationSize * perCandidate, flops: populationSize * candidateFlops };
      },
      model: (s) => s.model,
      finalMetrics: (model) => {
        if (task.kind === 'objective') return { objective: task.evaluate(model.params.vector) };
        if (task.kind === 'supervised') return evaluateModel(model, task.test, task);
        return {};
      },
    });
  }
}

/** Registry entry for the reference trainer. */
export const randomSearchTrainer = defineTrainer({
  id: 'random-search',
  description: 'elitist (1, λ) random search over the flat weight vector; the reference trainer of the conformance suite',
  configSchema: RandomSearchConfig,
  create: (config) => new RandomSearchTrainer(config),
});
