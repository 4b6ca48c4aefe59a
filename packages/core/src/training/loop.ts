import type { Model } from '../model/model.js';
import { type Budget, exhaustedBy, isBounded } from '../contract/budget.js';
import { type Cost, CostMeter } from '../contract/cost.js';
import { validateFitRequest } from '../contract/validate-request.js';
import type { Checkpoint, FitRequest, FitResult, FitStatus, Metrics, ProgressEvent, TrainerEvent } from '../contract/trainer.js';
import { ConfigError } from '../errors.js';
import { heldOutMetrics, judgedValue, meetsTarget } from './judge.js';
import { type CapKey, type Remaining, capKeys, remainingOf } from './remaining.js';
import type { Rng } from '@evoprop/tensor';

/** What one step of a trainer sees. */
export type StepContext = Readonly<{
  /** 1-based number of the step being run. */
  step: number;
  /**
   * This fit's meter. Charge evaluations, gradient steps, epochs, generations here. Kernel FLOPs
   * of the step's synchronous run are counted automatically; an async step must wrap each
   * synchronous piece after an `await` in `meter.measure(...)` (or charge FLOPs done elsewhere
   * with `meter.addFlops`), because no meter counts across an `await`.
   */
  meter: CostMeter;
  /** What is left of each cap of the budget before this step (cap minus cost); caps the budget does not set are absent. */
  remaining: Remaining;
  /** `request.rng.fork('step/<n>')`: randomness that depends only on the seed and the step number, so resumed runs match. */
  rng: Rng;
  /** The request's abort signal; a long step may check it between units of work. */
  signal: AbortSignal | undefined;
}>;

/** A trainer's own end of the run, with its own words (early stopping, a strategy's stop criterion, a divergence it detected). */
export type StepEnd = Readonly<{
  /** How the run ends. */
  status: FitStatus;
  /** The sentence for `FitResult.reason`. */
  reason: string;
  /** For `'diverged'`: the step it happened at (default: the step just run). */
  divergedAtStep?: number;
}>;

/** What a step reports. */
export type StepOutcome = Readonly<{
  /**
   * The step's headline metrics (`loss`, ...): recorded and emitted as a progress event, and
   * checked against the budget's target. Absent when the step is not one the trainer reports
   * (a mini-batch inside an epoch, say): no event then.
   */
  metrics?: Metrics;
  /** Set when the trainer itself detected divergence (e.g. a non-finite gradient norm); the reason gets ` at step n`. */
  diverged?: string;
  /** End the run after this step, with the trainer's own status and reason: its event (if any) is recorded, nothing else is checked. */
  end?: StepEnd;
  /** Record the step's progress event in the history without emitting it (default false). */
  silent?: boolean;
  /** Further events (diagnostics, warnings) to emit right after the step's progress event. */
  events?: readonly TrainerEvent[];
}>;

/** What a run ended by before a step (or a target after one), for `TrainingLoop.reasons`. */
export type LoopStop =
  | Readonly<{
      /** The request's signal was aborted. */
      kind: 'aborted';
      /** That signal (its `reason` says why). */
      signal: AbortSignal;
    }>
  | Readonly<{
      /** A cost cap was reached. */
      kind: 'budget';
      /** Which cap. */
      cap: CapKey;
      /** The run's budget. */
      budget: Budget;
      /** The cost so far. */
      cost: Cost;
      /**
       * Set when the cap is not yet spent but the next step would pass it: that step's predicted
       * cost in the cap's currency (the step was not started).
       */
      nextStep?: number;
    }>
  | Readonly<{
      /** The budget's target was reached. */
      kind: 'target';
      /** The run's budget (its `target`). */
      budget: Budget;
      /** The held-out metrics of the returned model that reached it, under their own names and with `val.` (see `TrainingLoop.judge`). */
      metrics: Metrics;
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
  /**
   * What the next step will spend at most, per currency, before it runs: exact for counted
   * currencies (evaluations, gradient steps, epochs, generations), an upper bound or a
   * prediction for FLOPs and seconds. A step that does not fit in what is left of every cap is
   * not started and the run ends as `'budget-exhausted'`. A currency left out is predicted from
   * the steps so far (the largest one step has spent), so the first step of a run is only
   * checked in the currencies this returns: declare FLOPs when a cap could be smaller than one step.
   * Its kernel FLOPs are not charged (a trainer may probe a step's FLOPs here); its time is.
   * `remaining` is what is left of each cap (the same as the step's `StepContext.remaining`), for a
   * trainer that shrinks its last step to fit (shorter rollouts, a smaller batch) and declares the
   * shrunk step's cost.
   */
  nextStepCost?(state: S, step: number, remaining: Remaining): Partial<Cost>;
  /**
   * Metrics of the model `TrainingLoop.model` returns now, on held-out data: what a
   * budget target is judged on (default {@link heldOutMetrics}: the validation split, fixed
   * held-out episodes, or the objective). Not charged. Override it only to reuse numbers the
   * step already computed for the same model and data.
   */
  judge?(state: S): Metrics;
  /** Metrics of the returned model, computed after the run without charging the budget (default: the last event's). */
  finalMetrics?(model: Model, state: S, status: FitStatus): Metrics;
  /**
   * The trainer's own step count after a step (gradient steps, generations), used for events,
   * checkpoints and the next step's number; default: one per step. A step that leaves it
   * unchanged (an end-of-epoch step, say) writes no checkpoint.
   */
  stepOf?(state: S): number;
  /** A trainer's own reason to end before the next step (a strategy's stop criterion), checked after abort and budget. */
  finished?(state: S): StepEnd | null;
  /** The trainer's own words for an abort, an exhausted cap or a reached target (defaults: the loop's). */
  reasons?(stop: LoopStop, state: S, step: number): string;
  /** Yield to the event loop at least this often (default 50 ms; 0: after every step), so pages and progress bars stay alive. */
  yieldEveryMs?: number;
  /** Check the model's weights for NaN/Inf after every step (default true). */
  checkWeights?: boolean;
  /** Check the step's metrics for NaN/Inf (default true). */
  checkMetrics?: boolean;
  /** Extra fields for the result; `run` is what the loop knows at the end. */
  extras?(state: S, run: Readonly<{ step: number; cost: Cost; history: readonly ProgressEvent[] }>): Readonly<Record<string, unknown>>;
}>;

const yieldToEventLoop = (): Promise<void> =>
  new Promise((resolve) => {
    if (typeof setImmediate === 'function') setImmediate(resolve);
    else setTimeout(resolve, 0);
  });

/** Per currency, the largest amount one step has spent so far: the prediction for currencies a trainer does not declare. */
class StepCosts {
  private readonly largest: Record<CapKey, number>;
  /** @param start What a checkpoint recorded (a resumed run predicts as the uninterrupted one). */
  constructor(start: Partial<Cost> = {}) {
    this.largest = { flops: 0, evaluations: 0, gradientSteps: 0, epochs: 0, generations: 0, wallSeconds: 0 };
    for (const k of capKeys) this.largest[k] = start[k] ?? 0;
  }
  snapshot(): Cost {
    return { ...this.largest };
  }
  see(before: Cost, after: Cost): void {
    for (const k of capKeys) this.largest[k] = Math.max(this.largest[k], after[k] - before[k]);
  }
  predict(declared: Partial<Cost>): Cost {
    const out = { ...this.largest };
    for (const k of capKeys) {
      const v = declared[k];
      if (v !== undefined) out[k] = v;
    }
    return out;
  }
}

/** The first capped currency in which `next` does not fit in what `budget` leaves after `cost`, or null. */
function notFitting(budget: Budget, cost: Cost, next: Cost): CapKey | null {
  for (const k of capKeys) {
    const cap = budget[k];
    if (cap !== undefined && cost[k] + next[k] > cap) return k;
  }
  return null;
}

/** A step's context; `rng` and `remaining` are made on first use (most mini-batch steps read neither). */
class LoopContext implements StepContext {
  private forked: Rng | undefined;
  private left: Remaining | undefined;
  constructor(
    readonly step: number,
    readonly meter: CostMeter,
    private readonly budget: Budget,
    private readonly cost: Cost,
    private readonly parent: Rng,
    readonly signal: AbortSignal | undefined,
  ) {}
  get rng(): Rng {
    this.forked ??= this.parent.fork(`step/${this.step}`);
    return this.forked;
  }
  get remaining(): Remaining {
    this.left ??= remainingOf(this.budget, this.cost);
    return this.left;
  }
}

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

function defaultReason(stop: LoopStop, step: number): string {
  switch (stop.kind) {
    case 'aborted':
      return `aborted before step ${step + 1}${stop.signal.reason === undefined ? '' : `: ${String(stop.signal.reason)}`}`;
    case 'budget':
      return stop.nextStep === undefined
        ? `${stop.cap} budget reached (${stop.cost[stop.cap]} of ${stop.budget[stop.cap]})`
        : `${stop.cap} budget: the next step would spend ${stop.nextStep}, ${(stop.budget[stop.cap] ?? 0) - stop.cost[stop.cap]} of ${stop.budget[stop.cap]} left`;
    case 'target': {
      const t = stop.budget.target;
      return `${t?.metric} reached ${stop.metrics[t?.metric ?? '']} (target ${t?.value}) at step ${step}`;
    }
  }
}

/**
 * The loop every trainer runs on, written once: budgets, abort, divergence, events,
 * history, checkpoints and resume, and yielding to the event loop. The trainer
 * supplies `init / step / snapshot / restore / model`.
 *
 * Order per iteration: abort? → budget exhausted? → trainer finished? → does the next step fit
 * in every cap? → step → trainer ended it? → divergence? → progress event → target reached? →
 * checkpoint → maybe yield. Caps are exact: a step whose predicted cost (see
 * `TrainingLoop.nextStepCost`) would pass a cap is not started, so a run never spends
 * beyond a cap and stops less than one step short of it; `result.budget` says what is left.
 * "Reached" has one truth: after each progress event, when the budget has a target (or
 * `request.judgeEvents` asks), the model
 * the trainer would return at that moment is evaluated on held-out data (`TrainingLoop.judge`,
 * not charged), its metrics join the event as `val.*`, and the target is judged on them, never on
 * a candidate's training score. A checkpoint at step k holds exactly the state after step k.
 * The fit's meter counts kernel FLOPs only during the synchronous run of a step (see
 * `StepContext.meter`), so fits running at the same time in one thread are each charged
 * exactly their own work; its clock is paused while yielding, so time spent elsewhere is not charged.
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
  const meter = new CostMeter(resume?.cost, request.backend === undefined ? {} : { backend: request.backend });
  const history: ProgressEvent[] = resume === undefined ? [] : [...resume.history];
  const state = resume === undefined ? loop.init() : loop.restore(resume.state);
  let step = resume?.step ?? 0;
  const yieldEvery = loop.yieldEveryMs ?? 50;
  const say = (stop: LoopStop): string => loop.reasons?.(stop, state, step) ?? defaultReason(stop, step);
  let status: FitStatus | null = null;
  let reason = '';
  let divergedAtStep: number | undefined;
  let lastYield = performance.now();
  const stepCosts = new StepCosts(resume?.largestStep);
  let refusedStep: Cost | undefined;
  const target = budget.target;
  const record = (event: ProgressEvent, emit: boolean): void => {
    history.push(event);
    if (emit) onEvent?.(event);
  };

  meter.startClock();
  try {
    while (status === null) {
      if (signal?.aborted) {
        status = 'aborted';
        reason = say({ kind: 'aborted', signal });
        break;
      }
      const cost = meter.cost();
      const spent = exhaustedBy(budget, cost);
      if (spent !== null) {
        status = 'budget-exhausted';
        reason = say({ kind: 'budget', cap: spent, budget, cost });
        break;
      }
      const done = loop.finished?.(state) ?? null;
      if (done !== null) {
        status = done.status;
        reason = done.reason;
        break;
      }
      const n = step + 1;
      // Exact caps: a step that would pass one is not started.
      // Its kernel FLOPs are not charged (outside measure); its time is (it is the trainer's work).
      const next = stepCosts.predict(loop.nextStepCost?.(state, n, remainingOf(budget, cost)) ?? {});
      const tooBig = notFitting(budget, cost, next);
      if (tooBig !== null) {
        status = 'budget-exhausted';
        refusedStep = next;
        reason = say({ kind: 'budget', cap: tooBig, budget, cost, nextStep: next[tooBig] });
        break;
      }
      const ctx: StepContext = new LoopContext(n, meter, budget, cost, request.rng, signal);
      // Only the step's synchronous run is measured: no meter counts across an await. A
      // synchronous step is not awaited, so nothing else runs between it and the next check.
      const ran = meter.measure(() => loop.step(state, ctx));
      const outcome = ran instanceof Promise ? await ran : ran;
      const before = step;
      step = loop.stepOf?.(state) ?? n;
      const after = meter.cost();
      stepCosts.see(cost, after);
      let event: ProgressEvent | null =
        outcome.metrics === undefined ? null : { type: 'progress', step, cost: after, metrics: outcome.metrics };
      if (outcome.end !== undefined) {
        if (event !== null) record(event, outcome.silent !== true);
        for (const e of outcome.events ?? []) onEvent?.(e);
        status = outcome.end.status;
        reason = outcome.end.reason;
        if (status === 'diverged') divergedAtStep = outcome.end.divergedAtStep ?? step;
        break;
      }
      const bad =
        outcome.diverged ??
        (loop.checkMetrics === false || outcome.metrics === undefined ? null : firstNonFinite(outcome.metrics)) ??
        (loop.checkWeights === false ? null : nonFiniteWeight(loop.model(state)));
      if (bad !== null) {
        status = 'diverged';
        reason = `${bad} at step ${n}`;
        divergedAtStep = n;
        break;
      }
      if (event !== null) {
        let judged: Metrics | null = null;
        if (target !== undefined || request.judgeEvents === true) {
          // One truth: the returned model, on held-out data, not charged.
          const own = meter.unmetered(() => loop.judge?.(state) ?? heldOutMetrics(request.task, loop.model(state)));
          const asVal = Object.fromEntries(Object.entries(own).map(([k, v]) => [`val.${k}`, v]));
          event = { ...event, metrics: { ...event.metrics, ...asVal } };
          judged = target !== undefined && meetsTarget(target, judgedValue(target, own, loop.trainerId)) ? { ...own, ...asVal } : null;
        }
        record(event, outcome.silent !== true);
        for (const e of outcome.events ?? []) onEvent?.(e);
        if (target !== undefined && judged !== null) {
          status = 'reached-target';
          reason = say({ kind: 'target', budget, metrics: judged });
        }
      } else for (const e of outcome.events ?? []) onEvent?.(e);
      if (checkpoint !== undefined && step !== before && step % checkpoint.every === 0) {
        const cp: Checkpoint = {
          trainerId: loop.trainerId,
          step,
          cost: event?.cost ?? meter.cost(),
          history: [...history],
          state: loop.snapshot(state),
          largestStep: stepCosts.snapshot(),
        };
        checkpoint.save(cp);
      }
      if (status === null && performance.now() - lastYield >= yieldEvery) {
        meter.stopClock();
        await yieldToEventLoop();
        meter.startClock();
        lastYield = performance.now();
      }
    }
  } finally {
    meter.stopClock();
  }
  const model = loop.model(state);
  const cost = meter.cost();
  const metrics = loop.finalMetrics?.(model, state, status) ?? history[history.length - 1]?.metrics ?? {};
  return {
    model,
    status,
    reason,
    ...(divergedAtStep === undefined ? {} : { divergedAtStep }),
    history,
    cost,
    metrics,
    budget: { unspent: remainingOf(budget, cost), ...(refusedStep === undefined ? {} : { refusedStep: refusedOnly(budget, refusedStep) }) },
    ...(loop.extras === undefined ? {} : { extras: loop.extras(state, { step, cost, history }) }),
  };
}

/** The refused step's predicted cost in the currencies the budget caps. */
function refusedOnly(budget: Budget, next: Cost): Partial<Cost> {
  return Object.fromEntries(capKeys.filter((k) => budget[k] !== undefined).map((k) => [k, next[k]]));
}
