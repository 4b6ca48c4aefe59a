import { type Backend, FlopMeter, withBackend } from '@evoprop/tensor';

/** What a run has spent, in the currency every trainer is charged in. */
export type Cost = Readonly<{
  /** Floating-point operations counted by the tensor kernels (plus any a trainer reports itself). */
  flops: number;
  /** Forward evaluations, counted per sample (a batch of 128 is 128), or per episode step for control tasks. */
  evaluations: number;
  /** Backward passes / optimizer steps. */
  gradientSteps: number;
  /** Passes over a supervised task's training split (fractional epochs are not counted). */
  epochs: number;
  /** Generations of an evolutionary trainer (one ask/evaluate/tell round). */
  generations: number;
  /** Wall-clock seconds the meter was running (paused while the loop yields to the event loop). */
  wallSeconds: number;
}>;

/** A cost with every currency at 0: where a fresh run starts. */
export const zeroCost = (): Cost => ({ flops: 0, evaluations: 0, gradientSteps: 0, epochs: 0, generations: 0, wallSeconds: 0 });

/**
 * The meter every trainer is charged through, one per fit. Kernel FLOPs are counted only
 * inside `measure(fn)`, for the synchronous run of `fn`, so fits that run at the same time in
 * one thread (`Promise.all`, a page, a server) are each charged exactly their own work; FLOPs
 * done elsewhere (a worker thread) are reported back and charged with `addFlops`. Wall time
 * runs between `startClock()` and `stopClock()` (the training loop keeps it running across a
 * step's awaits and pauses it while yielding) and during `measure`. The trainer adds
 * evaluations, steps, epochs and generations as it does them. Starting from a checkpoint's
 * cost makes resumed runs report the same totals as uninterrupted ones.
 *
 * @example
 * const meter = new CostMeter();
 * const out = meter.measure(() => model.forward(x)); // FLOPs and time charged
 * meter.addEvaluations(batch);
 * meter.cost(); // { flops, evaluations: batch, ... }
 */
export class CostMeter {
  private readonly flopMeter = new FlopMeter();
  private counts: { evaluations: number; gradientSteps: number; epochs: number; generations: number; extraFlops: number };
  private readonly baseWall: number;
  private readonly baseFlops: number;
  private startedAt = 0;
  private elapsed = 0;
  private timing = false;
  private readonly backend: Backend | undefined;

  /**
   * @param start What was already spent (a resumed run passes its checkpoint's cost); zero by default.
   * @param options `backend`: the tensor backend measured work runs on (`withBackend` around every `measure`); default: the global default.
   */
  constructor(start: Cost = zeroCost(), options: Readonly<{ backend?: Backend }> = {}) {
    this.backend = options.backend;
    this.counts = {
      evaluations: start.evaluations,
      gradientSteps: start.gradientSteps,
      epochs: start.epochs,
      generations: start.generations,
      extraFlops: 0,
    };
    this.baseWall = start.wallSeconds;
    this.baseFlops = start.flops;
  }

  /**
   * Run `fn`, charging the kernel FLOPs of its synchronous run and its wall time; returns its
   * result. Nested calls count once. If `fn` returns a promise, work after its first `await`
   * is not counted: measure each synchronous piece of an async step on its own. With a
   * `backend` option, `fn` computes on that backend.
   */
  measure<T>(fn: () => T): T {
    if (this.flopMeter.measuring) return fn();
    const clock = !this.timing;
    if (clock) this.startClock();
    try {
      const backend = this.backend;
      return backend === undefined ? this.flopMeter.measure(fn) : this.flopMeter.measure(() => withBackend(backend, fn));
    } finally {
      if (clock) this.stopClock();
    }
  }

  /** Run synchronous `fn` without charging its FLOPs or time (monitoring, say), even inside `measure`. */
  unmetered<T>(fn: () => T): T {
    const counting = this.flopMeter.measuring;
    const clock = this.timing;
    // Taking this meter off the counting list for the synchronous run of fn only.
    if (counting) this.flopMeter.stop();
    if (clock) this.stopClock();
    try {
      return fn();
    } finally {
      if (clock) this.startClock();
      if (counting) this.flopMeter.start();
    }
  }

  /** Start charging wall time (not FLOPs: those only inside {@link CostMeter.measure}); a no-op if running. */
  startClock(): void {
    if (this.timing) return;
    this.timing = true;
    this.startedAt = performance.now();
  }

  /** Stop charging wall time (for example while yielding to the event loop); a no-op if stopped. */
  stopClock(): void {
    if (!this.timing) return;
    this.timing = false;
    this.elapsed += performance.now() - this.startedAt;
  }

  /**
   * Begin counting kernel FLOPs and wall time until `stop()`.
   *
   * @deprecated FLOPs are counted until `stop()`, across any `await` in between, so this meter is
   * charged whatever else runs in the thread meanwhile (another fit). Use
   * {@link CostMeter.measure} around synchronous work and {@link CostMeter.startClock} for time.
   */
  start(): void {
    this.startClock();
    if (!this.flopMeter.measuring) this.flopMeter.start();
  }

  /**
   * Stop what `start()` began.
   *
   * @deprecated Pair of {@link CostMeter.start}; use {@link CostMeter.measure} / {@link CostMeter.unmetered}.
   */
  stop(): void {
    this.stopClock();
    this.flopMeter.stop();
  }

  /** Charge `n` forward evaluations (samples, or episode steps on control tasks). */
  addEvaluations(n: number): void {
    this.counts.evaluations += n;
  }
  /** Charge `n` backward passes / optimizer steps (default 1). */
  addGradientSteps(n = 1): void {
    this.counts.gradientSteps += n;
  }
  /** Charge `n` completed epochs (default 1). */
  addEpochs(n = 1): void {
    this.counts.epochs += n;
  }
  /** Charge `n` completed generations (default 1). */
  addGenerations(n = 1): void {
    this.counts.generations += n;
  }
  /** FLOPs done outside this meter's `measure` (for example in a worker thread that reported them back). */
  addFlops(n: number): void {
    this.counts.extraFlops += n;
  }

  /** The totals so far, including the starting cost and the time of a running interval. */
  cost(): Cost {
    const live = this.timing ? performance.now() - this.startedAt : 0;
    return {
      flops: this.baseFlops + this.flopMeter.flops + this.counts.extraFlops,
      evaluations: this.counts.evaluations,
      gradientSteps: this.counts.gradientSteps,
      epochs: this.counts.epochs,
      generations: this.counts.generations,
      wallSeconds: this.baseWall + (this.elapsed + live) / 1000,
    };
  }
}
