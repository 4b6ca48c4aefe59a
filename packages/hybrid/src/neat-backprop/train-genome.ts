import type { CostMeter, SupervisedTask } from '@evoprop/core';
import { type Genome, NeatModel, type PlanOptions } from '@evoprop/evolution/neat';
import type { Rng } from '@evoprop/tensor';
import { type RefinementConfig, refinementOptimizer } from '../shared/optimizer.js';
import { type RefineResult, refine } from '../shared/refine.js';

/** How {@link trainGenome} trains a genome's weights and where it charges the work. */
export type TrainGenomeOptions = Readonly<{
  plan: PlanOptions;
  task: SupervisedTask;
  /** The optimizer, clipping and batch size (its `steps` is replaced by `steps`). */
  refinement: RefinementConfig;
  steps: number;
  /** NEAT's weight limit: trained weights are clamped to ±limit. */
  weightLimit: number;
  rng: Rng;
  meter: CostMeter;
}>;

/**
 * `steps` gradient steps on a genome's phenotype with a fresh optimizer, then the weights
 * clamped to ±`weightLimit`: the refinement of every NEAT + backprop phenotype and of every
 * compaction trial. Returns the trained model (read the genome back with `toGenome()`) and
 * the refinement's result.
 */
export function trainGenome(genome: Genome, o: TrainGenomeOptions): { model: NeatModel; result: RefineResult } {
  const model = new NeatModel(genome, o.plan);
  const optimizer = refinementOptimizer(o.refinement, model.params);
  const result = refine({
    model,
    task: o.task,
    optimizer,
    state: optimizer.init(model.params.size),
    steps: o.steps,
    batchSize: o.refinement.batchSize,
    rng: o.rng,
    meter: o.meter,
  });
  const v = model.params.vector;
  for (let k = 0; k < v.length; k++) v[k] = Math.min(o.weightLimit, Math.max(-o.weightLimit, v[k] as number));
  return { model, result };
}
