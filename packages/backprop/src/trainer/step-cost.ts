import type { Cost, Model, SupervisedTask } from '@evoprop/core';
import { FlopMeter, noGrad } from '@evoprop/tensor';
import { identityOrder, gatherRows } from './batches.js';

const flopsOf = (fn: () => void): number => {
  const meter = new FlopMeter();
  meter.measure(fn);
  return meter.flops;
};

/**
 * What the next backprop step costs, before it runs, so the training loop starts only steps that
 * fit in every cap. Counted currencies are exact: a mini-batch is its rows (evaluations) and one
 * gradient step; an epoch's end is one epoch plus the validation split's rows when it validates.
 * FLOPs of a kind of step (a batch of r rows, an epoch's end with or without validation) are the
 * same every time, so after its first run they are what it cost then; before that, a bound: 4×
 * the forward pass (forward, backward, loss) plus 20 per weight (norm and optimizer update), or
 * twice a forward pass over the validation split. Probes run on a clone and are charged to no fit.
 */
export class BackpropStepCosts {
  private readonly forwardFlops = new Map<number, number>();

  /**
   * @param seen Where the FLOPs of each kind of step are kept: part of the run's state, so a
   * resumed run predicts (and so starts or refuses) the same steps as the uninterrupted one.
   */
  constructor(
    private readonly model: Model,
    private readonly task: SupervisedTask,
    private readonly seen: () => Record<string, number>,
  ) {}

  /** Cost of a mini-batch of `rows` rows. */
  batch(rows: number): Partial<Cost> {
    const flops = this.seen()[`batch/${rows}`] ?? 4 * this.forward(this.task.train.x, rows) + 20 * this.model.params.size;
    return { evaluations: rows, gradientSteps: 1, epochs: 0, generations: 0, flops };
  }

  /** Cost of an epoch's end (validating `validationRows` rows, or none). */
  epochEnd(validationRows: number): Partial<Cost> {
    const flops =
      this.seen()[`end/${validationRows}`] ?? (validationRows > 0 ? this.forward(this.task.validation.x, validationRows) * 2 : 0);
    return { evaluations: validationRows, gradientSteps: 0, epochs: 1, generations: 0, flops };
  }

  /** Record what a step of that kind cost (`batchRows` null: an epoch's end validating `validationRows`). */
  see(batchRows: number | null, validationRows: number, flops: number): void {
    this.seen()[batchRows === null ? `end/${validationRows}` : `batch/${batchRows}`] = flops;
  }

  private forward(x: SupervisedTask['train']['x'], rows: number): number {
    const known = this.forwardFlops.get(rows);
    if (known !== undefined) return known;
    const probe = this.model.clone();
    const input = gatherRows(x, identityOrder(x.shape[0] ?? 0), 0, rows);
    const flops = flopsOf(() => noGrad(() => probe.forward(input, 'eval')));
    this.forwardFlops.set(rows, flops);
    return flops;
  }
}
