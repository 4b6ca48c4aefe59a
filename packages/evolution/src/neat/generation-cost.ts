/**
 * What one NEAT generation will cost, before it runs: the loop starts it only if it fits in
 * every cap (core's exact budgets). Every genome is scored on the whole training split (or
 * `episodes` episodes), so evaluations are exact (an upper bound on control tasks, whose
 * episodes may end before `maxSteps`, or before `horizon` in a generation truncated by the budget:
 * see `trainer/horizon.ts`). FLOPs depend on each genome's network: a genome's
 * scoring is affine in the rows it scores (forward, loss and accuracy are per row), so scoring it
 * on one and on two rows gives its cost on all of them; on control tasks one activation per
 * environment step is the cost of a step.
 */
import { type ControlTask, type Cost, type SupervisedTask, sliceRows } from '@evoprop/core';
import { FlopMeter } from '@evoprop/tensor';
import type { Genome } from './genome.js';
import { NeatNetwork } from './network.js';
import { type ScoringOptions, scoreGenome } from './scoring.js';

const flopsOf = (fn: () => void): number => {
  const meter = new FlopMeter();
  meter.measure(fn);
  return meter.flops;
};

/** The predicted cost of scoring `genomes` in `generation`, control episodes cut at `horizon` steps (kernel FLOPs probed here are charged to no fit). */
export function neatGenerationCost(
  genomes: readonly Genome[],
  task: SupervisedTask | ControlTask,
  scoring: ScoringOptions,
  generation: number,
  horizon: number = task.kind === 'control' ? task.maxSteps : 0,
): Partial<Cost> {
  if (task.kind === 'supervised') {
    const rows = task.train.x.shape[0] ?? 0;
    const head = (k: number): SupervisedTask => ({
      ...task,
      train: { x: sliceRows(task.train.x, 0, k), y: sliceRows(task.train.y, 0, k) },
    });
    const one = head(Math.min(1, rows));
    const two = head(Math.min(2, rows));
    let flops = 0;
    for (const genome of genomes) {
      const f1 = flopsOf(() => scoreGenome(genome, one, scoring, generation));
      const f2 = rows >= 2 ? flopsOf(() => scoreGenome(genome, two, scoring, generation)) : f1;
      flops += f1 + Math.max(0, rows - 1) * (f2 - f1);
    }
    return { generations: 1, evaluations: genomes.length * rows, flops };
  }
  const steps = scoring.episodes * horizon;
  const input = new Float64Array(task.observationSize);
  let flops = 0;
  for (const genome of genomes) {
    const net = NeatNetwork.fromGenome(genome, scoring.plan);
    flops += steps * flopsOf(() => net.activate(input));
  }
  return { generations: 1, evaluations: genomes.length * steps, flops };
}
