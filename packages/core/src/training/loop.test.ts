import { type Kernels, Rng, cpuBackend, currentBackend, fromArray, jsKernels, matmul, recordFlops } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import type { FitRequest, TrainerEvent } from '../contract/trainer.js';
import { ConfigError } from '../errors.js';
import { VectorModel } from '../model/vector-model.js';
import { sphereTask } from '../testing/reference-tasks.js';
import { type StepOutcome, type TrainingLoop, runTrainingLoop } from './loop.js';
import { decodeState, encodeState } from './state-codec.js';

type S = { model: VectorModel; count: number };
const counting = (metric: (n: number) => number = (n) => 1 / n, extra: Partial<TrainingLoop<S>> = {}): TrainingLoop<S> => ({
  trainerId: 'count',
  init: () => ({ model: new VectorModel(2), count: 0 }),
  restore: (raw) => ({ model: new VectorModel(2), count: (raw as { count: number }).count }),
  snapshot: (s) => ({ count: s.count }),
  step: (s, ctx) => {
    s.count += 1;
    ctx.meter.addEvaluations(10);
    return { metrics: { loss: metric(ctx.step) } };
  },
  model: (s) => s.model,
  ...extra,
});
const request = (over: Partial<FitRequest> = {}): FitRequest => ({
  task: sphereTask(2),
  rng: Rng.fromSeed(1),
  budget: { evaluations: 50 },
  ...over,
});

describe('runTrainingLoop', () => {
  it('stops at the first exhausted cap, within one step', async () => {
    const r = await runTrainingLoop(request(), counting());
    expect(r.status).toBe('budget-exhausted');
    expect(r.reason).toBe('evaluations budget reached (50 of 50)');
    expect(r.history.map((e) => e.step)).toEqual([1, 2, 3, 4, 5]);
  });
  it('stops at a target, judged on the returned model on held-out data (not the step metrics)', async () => {
    const r = await runTrainingLoop(
      request({ budget: { evaluations: 1000, target: { metric: 'loss', value: 0.25, direction: 'min' } } }),
      counting((n) => 1 / n, { judge: (s) => ({ loss: 2 / s.count }) }),
    );
    expect(r.status).toBe('reached-target');
    // The step metric 1/n reaches 0.25 at step 4; the judged one, 2/n, at step 8.
    expect(r.history.length).toBe(8);
    expect(r.history[7]?.metrics).toEqual({ loss: 0.125, 'val.loss': 0.25 });
    expect(r.reason).toBe('loss reached 0.25 (target 0.25) at step 8');
  });
  it('judges by default the returned model with heldOutMetrics (here the objective at its weights)', async () => {
    const r = await runTrainingLoop(
      request({ budget: { evaluations: 1000, target: { metric: 'objective', value: 1, direction: 'min' } } }),
      counting(() => 99, {
        step: (s, ctx) => {
          ctx.meter.addEvaluations(10);
          s.model.params.vector.fill(1 / (ctx.step + 1)); // sphere: 2 / (n + 1)²
          return { metrics: { objective: 99 } };
        },
      }),
    );
    expect(r.status).toBe('reached-target');
    expect(r.history.length).toBe(1);
    expect(r.history[0]?.metrics['val.objective']).toBeCloseTo(0.5);
  });
  it('refuses a target on a metric the held-out evaluation does not report, naming the ones it does', async () => {
    await expect(
      runTrainingLoop(request({ budget: { evaluations: 100, target: { metric: 'fitness', value: 1 } } }), counting()),
    ).rejects.toThrow(
      /budget\.target\.metric: expected a metric of the returned model on held-out data \(objective, loss, with or without 'val\.'\), got 'fitness'/,
    );
  });
  it('never starts a step that does not fit in a cap, and reports what is left', async () => {
    // Steps of 10 evaluations under a cap of 45: four run (40), the fifth would pass 45.
    const r = await runTrainingLoop(
      request({ budget: { evaluations: 45 } }),
      counting(undefined, { nextStepCost: () => ({ evaluations: 10 }) }),
    );
    expect(r.cost.evaluations).toBe(40);
    expect(r.reason).toBe('evaluations budget: the next step would spend 10, 5 of 45 left');
    expect(r.budget).toEqual({ unspent: { evaluations: 5 }, refusedStep: { evaluations: 10 } });
  });
  it('predicts an undeclared currency from the largest step so far', async () => {
    const sizes = [5, 20, 5, 5, 5, 5];
    const r = await runTrainingLoop(
      request({ budget: { evaluations: 52 } }),
      counting(undefined, {
        step: (s, ctx) => {
          ctx.meter.addEvaluations(sizes[s.count] ?? 5);
          s.count += 1;
          return { metrics: { loss: 1 } };
        },
      }),
    );
    // 5 + 20 + 5 + 5 = 35; a fifth step is predicted at 20 (35 + 20 > 52): not started.
    expect(r.cost.evaluations).toBe(35);
    expect(r.budget?.unspent).toEqual({ evaluations: 17 });
  });
  it('ends a non-finite metric or weight as diverged, naming it', async () => {
    const nan = await runTrainingLoop(
      request(),
      counting((n) => (n === 3 ? Number.NaN : 1)),
    );
    expect(nan).toMatchObject({ status: 'diverged', reason: 'non-finite loss (NaN) at step 3', divergedAtStep: 3 });
    expect(nan.history.length).toBe(2);
    const weights = await runTrainingLoop(
      request(),
      counting(undefined, {
        step: (s) => {
          s.model.params.vector[1] = Number.POSITIVE_INFINITY;
          return { metrics: { loss: 1 } };
        },
      }),
    );
    expect(weights.reason).toBe('non-finite weight x[1] (Infinity) at step 1');
  });
  it('aborts, checkpoints and resumes', async () => {
    const saved: unknown[] = [];
    const full = await runTrainingLoop(
      request({ checkpoint: { every: 2, save: (c) => saved.push(JSON.parse(JSON.stringify(c))) } }),
      counting(),
    );
    expect(saved.length).toBe(2);
    const resumed = await runTrainingLoop(request({ resume: saved[0] as never }), counting());
    expect(resumed.history.map((e) => [e.step, e.cost.evaluations])).toEqual(full.history.map((e) => [e.step, e.cost.evaluations]));
    const c = new AbortController();
    c.abort('user pressed stop');
    expect(await runTrainingLoop(request({ signal: c.signal }), counting())).toMatchObject({
      status: 'aborted',
      reason: 'aborted before step 1: user pressed stop',
    });
  });
  it('yields to the event loop during long runs, with the meter paused', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const busy = counting(undefined, {
      yieldEveryMs: 5,
      step: (s, ctx) => {
        const until = performance.now() + 2;
        while (performance.now() < until) s.count += 0;
        ctx.meter.addEvaluations(1);
        return { metrics: { loss: 1 } };
      },
    });
    await runTrainingLoop(request({ budget: { evaluations: 40 } }), busy);
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(0);
  });
  it('rejects unbounded budgets and foreign checkpoints', async () => {
    await expect(runTrainingLoop(request({ budget: {} }), counting())).rejects.toThrow(ConfigError);
    await expect(runTrainingLoop(request({ budget: {} }), counting())).rejects.toThrow(/count budget: expected at least one cap/);
    const foreign = {
      trainerId: 'other',
      step: 1,
      cost: { flops: 0, evaluations: 0, gradientSteps: 0, epochs: 0, generations: 0, wallSeconds: 0 },
      history: [],
      state: {},
    };
    await expect(runTrainingLoop(request({ resume: foreign }), counting())).rejects.toThrow(
      /resume.trainerId: expected 'count', got 'other'/,
    );
  });
});

describe('runTrainingLoop: the loop of every trainer', () => {
  it('gives each step what remains of every cap', async () => {
    const seen: unknown[] = [];
    await runTrainingLoop(
      request({ budget: { evaluations: 30, generations: 9 } }),
      counting(undefined, {
        step: (_, ctx) => {
          seen.push(ctx.remaining);
          ctx.meter.addEvaluations(10);
          return { metrics: { loss: 1 } };
        },
      }),
    );
    expect(seen).toEqual([
      { evaluations: 30, generations: 9 },
      { evaluations: 20, generations: 9 },
      { evaluations: 10, generations: 9 },
    ]);
  });

  it('charges concurrent fits in one thread exactly their own FLOPs, async steps included', async () => {
    const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
    const run = (flops: number) =>
      runTrainingLoop(
        request({ budget: { generations: 5 } }),
        counting(undefined, {
          yieldEveryMs: 0,
          step: async (_, ctx) => {
            recordFlops(flops); // the synchronous part: measured by the loop
            await tick();
            ctx.meter.measure(() => recordFlops(flops)); // after an await: measured by the step
            recordFlops(1e9); // after an await, unmeasured: nobody's
            await tick();
            ctx.meter.addGenerations(1);
            return { metrics: { loss: 1 } };
          },
        }),
      );
    const [a, b] = await Promise.all([run(1), run(1000)]);
    expect(a?.cost.flops).toBe(10);
    expect(b?.cost.flops).toBe(10_000);
    expect(a?.history.map((e) => e.cost.flops)).toEqual([2, 4, 6, 8, 10]);
  });

  it('lets a trainer count its own steps, report only some of them and end the run in its own words', async () => {
    type T = { model: VectorModel; units: number; reported: number };
    const events: TrainerEvent[] = [];
    const saved: number[] = [];
    const loop: TrainingLoop<T> = {
      trainerId: 'epochs',
      init: () => ({ model: new VectorModel(1), units: 0, reported: 0 }),
      restore: () => ({ model: new VectorModel(1), units: 0, reported: 0 }),
      snapshot: (s) => ({ units: s.units }),
      // Every third unit is an "end of epoch" that reports; the others are mini-batches.
      step: (s, ctx) => {
        s.units++;
        ctx.meter.addGradientSteps(1);
        if (s.units % 3 !== 0) return {};
        s.reported++;
        const out = { metrics: { loss: 1 / s.reported }, events: [{ type: 'warning', step: s.units, message: 'w' } as const] };
        return s.reported === 3 ? { ...out, end: { status: 'budget-exhausted', reason: 'early stopping' } } : out;
      },
      stepOf: (s) => s.units - s.reported,
      model: (s) => s.model,
      finalMetrics: (_, s, status) => ({ reported: s.reported, ended: status === 'budget-exhausted' ? 1 : 0 }),
    };
    const r = await runTrainingLoop(
      request({
        budget: { gradientSteps: 100 },
        onEvent: (e) => events.push(e),
        checkpoint: { every: 2, save: (c) => saved.push(c.step) },
      }),
      loop,
    );
    expect(r).toMatchObject({ status: 'budget-exhausted', reason: 'early stopping', metrics: { reported: 3, ended: 1 } });
    expect(r.history.map((e) => e.step)).toEqual([2, 4, 6]);
    expect(events.map((e) => e.type)).toEqual(['progress', 'warning', 'progress', 'warning', 'progress', 'warning']);
    // Reporting units leave the count unchanged, so they write no second checkpoint of a step.
    expect(saved).toEqual([2, 4, 6]);
  });

  it('asks the trainer whether it has finished, after abort and budget, and for its own reasons', async () => {
    const finished = await runTrainingLoop(
      request({ budget: { evaluations: 1000 } }),
      counting(undefined, { finished: (s) => (s.count === 2 ? { status: 'budget-exhausted', reason: 'converged' } : null) }),
    );
    expect(finished).toMatchObject({ status: 'budget-exhausted', reason: 'converged' });
    expect(finished.history.length).toBe(2);
    const reasons: TrainingLoop<S>['reasons'] = (stop, _, step) => `${stop.kind === 'budget' ? stop.cap : stop.kind} after ${step}`;
    const worded = await runTrainingLoop(request({ budget: { evaluations: 20 } }), counting(undefined, { reasons }));
    expect(worded.reason).toBe('evaluations after 2');
    const c = new AbortController();
    c.abort();
    const first = await runTrainingLoop(
      request({ signal: c.signal }),
      counting(undefined, { reasons, finished: () => ({ status: 'budget-exhausted', reason: 'not asked: the abort comes first' }) }),
    );
    expect(first.reason).toBe('aborted after 0');
  });

  it('records a silent end event in the history without emitting it, and reports the divergence step', async () => {
    const events: TrainerEvent[] = [];
    const r = await runTrainingLoop(
      request({ onEvent: (e) => events.push(e) }),
      counting(undefined, {
        step: (s, ctx): StepOutcome => {
          s.count++;
          ctx.meter.addEvaluations(1);
          return s.count < 2
            ? { metrics: { loss: 1 } }
            : { metrics: {}, silent: true, end: { status: 'diverged', reason: 'it blew up', divergedAtStep: 7 } };
        },
      }),
    );
    expect(r).toMatchObject({ status: 'diverged', reason: 'it blew up', divergedAtStep: 7 });
    expect(r.history.map((e) => e.metrics)).toEqual([{ loss: 1 }, {}]);
    expect(events.length).toBe(1);
  });
});

describe('runTrainingLoop: a backend given as a value', () => {
  /** A CPU backend that counts its gemm calls. */
  const spy = (name: string) => {
    const calls = { gemm: 0 };
    const kernels: Kernels = {
      ...jsKernels,
      name,
      gemm: (...args) => {
        calls.gemm++;
        jsKernels.gemm(...args);
      },
    };
    return { backend: cpuBackend(kernels), calls };
  };
  const product = (seen: string[]): TrainingLoop<S> =>
    counting(undefined, {
      step: (s, ctx) => {
        s.count += 1;
        ctx.meter.addEvaluations(10);
        const y = ctx.meter.measure(() => {
          seen.push(currentBackend().name);
          return matmul(fromArray([[1, 2]]), fromArray([[3], [4]])).item();
        });
        return { metrics: { loss: 1 / y } };
      },
    });

  it('runs every measured step of each fit on its own backend, two fits at once, leaving the default alone', async () => {
    const a = spy('spy-a');
    const b = spy('spy-b');
    const before = currentBackend();
    const seenA: string[] = [];
    const seenB: string[] = [];
    const [ra, rb] = await Promise.all([
      runTrainingLoop(request({ backend: a.backend }), product(seenA)),
      runTrainingLoop(request({ backend: b.backend, budget: { evaluations: 30 } }), product(seenB)),
    ]);
    expect([ra.status, rb.status]).toEqual(['budget-exhausted', 'budget-exhausted']);
    expect(seenA).toEqual(['spy-a', 'spy-a', 'spy-a', 'spy-a', 'spy-a']);
    expect(seenB).toEqual(['spy-b', 'spy-b', 'spy-b']);
    expect([a.calls.gemm, b.calls.gemm]).toEqual([5, 3]);
    expect(currentBackend()).toBe(before);
  });
});

describe('state codec', () => {
  it('round-trips Float32Arrays bit-exactly and non-finite numbers through JSON', () => {
    const state = {
      w: new Float32Array([1.5, -0, Number.NaN, 1e-45]),
      best: Number.NEGATIVE_INFINITY,
      nested: [{ m: new Float32Array(3) }],
      n: 3,
    };
    const back = decodeState(JSON.parse(JSON.stringify(encodeState(state)))) as typeof state;
    expect(new Uint8Array(back.w.buffer)).toEqual(new Uint8Array(state.w.buffer));
    expect(back.best).toBe(Number.NEGATIVE_INFINITY);
    expect(back.nested[0]?.m).toEqual(new Float32Array(3));
    expect(back.n).toBe(3);
  });
});
