/**
 * The fitness of one genome on a task, shared by the trainer's own thread and its worker
 * threads: the same genome, generation and seed give the same bytes wherever it runs.
 */
import { type ControlTask, type SupervisedTask, accuracy, lossFor } from '@evoprop/core';
import { Rng, Tensor, noGrad } from '@evoprop/tensor';
import { neatForward } from './forward-op.js';
import type { Genome } from './genome.js';
import { NeatNetwork, type PlanOptions, compileNetworkPlan } from './network.js';

/** How `scoreGenome` scores. */
export type ScoringOptions = Readonly<{
  /** How genomes become networks. */
  plan: PlanOptions;
  /** Supervised fitness: −loss or accuracy. */
  fitness: 'loss' | 'accuracy';
  /** Control: episodes per genome per generation. */
  episodes: number;
  /** Seed string the episode seeds of every generation derive from. */
  evalSeed: string;
}>;

/** One genome's score. */
export type GenomeScore = Readonly<{
  /** Fitness (maximised). */
  fitness: number;
  /** Metrics by name (loss, accuracy, return, episodeFitness). */
  metrics: Readonly<Record<string, number>>;
  /** Samples or environment steps spent. */
  evaluations: number;
}>;

/** The outcome of one episode. */
export type NeatEpisode = {
  /** The task's episode fitness (or the return when it has none). */
  fitness: number;
  /** Sum of rewards. */
  returnSum: number;
  /** Steps taken. */
  steps: number;
};

/** Rows of a batch flattened to [n, features]. */
export const flatRows = (x: Tensor): Tensor => {
  const n = x.shape[0] as number;
  return x.rank === 2 ? x : new Tensor(x.data, [n, x.size / n]);
};

/** Fitness of `genome` on a supervised task (−loss or accuracy on the train split) or a control task (mean episode fitness over `episodes` seeded episodes of `generation`). */
export function scoreGenome(genome: Genome, task: SupervisedTask | ControlTask, options: ScoringOptions, generation: number): GenomeScore {
  if (task.kind === 'supervised') {
    const x = flatRows(task.train.x);
    const compiled = compileNetworkPlan(genome, options.plan);
    const enabled = genome.connections.filter((c) => c.enabled);
    const weights = new Tensor(
      Float32Array.from(enabled, (c) => c.weight),
      [enabled.length],
    );
    return noGrad(() => {
      const out = neatForward(x, weights, compiled);
      const loss = lossFor(task.loss)(out, task.train.y).item();
      const metrics: Record<string, number> = { loss };
      if (task.problem === 'classification') metrics.accuracy = accuracy(out, task.train.y);
      const fitness = options.fitness === 'accuracy' ? (metrics.accuracy ?? -loss) : -loss;
      return { fitness, metrics, evaluations: x.shape[0] as number };
    });
  }
  const net = NeatNetwork.fromGenome(genome, options.plan);
  // Common random numbers: every genome of a generation meets the same episodes.
  const seeds = Rng.fromSeed(options.evalSeed).fork(`gen-${generation}`);
  let total = 0;
  let returns = 0;
  let steps = 0;
  for (let e = 0; e < options.episodes; e++) {
    const r = runNeatEpisode(net, task, seeds.int(0, 2 ** 31 - 1));
    total += r.fitness;
    returns += r.returnSum;
    steps += r.steps;
  }
  const k = options.episodes;
  return { fitness: total / k, metrics: { return: returns / k, episodeFitness: total / k }, evaluations: steps };
}

/**
 * One episode with a compiled network (state reset at the start, kept across steps for
 * recurrent nets). Discrete actions are the argmax of the outputs; continuous actions are
 * the sigmoid outputs in [0, 1].
 */
export function runNeatEpisode(net: NeatNetwork, task: ControlTask, seed: number): NeatEpisode {
  const env = task.createEnvironment();
  let obs = env.reset(seed);
  net.reset();
  const keep = task.episodeFitness !== undefined;
  const history: Float32Array[] = [];
  const action = new Float32Array(task.actionSize);
  let returnSum = 0;
  let steps = 0;
  while (steps < task.maxSteps) {
    const out = net.activate(obs);
    let a: number | Float32Array;
    if (task.actionKind === 'discrete') {
      let best = 0;
      for (let i = 1; i < task.actionSize; i++) if ((out[i] as number) > (out[best] as number)) best = i;
      a = best;
    } else {
      for (let i = 0; i < task.actionSize; i++) action[i] = out[i] as number;
      a = action;
    }
    const r = env.step(a);
    steps++;
    returnSum += r.reward;
    obs = r.observation;
    if (keep) history.push((r as { state?: Float32Array }).state ?? r.observation);
    if (r.done) break;
  }
  return { fitness: task.episodeFitness?.(steps, returnSum, history) ?? returnSum, returnSum, steps };
}
