import { type CostMeter, type Metrics, type SupervisedTask, accuracy, lossFor } from '@evoprop/core';
import type { Genome, NeatModel, PlanOptions } from '@evoprop/evolution/neat';
import { type Rng, noGrad } from '@evoprop/tensor';
import type { RefinementConfig } from '../shared/optimizer.js';
import { pruneGenome } from './prune.js';
import { trainGenome } from './train-genome.js';

/** What a compacted network must keep, fixed when compaction starts. */
export type CompactionFloor = Readonly<{
  /** Classification: the lowest training accuracy a smaller network may have. */
  accuracy?: number;
  /** Regression: the highest training loss a smaller network may have. */
  loss?: number;
}>;

/** One round of {@link compactOnce}: where the work is charged and what it may spend. */
export type CompactOptions = Readonly<{
  genome: Genome;
  plan: PlanOptions;
  task: SupervisedTask;
  /** The optimizer and clipping of the retraining (its `steps` is replaced by `steps`). */
  refinement: RefinementConfig;
  /** Gradient steps of retraining after one connection is removed. */
  steps: number;
  /** How many removals (smallest |weight| first) to try before giving up. */
  trials: number;
  /** NEAT's weight limit: retrained weights are clamped to ±limit, as in refinement. */
  weightLimit: number;
  floor: CompactionFloor;
  rng: Rng;
  meter: CostMeter;
}>;

/** Loss and (classification) accuracy of a network on the whole training split; charged as evaluations. */
export function trainingMetrics(model: NeatModel, task: SupervisedTask, meter: CostMeter): Metrics {
  meter.addEvaluations(task.train.x.shape[0] as number);
  return noGrad((): Metrics => {
    const out = model.forward(task.train.x);
    const loss = lossFor(task.loss)(out, task.train.y).item();
    return task.problem === 'classification' ? { loss, accuracy: accuracy(out, task.train.y) } : { loss };
  });
}

/** The floor a network's own training metrics set: accuracy − `tolerance` points, or loss · (1 + `tolerance`). */
export function floorOf(m: Metrics, tolerance: number): CompactionFloor {
  return m.accuracy !== undefined ? { accuracy: m.accuracy - tolerance } : { loss: (m.loss as number) * (1 + tolerance) };
}

const keeps = (m: Metrics, floor: CompactionFloor): boolean =>
  Number.isFinite(m.loss) &&
  (floor.accuracy === undefined || (m.accuracy ?? Number.NEGATIVE_INFINITY) >= floor.accuracy) &&
  (floor.loss === undefined || (m.loss as number) <= floor.loss);

/** Retrain a genome (see {@link trainGenome}) and measure it on the training split; null when training diverged. */
function retrain(genome: Genome, o: CompactOptions, rng: Rng): { genome: Genome; metrics: Metrics } | null {
  const { model, result } = trainGenome(genome, { ...o, rng });
  if (result.diverged !== undefined) return null;
  return { genome: model.toGenome(), metrics: trainingMetrics(model, o.task, o.meter) };
}

/**
 * One round of greedy prune-and-retrain on a trained NEAT genome: remove the enabled
 * connection with the smallest |weight| (and the dead ends it leaves), retrain the rest for
 * `steps` gradient steps, and keep the result if its training metrics stay within `floor`;
 * otherwise try the next-smallest connection, up to `trials` of them. This is the iterative
 * pruning of Han et al., "Learning both Weights and Connections for Efficient Neural
 * Networks", NeurIPS 2015 (§3.3, p. 4–5), one connection at a time, with an accuracy floor
 * instead of a fixed sparsity. Returns the smaller genome and its training metrics, or null
 * when no tried removal keeps the floor. Every gradient step and evaluation is charged.
 */
export function compactOnce(o: CompactOptions): { genome: Genome; metrics: Metrics } | null {
  const order = o.genome.connections
    .filter((c) => c.enabled)
    .sort((a, b) => Math.abs(a.weight) - Math.abs(b.weight) || a.innovation - b.innovation)
    .slice(0, o.trials);
  for (const [t, removed] of order.entries()) {
    const candidate: Genome = structuredClone(o.genome);
    for (const c of candidate.connections) if (c.innovation === removed.innovation) c.enabled = false;
    pruneGenome(candidate, 0);
    if (!candidate.connections.some((c) => c.enabled)) continue;
    const r = retrain(candidate, o, o.rng.fork(`trial/${t}`));
    if (r !== null && keeps(r.metrics, o.floor)) return r;
  }
  return null;
}

/**
 * Fine-tuning once compaction is over: retrain the genome's weights for `steps` steps and
 * return the result if its training loss is lower than `loss` and it keeps the floor (else null).
 * It gives the steps after compaction useful work, so a run always spends its budget.
 */
export function polishOnce(o: CompactOptions, loss: number): { genome: Genome; metrics: Metrics } | null {
  const r = retrain(o.genome, o, o.rng.fork('polish'));
  return r !== null && keeps(r.metrics, o.floor) && (r.metrics.loss as number) < loss ? r : null;
}
