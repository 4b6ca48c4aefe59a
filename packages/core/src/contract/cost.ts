import { FlopMeter } from '@evoprop/tensor';

/** What a run has spent, in the currency every trainer is charged in. */
export type Cost = Readonly<{
  /** Floating-point operations counted by the tensor kernels (plus any a trainer reports itself). */
  flops: number;
  /** Forward evaluations, counted per sample (a batch of 128 is 128), or per episode step for control tasks. */
  evaluations: number;
  /** Backward passes / optimizer steps. */
  gradientSteps: number;
  epochs: number;
  generations: number;
  wallSeconds: number;
}>;

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

  addEvaluations(n: number): void {
    this.counts.evaluations += n;
  }
  addGradientSteps(n = 1): void {
    this.counts.gradientSteps += n;
  }
  addEpochs(n = 1): void {
    this.counts.epochs += n;
  }
  addGenerations(n = 1): void {
    this.counts.generations += n;
  }
  /** FLOPs done outside the tensor kernels (for example in a worker thread that reported them back). */
  addFlops(n: number): void {
    this.counts.extraFlops += n;
  }

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
