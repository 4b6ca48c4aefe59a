import { Rng } from '@evoprop/tensor';
import type { Budget, TargetMetric } from '../contract/budget.js';
import type { Cost } from '../contract/cost.js';
import { type Task, metricDirection } from '../contract/task.js';
import type { Checkpoint, FitRequest, FitResult, ProgressEvent, Trainer, TrainerEvent } from '../contract/trainer.js';
import { loadModel, saveModel } from '../io/model-file.js';
import { heldOutMetrics, judgedValue, meetsTarget } from '../training/judge.js';
import type { ModelKinds } from '../model/kinds.js';
import type { Model } from '../model/model.js';
import { hugeTargetTask, nanObjectiveTask, xorTask } from './reference-tasks.js';

/** The budget currencies a trainer can be capped in. */
export type CostBudgetKind = 'flops' | 'evaluations' | 'gradientSteps' | 'epochs' | 'generations' | 'wallSeconds';
/** A budget kind a trainer can claim to honour: a cost cap or a metric target. */
export type BudgetKind = CostBudgetKind | 'target';

/** Options of the trainer conformance suite; only `budgets` is required. */
export type ConformanceOptions = Readonly<{
  /** The budget kinds the trainer claims to honour; each gets a check. */
  budgets: readonly BudgetKind[];
  /** The task most checks run on (default: the 4-point XOR task). */
  task?: () => Task;
  /**
   * Caps used by the budget checks (small defaults: 403 evaluations, 200 003 FLOPs, 6
   * generations, 0.3 s, ...; the evaluation and FLOP caps are deliberately not multiples of a
   * population or batch, so a trainer must stop short of them, never past them).
   */
  caps?: Partial<Record<CostBudgetKind, number>>;
  /**
   * Target of the 'target' check. Default: the task's own headline metric (`task.metric`:
   * `accuracy`, `mse`, `r2`, `return` or `objective`) in its own direction (min for mse and
   * objective), at `task.solvedAt` when the task has one; otherwise at the best held-out value a
   * run of `budget` reached by its middle step (so the check needs no tuning per task). The
   * target is judged on the returned model on held-out data: progress events must report it as
   * `val.<metric>` (runTrainingLoop adds it), and the check evaluates the returned model itself.
   */
  target?: TargetMetric;
  /** Cost cap that ends the 'target' check's run when the target is not reached (default: generous caps). */
  targetBackstop?: Budget;
  /** Budget of the determinism, events, round-trip and resume runs (default: twice the first cost cap). */
  budget?: Budget;
  /** A setup that must end as 'diverged' (default: huge regression targets, or a NaN objective). */
  diverging?: () => Readonly<{
    /** The task that makes the trainer diverge (default by task kind). */
    task?: Task;
    /** A differently configured trainer for the check (default: the factory's). */
    trainer?: Trainer;
    /** A starting model for the check (default: the trainer's own). */
    model?: Model;
  }>;
  /** Checkpoint every k steps in the resume check (default 2). */
  checkpointEvery?: number;
  /** Model kinds `loadModel` needs for the trainer's models (NEAT's, yours). */
  kinds?: ModelKinds;
  /** Seed of every run's `Rng` (default 7). */
  seed?: number;
  /**
   * Abort a fit that runs longer than this (ms, default 30000), reporting it instead of hanging.
   * Independently, a fit whose capped currencies are all still 0 after 100 steps (an epoch cap:
   * after as many steps as the task has training samples) is stopped and reported at once: its
   * trainer never charges what the budget caps, so the budget could never end it.
   */
  timeoutMs?: number;
  /** How checkpoints travel between runs: through JSON (default, as the contract says) or structuredClone. */
  checkpointCodec?: 'json' | 'structured-clone';
}>;

/** One conformance check: resolves to the list of failures (empty when the trainer conforms). */
export type ConformanceCheck = Readonly<{
  /** What is checked, e.g. `'honours an evaluations budget'`. */
  name: string;
  /** Run the check; resolves to its failures as sentences (empty when it passes). */
  run: () => Promise<string[]>;
}>;

const defaultCaps: Readonly<Record<CostBudgetKind, number>> = {
  flops: 200_003,
  evaluations: 403,
  gradientSteps: 8,
  epochs: 3,
  generations: 6,
  wallSeconds: 0.3,
};
/** Default of `timeoutMs` of the conformance options. */
export const defaultConformanceTimeoutMs = 30_000;
/** Steps after which a fit that has charged none of its capped currencies is stopped as stalled. */
const stallSteps = 100;
const countable: readonly CostBudgetKind[] = ['evaluations', 'generations', 'gradientSteps', 'epochs', 'flops'];
const costKeys: readonly (keyof Cost)[] = ['flops', 'evaluations', 'gradientSteps', 'epochs', 'generations', 'wallSeconds'];
/** Wall time can only be predicted from the steps so far: the seconds a run may pass a wallSeconds cap by. */
const wallSlackSeconds = 0.1;
/** The largest amount one reported step spent in `kind` (from zero to the first event, then event to event). */
function largestStep(history: readonly ProgressEvent[], kind: CostBudgetKind): number {
  let largest = 0;
  let previous = 0;
  for (const e of history) {
    largest = Math.max(largest, e.cost[kind] - previous);
    previous = e.cost[kind];
  }
  return largest;
}
/** The held-out name of a target metric: `val.<metric>` (a `val.` target keeps its name). */
const heldOutKey = (metric: string): string => (metric.startsWith('val.') ? metric : `val.${metric}`);

const bytes = (a: Float32Array): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
const sameBytes = (a: Float32Array | undefined, b: Float32Array | undefined): boolean => {
  if (a === undefined || b === undefined) return a === b;
  const x = bytes(a);
  const y = bytes(b);
  return x.length === y.length && x.every((v, i) => v === y[i]);
};
/** History without wall time, which no two runs share. */
const comparable = (history: readonly ProgressEvent[]): string =>
  JSON.stringify(history.map((e) => ({ ...e, cost: { ...e.cost, wallSeconds: 0 } })));

function firstDifference(a: readonly ProgressEvent[], b: readonly ProgressEvent[]): string {
  if (a.length !== b.length) return `${a.length} vs ${b.length} events`;
  for (let i = 0; i < a.length; i++) {
    const x = comparable([a[i] as ProgressEvent]);
    const y = comparable([b[i] as ProgressEvent]);
    if (x !== y) return `event ${i}: ${x} vs ${y}`;
  }
  return 'none';
}

/**
 * The checks of the trainer conformance suite, as plain functions. Each returns its
 * failures, so the suite's own tests can assert that broken trainers are caught.
 */
export function trainerConformanceChecks(factory: () => Trainer, options: ConformanceOptions): ConformanceCheck[] {
  const seed = options.seed ?? 7;
  const task = options.task ?? (() => xorTask(seed));
  const caps = { ...defaultCaps, ...options.caps };
  const timeoutMs = options.timeoutMs ?? defaultConformanceTimeoutMs;
  const mainKind =
    countable.find((k) => options.budgets.includes(k)) ?? (options.budgets.includes('wallSeconds') ? 'wallSeconds' : undefined);
  const budget: Budget = options.budget ?? (mainKind === undefined ? { wallSeconds: 1 } : { [mainKind]: caps[mainKind] * 2 });

  /**
   * Watch a fit's progress events: when the budget caps counted currencies and after enough
   * steps every one of them is still 0, the trainer never charges them and the budget can never
   * end the run, so stop it now with that reason instead of waiting for the timeout.
   */
  function stallWatch(request: Omit<FitRequest, 'rng'>) {
    const capped = countable.filter((k) => request.budget[k] !== undefined);
    const t = request.task;
    const limit = capped.includes('epochs') && t.kind === 'supervised' ? Math.max(stallSteps, (t.train.x.shape[0] ?? 0) + 1) : stallSteps;
    const controller = new AbortController();
    let reason: string | null = null;
    let steps = 0;
    return {
      signal: controller.signal,
      reason: () => reason,
      see(e: TrainerEvent): void {
        if (e.type !== 'progress' || capped.length === 0 || reason !== null) return;
        steps += 1;
        if (steps >= limit && capped.every((k) => e.cost[k] === 0)) {
          const what = capped.join(' or ');
          reason = `cost.${capped.join(', cost.')} stayed 0 over ${steps} steps: the trainer never charges ${what}, so a ${what} budget can never end its run (stopped by the suite)`;
          controller.abort(new Error(reason));
        }
      },
    };
  }

  /** Run a fit that never hangs the suite and never throws into it. */
  async function runFit(trainer: Trainer, request: Omit<FitRequest, 'rng'> & { rng?: Rng }): Promise<FitResult | string> {
    const timer = new AbortController();
    const handle = setTimeout(() => timer.abort(new Error(`conformance timeout after ${timeoutMs} ms`)), timeoutMs);
    const stall = stallWatch(request);
    const signal = AbortSignal.any([timer.signal, stall.signal, ...(request.signal === undefined ? [] : [request.signal])]);
    const onEvent = (e: TrainerEvent): void => {
      stall.see(e);
      request.onEvent?.(e);
    };
    try {
      const result = await trainer.fit({ ...request, rng: request.rng ?? Rng.fromSeed(seed), signal, onEvent });
      const stalled = stall.reason();
      if (stalled !== null) return stalled;
      if (timer.signal.aborted) return `fit did not finish within ${timeoutMs} ms (stopped by the suite's timeout)`;
      return result;
    } catch (e) {
      return `fit threw instead of resolving: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
    } finally {
      clearTimeout(handle);
    }
  }

  /** The target of the 'target' check (see {@link ConformanceOptions.target}), or why there is none. */
  async function targetFor(t: Task): Promise<TargetMetric | string> {
    if (options.target !== undefined) return options.target;
    const metric = t.metric;
    const direction = metricDirection(metric);
    if (t.solvedAt !== undefined) return { metric, value: t.solvedAt, direction };
    // A target no run reaches, so every event carries the returned model's held-out value.
    const unreachable: TargetMetric = { metric, value: direction === 'max' ? 1e300 : -1e300, direction };
    const r = await runFit(factory(), { task: t, budget: { ...budget, target: unreachable } });
    if (typeof r === 'string') return `calibrating the target on a run of ${JSON.stringify(budget)}: ${r}`;
    const half = r.history.slice(0, Math.ceil(r.history.length / 2));
    const values = half.map((e) => e.metrics[heldOutKey(metric)]).filter((v): v is number => v !== undefined && Number.isFinite(v));
    if (values.length === 0) return noMetric(metric, t);
    const best = values.reduce((a, b) => (direction === 'max' ? Math.max(a, b) : Math.min(a, b)));
    return { metric, value: best, direction };
  }
  const noMetric = (metric: string, t: Task): string =>
    `progress events carry no '${heldOutKey(metric)}' metric (the held-out ${metric.replace(/^val\./, '')}, the headline metric of task '${t.id}', of the returned model): report it in the step metrics (runTrainingLoop does when the budget has a target), or pass options.target naming a metric the trainer reports`;

  const checks: ConformanceCheck[] = [];

  for (const kind of options.budgets) {
    if (kind === 'target') {
      checks.push({
        name: 'stops when the target metric is reached',
        run: async () => {
          const t = task();
          const target = await targetFor(t);
          if (typeof target === 'string') return [target];
          const backstop = options.targetBackstop ?? (mainKind === undefined ? { wallSeconds: 10 } : { [mainKind]: caps[mainKind] * 50 });
          const r = await runFit(factory(), { task: t, budget: { ...backstop, target } });
          if (typeof r === 'string') return [r];
          const key = heldOutKey(target.metric);
          if (r.history.every((e) => e.metrics[key] === undefined)) return [noMetric(target.metric, t)];
          const last = r.history[r.history.length - 1];
          const value = last?.metrics[key];
          const failures: string[] = [];
          if (r.status !== 'reached-target') failures.push(`status: expected 'reached-target', got '${r.status}' (${r.reason})`);
          if (value === undefined || !meetsTarget(target, value))
            failures.push(`last event's ${key}: expected to reach ${target.value}, got ${value}`);
          const earlier = r.history.slice(0, -1).find((e) => {
            const v = e.metrics[key];
            return v !== undefined && meetsTarget(target, v);
          });
          if (earlier !== undefined) failures.push(`kept training after reaching the target at step ${earlier.step}`);
          // One truth: the model it returned must itself meet the target on held-out data.
          if (r.status === 'reached-target' && t.kind !== 'control') {
            const own = judgedValue(target, heldOutMetrics(t, r.model), 'conformance');
            if (!meetsTarget(target, own))
              failures.push(
                `said 'reached-target' but the returned model's held-out ${target.metric.replace(/^val\./, '')} is ${own} (target ${target.value}): judge the model you return, on held-out data, not a candidate's training score`,
              );
          }
          return failures;
        },
      });
      continue;
    }
    checks.push({
      name: `respects a ${kind} budget`,
      run: async () => {
        const cap = caps[kind];
        const r = await runFit(factory(), { task: task(), budget: { [kind]: cap } });
        if (typeof r === 'string') return [r];
        const failures: string[] = [];
        const spent = r.cost[kind];
        if (r.status !== 'budget-exhausted') failures.push(`status: expected 'budget-exhausted', got '${r.status}' (${r.reason})`);
        // Exact caps: never past the cap, and less than one step short of it.
        const slack = kind === 'wallSeconds' ? wallSlackSeconds : 0;
        if (spent > cap + slack) {
          const over = r.history.find((e) => e.cost[kind] > cap);
          failures.push(
            `overspent the ${kind} budget: spent ${spent} of a cap of ${cap} (+${(((spent - cap) / cap) * 100).toFixed(1)} %)${over === undefined ? '' : `, already ${over.cost[kind]} at step ${over.step}`}: a step that does not fit in what is left must not be started`,
          );
        }
        // One step: the largest one reported, or the one refused (a cap below one generation runs none).
        const step = Math.max(largestStep(r.history, kind), r.budget?.refusedStep?.[kind] ?? 0);
        // A run its trainer ended for its own reason (early stopping, a strategy's stop criterion)
        // reports no refused step: only a run the budget ended must have used it up.
        const endedByBudget = r.budget === undefined || r.budget.refusedStep !== undefined || spent >= cap;
        if (r.status === 'budget-exhausted' && endedByBudget && spent < cap - step - slack)
          failures.push(
            `stopped ${cap - spent} short of the ${kind} cap ${cap} (spent ${spent}), more than one step's cost (${step}): the next step would have fitted (reason: ${r.reason})`,
          );
        const unspent = r.budget?.unspent[kind];
        if (unspent === undefined)
          failures.push(`result.budget.unspent.${kind}: expected what is left of the cap (${cap - spent}), got none`);
        else if (Math.abs(unspent - (cap - spent)) > 1e-9 * Math.max(1, cap))
          failures.push(`result.budget.unspent.${kind}: expected cap − cost = ${cap - spent}, got ${unspent}`);
        return failures;
      },
    });
  }

  checks.push({
    name: 'honours an AbortSignal',
    run: async () => {
      const failures: string[] = [];
      const pre = new AbortController();
      pre.abort(new Error('aborted before start'));
      const r0 = await runFit(factory(), { task: task(), budget, signal: pre.signal });
      if (typeof r0 === 'string') failures.push(`already-aborted signal: ${r0}`);
      else {
        if (r0.status !== 'aborted') failures.push(`already-aborted signal: status expected 'aborted', got '${r0.status}'`);
        if (r0.history.length > 0) failures.push(`already-aborted signal: expected no steps, got ${r0.history.length}`);
      }
      const c = new AbortController();
      const r = await runFit(factory(), {
        task: task(),
        budget: mainKind === undefined ? { wallSeconds: 10 } : { [mainKind]: caps[mainKind] * 100 },
        signal: c.signal,
        onEvent: (e) => {
          if (e.type === 'progress') c.abort(new Error('stop'));
        },
      });
      if (typeof r === 'string') failures.push(`abort after the first event: ${r}`);
      else {
        if (r.status !== 'aborted')
          failures.push(`abort after the first event: status expected 'aborted', got '${r.status}' (${r.reason})`);
        if (r.history.length > 2)
          failures.push(`abort after the first event: expected at most one more step, got ${r.history.length} events`);
      }
      return failures;
    },
  });

  checks.push({
    name: 'is deterministic for a seed (identical weight bytes and history)',
    run: async () => {
      const a = await runFit(factory(), { task: task(), budget, rng: Rng.fromSeed(seed) });
      const b = await runFit(factory(), { task: task(), budget, rng: Rng.fromSeed(seed) });
      const c = await runFit(factory(), { task: task(), budget, rng: Rng.fromSeed(seed + 1) });
      if (typeof a === 'string' || typeof b === 'string' || typeof c === 'string')
        return [a, b, c].filter((x): x is string => typeof x === 'string');
      const failures: string[] = [];
      if (!sameBytes(a.model.params.vector, b.model.params.vector)) failures.push('two runs with the same seed returned different weights');
      if (!sameBytes(a.model.buffers?.vector, b.model.buffers?.vector))
        failures.push('two runs with the same seed returned different buffers');
      if (comparable(a.history) !== comparable(b.history))
        failures.push(`two runs with the same seed have different histories (${firstDifference(a.history, b.history)})`);
      if (a.status !== b.status) failures.push(`same seed, different status: '${a.status}' vs '${b.status}'`);
      if (sameBytes(a.model.params.vector, c.model.params.vector))
        failures.push('a different seed gave identical weights: is request.rng used?');
      return failures;
    },
  });

  checks.push({
    name: 'reports cost honestly (cost grows with work)',
    run: async () => {
      const kind = mainKind ?? 'wallSeconds';
      const cap = caps[kind];
      const small = await runFit(factory(), { task: task(), budget: { [kind]: cap } });
      const large = await runFit(factory(), { task: task(), budget: { [kind]: cap * 3 } });
      if (typeof small === 'string' || typeof large === 'string') return [small, large].filter((x): x is string => typeof x === 'string');
      const failures: string[] = [];
      const work = (c: Cost) => c.flops + c.evaluations + c.gradientSteps;
      if (work(small.cost) <= 0) failures.push(`a run that trained reported no work: ${JSON.stringify(small.cost)}`);
      if (work(large.cost) <= work(small.cost))
        failures.push(`3× the ${kind} budget did not cost more: ${JSON.stringify(small.cost)} vs ${JSON.stringify(large.cost)}`);
      if (task().kind === 'supervised' && small.cost.flops <= 0)
        failures.push('a supervised run reported 0 FLOPs: is the CostMeter running while the model computes?');
      if (large.history.length <= small.history.length)
        failures.push(`3× the budget did not take more steps (${small.history.length} vs ${large.history.length})`);
      return failures;
    },
  });

  checks.push({
    name: "ends a diverging run as 'diverged' instead of throwing",
    run: async () => {
      const t = task();
      const setup = options.diverging?.() ?? {};
      const divergingTask = setup.task ?? (t.kind === 'objective' ? nanObjectiveTask(t.dimension, seed) : hugeTargetTask(seed));
      const r = await runFit(setup.trainer ?? factory(), {
        task: divergingTask,
        budget,
        ...(setup.model === undefined ? {} : { model: setup.model }),
      });
      if (typeof r === 'string') return [r];
      const failures: string[] = [];
      if (r.status !== 'diverged') failures.push(`status: expected 'diverged', got '${r.status}' (${r.reason})`);
      if (r.reason.length === 0) failures.push('a diverged run needs a reason');
      if (r.status === 'diverged' && !(Number.isInteger(r.divergedAtStep) && (r.divergedAtStep as number) >= 1)) {
        failures.push(`divergedAtStep: expected a step number ≥ 1, got ${r.divergedAtStep}`);
      }
      return failures;
    },
  });

  checks.push({
    name: 'emits well-formed events (monotone steps, finite non-decreasing costs)',
    run: async () => {
      const events: TrainerEvent[] = [];
      const r = await runFit(factory(), { task: task(), budget, onEvent: (e) => events.push(e) });
      if (typeof r === 'string') return [r];
      const failures: string[] = [];
      const progress = events.filter((e): e is ProgressEvent => e.type === 'progress');
      if (progress.length === 0) failures.push('no progress events');
      if (comparable(progress) !== comparable(r.history)) failures.push('result.history differs from the emitted progress events');
      let previous: ProgressEvent | undefined;
      for (const e of progress) {
        if (!Number.isInteger(e.step) || e.step < 1) failures.push(`event step: expected an integer ≥ 1, got ${e.step}`);
        if (previous !== undefined && e.step <= previous.step) failures.push(`steps not increasing: ${previous.step} then ${e.step}`);
        for (const k of costKeys) {
          const v = e.cost[k];
          if (!Number.isFinite(v) || v < 0) failures.push(`step ${e.step} cost.${k}: expected a finite number ≥ 0, got ${v}`);
          if (previous !== undefined && v < previous.cost[k])
            failures.push(`cost.${k} decreased at step ${e.step}: ${previous.cost[k]} → ${v}`);
        }
        for (const [k, v] of Object.entries(e.metrics))
          if (typeof v !== 'number' || !Number.isFinite(v)) failures.push(`step ${e.step} metric ${k}: expected finite, got ${v}`);
        previous = e;
      }
      for (const e of events) if (!Number.isFinite(e.step)) failures.push(`${e.type} event without a finite step`);
      if (previous !== undefined)
        for (const k of costKeys)
          if (r.cost[k] < previous.cost[k]) failures.push(`result.cost.${k} (${r.cost[k]}) below the last event's (${previous.cost[k]})`);
      return failures.slice(0, 10);
    },
  });

  checks.push({
    name: 'returns a model that round-trips through a model file bit-identically',
    run: async () => {
      const r = await runFit(factory(), { task: task(), budget });
      if (typeof r === 'string') return [r];
      try {
        const loaded = loadModel(saveModel(r.model), options.kinds === undefined ? {} : { kinds: options.kinds });
        const failures: string[] = [];
        if (!sameBytes(loaded.params.vector, r.model.params.vector)) failures.push('loaded weights differ from the saved ones');
        if (!sameBytes(loaded.buffers?.vector, r.model.buffers?.vector)) failures.push('loaded buffers differ from the saved ones');
        if (JSON.stringify(loaded.spec) !== JSON.stringify(r.model.spec)) failures.push('loaded spec differs');
        const t = task();
        if (t.kind === 'supervised' && !sameBytes(loaded.forward(t.test.x).data, r.model.forward(t.test.x).data))
          failures.push('loaded model computes different outputs');
        return failures;
      } catch (e) {
        return [`save/load failed: ${e instanceof Error ? e.message : String(e)}`];
      }
    },
  });

  checks.push({
    name: 'checkpoint at step k + resume gives byte-identical weights and history',
    run: async () => {
      const every = options.checkpointEvery ?? 2;
      const saved: Checkpoint[] = [];
      const full = await runFit(factory(), { task: task(), budget, checkpoint: { every, save: (cp) => saved.push(cp) } });
      if (typeof full === 'string') return [full];
      const cp = saved[0];
      if (cp === undefined) return [`no checkpoint was saved (every ${every} steps, ${full.history.length} steps ran)`];
      if (cp.step >= full.history.length)
        return [`budget too small: the checkpoint at step ${cp.step} is the last step; pass a larger options.budget`];
      let travelled: Checkpoint;
      try {
        travelled = options.checkpointCodec === 'structured-clone' ? structuredClone(cp) : (JSON.parse(JSON.stringify(cp)) as Checkpoint);
      } catch (e) {
        return [`checkpoint is not plain data: ${e instanceof Error ? e.message : String(e)}`];
      }
      const resumed = await runFit(factory(), { task: task(), budget, resume: travelled });
      if (typeof resumed === 'string') return [`resume: ${resumed}`];
      const failures: string[] = [];
      if (!sameBytes(resumed.model.params.vector, full.model.params.vector))
        failures.push(`resumed from step ${cp.step}: final weights differ from the uninterrupted run`);
      if (!sameBytes(resumed.model.buffers?.vector, full.model.buffers?.vector))
        failures.push(`resumed from step ${cp.step}: final buffers differ`);
      if (comparable(resumed.history) !== comparable(full.history))
        failures.push(`resumed from step ${cp.step}: history differs (${firstDifference(resumed.history, full.history)})`);
      if (resumed.status !== full.status) failures.push(`resumed status '${resumed.status}' vs '${full.status}'`);
      return failures;
    },
  });

  return checks;
}
