import { type Budget, type Cost, type Model, type SupervisedTask, sliceRows } from '@evoprop/core';
import { capKeys } from '@evoprop/core/training';
import { FlopMeter, noGrad } from '@evoprop/tensor';

/** Samples per forward pass of the feature cache (`extractFeatures`' default). */
const cacheBatch = 256;

/**
 * What caching `trunk`'s features over every split of `task` will cost, before it runs: one
 * evaluation per sample, and the trunk's forward FLOPs, probed on one and two rows (a forward
 * pass is affine in its rows) and summed over the cache's batches. Probes are charged to no fit.
 */
export function featureCacheCost(trunk: Model, task: SupervisedTask): Partial<Cost> {
  const x = task.train.x;
  const flopsOn = (rows: number): number => {
    const meter = new FlopMeter();
    meter.measure(() => noGrad(() => trunk.forward(sliceRows(x, 0, rows), 'eval')));
    return meter.flops;
  };
  const available = x.shape[0] ?? 0;
  const f1 = available >= 1 ? flopsOn(1) : 0;
  const perRow = available >= 2 ? flopsOn(2) - f1 : f1;
  const perBatch = f1 - perRow;
  let evaluations = 0;
  let flops = 0;
  for (const split of [task.train, task.validation, task.test]) {
    const rows = split.x.shape[0] ?? 0;
    evaluations += rows;
    flops += rows * perRow + Math.ceil(rows / cacheBatch) * perBatch;
  }
  return { evaluations, flops };
}

/** The first cap of `budget` that `cost` would pass, or null. */
export function passesCap(budget: Budget, cost: Partial<Cost>): (typeof capKeys)[number] | null {
  return capKeys.find((k) => budget[k] !== undefined && (cost[k] ?? 0) > (budget[k] as number)) ?? null;
}
