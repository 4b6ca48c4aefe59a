import type { Model } from '../model/model.js';
import { type Budget, exhaustedBy, isBounded, reachedTarget } from '../contract/budget.js';
import { type Cost, CostMeter } from '../contract/cost.js';
import { validateFitRequest } from '../contract/validate-request.js';
import type { Checkpoint, FitRequest, FitResult, FitStatus, Metrics, ProgressEvent } from '../contract/trainer.js';
import { ConfigError } from '../errors.js';
import type { Rng } from '@evoprop/tensor';

/** What one step of a trainer sees. */
export type StepContext = Readonly<{
  /** 1-based number of the step being run. */
  step: number;
  /** Charge evaluations, gradient steps, epochs, generations here; kernel FLOPs are counted automatically. */
  meter: CostMeter;
  /** `request.rng.fork('step/<n>')`: randomness that depends only on the seed and the step number, so resumed runs match. */
  rng: Rng;
  /** The request's abort signal; a long step may check it between units of work. */
  signal: AbortSignal | undefined;
}>;

/** What a step reports. */
export type StepOutcome = Readonly<{
  /** The step's headline metrics (`loss`, ...); budget targets are checked against them. */
  metrics: Metrics;
  /** Set when the trainer itself detected divergence (e.g. a non-finite gradient norm). */
  diverged?: string;
}>;

/** What a trainer gives {@link runTrainingLoop}: how to make, step, snapshot and restore its state `S`. */
export type TrainingLoop<S> = Readonly<{
  /** The trainer's id; written into checkpoints and checked on resume. */
  trainerId: string;
  /** Fresh trainer state for a new run. */
  init(): S;
  /** State from `checkpoint.state` (as `snapshot` wrote it, after a JSON round trip). */
  restore(state: unknown): S;
  /** Plain, JSON-able copy of the whole state: weights, optimizer moments, population, RNG state, counters. */
  snapshot(state: S): unknown;
  /** One step of work (a minibatch, a generation). May mutate `state`. */
  step(state: S, ctx: StepContext): StepOutcome | Promise<StepOutcome>;
  /** The model to return (the current one, or the best so far). */
  model(state: S): Model;
  /** Metrics of the returned model, computed after the run without charging the budget. */
  finalMetrics?(model: Model, state: S): Metrics;
  /** Yield to the event loop at least this often (default 50 ms), so pages and progress bars stay alive. */
  yieldEveryMs?: number;
  /** Check the model's weights for NaN/Inf after every step (default true). */
  checkWeights?: boolean;
  /** Extra fields for the result. */
  extras?(state: S): Readonly<Record<string, unknown>>;
}>;

const yieldToEventLoop = (): Promise<void> =>
  new Promise((resolve) => {
    if (typeof setImmediate === 'function') setImmediate(resolve);
    else setTimeout(resolve, 0);
  });

function firstNonFinite(metrics: Metrics): string | null {
  for (const [k, v] of Object.entries(metrics)) if (!Number.isFinite(v)) return `non-finite ${k} (${v})`;
  return null;
}

function nonFiniteWeight(model: Model): string | null {
  const v = model.params.vector;
  for (let i = 0; i < v.length; i++) {
    if (!Number.isFinite(v[i] as number)) {
      const e = model.params.entries.find((x) => i >= x.offset && i < x.offset + x.size);
      return `non-finite weight ${e?.name ?? 'param'}[${e === undefined ? i : i - e.offset}] (${v[i]})`;
    }
  }
  return null;
}

function budgetReason(budget: Budget, key: keyof Cost, cost: Cost): string {
  return `${key} budget reached (${cost[key]} of ${budget[key as keyof Budget]})`;
}

/**
 * The loop every trainer needs, written once: budgets, abort, divergence, events,
 * history, checkpoints and resume, and yielding to the event loop. The trainer
 * supplies `init / step / snapshot / restore / model`.
 *
 * Order per iteration: abort? → budget exhausted? → step → divergence? → progress
 * event → target reached? → checkpoint → maybe yield. So a run stops within one
 * step of a cap, and a checkpoint at step k holds exactly the state after step k.
 * The meter is paused while yielding, so time spent elsewhere is not charged.
 *
 * @example
 * fit: (request) => runTrainingLoop(request, { trainerId: 'mine', init, restore, snapshot, step, model })
 */
export async function runTrainingLoop<S>(request: FitRequest, loop: TrainingLoop<S>): Promise<FitResult> {
  validateFitRequest(request, loop.trainerId);
  const { budget, signal, onEvent, checkpoint, resume } = request;
  if (!isBounded(budget)) {
    throw new ConfigError(
      `${loop.trainerId} budget`,
      'at least one cap (flops, evaluations, gradientSteps, epochs, generations, wallSeconds) or a target',
      JSON.stringify(budget),
    );
  }
  if (checkpoint !== undefined && !(Number.isInteger(checkpoint.every) && checkpoint.every > 0)) {
    throw new ConfigError(`${loop.trainerId} checkpoint.every`, 'a positive integer', String(checkpoint.every));
  }
  if (resume !== undefined && resume.trainerId !== loop.trainerId) {
    throw new ConfigError(`${loop.trainerId} resume.trainerId`, `'${loop.trainerId}'`, `'${resume.trainerId}'`);
  }
  const meter = new CostMeter(resume?.cost);
  const history: ProgressEvent[] = resume === undefined ? [] : [...resume.history];
  let step = resume?.step ?? 0;
  const state = resume === undefined ? loop.init() : loop.restore(resume.state);
  const yieldEvery = loop.yieldEveryMs ?? 50;
  let status: FitStatus | null = null;
  let reason = '';
  let divergedAtStep: number | undefined;
  let lastYield = performance.now();

  meter.start();
  try {
    while (status === null) {
      if (signal?.aborted) {
        status = 'aborted';
        reason = `aborted before step ${step + 1}${signal.reason === undefined ? '' : `: ${String(signal.reason)}`}`;
        break;
      }
      const cost = meter.cost();
      const spent = exhaustedBy(budget, cost);
      if (spent !== null) {
        status = 'budget-exhausted';
        reason = budgetReason(budget, spent, cost);
        break;
      }
      const n = step + 1;
      const outcome = await loop.step(state, { step: n, meter, rng: request.rng.fork(`step/${n}`), signal });
      step = n;
      const bad =
        outcome.diverged ?? firstNonFinite(outcome.metrics) ?? (loop.checkWeights === false ? null : nonFiniteWeight(loop.model(state)));
      if (bad !== null) {
        status = 'diverged';
        reason = `${bad} at step ${n}`;
        divergedAtStep = n;
        break;
      }
      const event: ProgressEvent = { type: 'progress', step: n, cost: meter.cost(), metrics: outcome.metrics };
      history.push(event);
      onEvent?.(event);
      if (reachedTarget(budget, outcome.metrics)) {
        status = 'reached-target';
        reason = `${budget.target?.metric} reached ${outcome.metrics[budget.target?.metric ?? '']} (target ${budget.target?.value}) at step ${n}`;
      }
      if (checkpoint !== undefined && n % checkpoint.every === 0) {
        const cp: Checkpoint = { trainerId: loop.trainerId, step: n, cost: event.cost, history: [...history], state: loop.snapshot(state) };
        checkpoint.save(cp);
      }
      if (status === null && performance.now() - lastYield >= yieldEvery) {
        meter.stop();
        await yieldToEventLoop();
        meter.start();
        lastYield = performance.now();
      }
    }
  } finally {
    meter.stop();
  }
  const model = loop.model(state);
  const metrics = loop.finalMetrics?.(model, state) ?? history[history.length - 1]?.metrics ?? {};
  return {
    model,
    status,
    reason,
    ...(divergedAtStep === undefined ? {} : { divergedAtStep }),
    history,
    cost: meter.cost(),
    metrics,
    ...(loop.extras === undefined ? {} : { extras: loop.extras(state) }),
  };
}
