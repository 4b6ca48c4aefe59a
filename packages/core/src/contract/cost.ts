import { FlopMeter } from '@evoprop/tensor';

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
 * The meter every trainer is charged through. FLOPs come from the tensor kernels
 * while the meter is running; the trainer adds evaluations, steps, epochs and
 * generations as it does them. Starting from a checkpoint's cost makes resumed runs
 * report the same totals as uninterrupted ones.
 */
export class CostMeter {
  private readonly flopMeter = new FlopMeter();
  private counts: { evaluations: number; gradientSteps: number; epochs: number; generations: number; extraFlops: number };
  private readonly baseWall: number;
  private readonly baseFlops: number;
  private startedAt = 0;
  private elapsed = 0;
  private running = false;

  /** @param start What was already spent (a resumed run passes its checkpoint's cost); zero by default. */
  constructor(start: Cost = zeroCost()) {
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

  /** Begin counting kernel FLOPs and wall time. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.startedAt = performance.now();
    this.flopMeter.start();
  }

  /** Pause counting (for example while yielding to the event loop). */
  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.elapsed += performance.now() - this.startedAt;
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
  /** FLOPs done outside the tensor kernels (for example in a worker thread that reported them back). */
  addFlops(n: number): void {
    this.counts.extraFlops += n;
  }

  /** The totals so far, including the starting cost and the time of a running interval. */
  cost(): Cost {
    const live = this.running ? performance.now() - this.startedAt : 0;
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
