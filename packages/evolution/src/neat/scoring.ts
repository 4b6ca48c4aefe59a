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
  /** Supervised fitness: −loss, accuracy, or the paper's (S − Σ|output − target|)² ('error'). */
  fitness: NeatFitness;
  /** Control: episodes per genome per generation. */
  episodes: number;
  /** Seed string the episode seeds of every generation derive from. */
  evalSeed: string;
}>;

/**
 * Supervised fitness of a NEAT genome. 'accuracy' (the trainer's default) is the train
 * accuracy, ties broken by {@link accuracyFitness}'s likelihood term; regression tasks fall back
 * to −loss. 'loss' is −loss. 'error' is section 4.2's XOR fitness, (4 − Σ|error|)²
 * (p. 112), over every target value: (S − Σ|output − target|)² for S targets, class labels
 * taken as one-hot rows (a single sigmoid output per binary target). It rewards outputs on the
 * right side of 0.5 smoothly even though they are sigmoids in [0, 1], which a softmax
 * cross-entropy on those outputs barely does (its logits cannot differ by more than 1).
 */
export type NeatFitness = 'loss' | 'accuracy' | 'error';

/**
 * Accuracy with ties broken by the likelihood e^(−loss) ∈ (0, 1], scaled by 1/(n + 1) so that it is
 * worth less than one more correct row: among genomes right on the same rows the more confident
 * one wins, and a genome right on more rows always wins. Without the tie-break, small data sets
 * (XOR's four rows) give whole species the same fitness and selection is blind. −loss when there
 * is no accuracy (regression).
 */
export function accuracyFitness(accuracy: number | undefined, loss: number, rows: number): number {
  if (accuracy === undefined) return -loss;
  return accuracy + Math.exp(-loss) / (rows + 1);
}

/** (S − Σ|out − target|)², targets one-hot where `y` holds class indices. */
export function paperErrorFitness(out: Tensor, y: Tensor): number {
  const n = out.shape[0] as number;
  const k = out.size / n;
  const oneHot = y.size === n && k > 1;
  let err = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) {
      const target = oneHot ? (j === (y.data[i] as number) ? 1 : 0) : (y.data[i * k + j] as number);
      err += Math.abs((out.data[i * k + j] as number) - target);
    }
  }
  return (n * k - err) ** 2;
}

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

/** Fitness of `genome` on a supervised task (−loss, accuracy or the paper's error fitness on the train split) or a control task (mean episode fitness over `episodes` seeded episodes of `generation`). */
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
      const fitness =
        options.fitness === 'accuracy'
          ? accuracyFitness(metrics.accuracy, loss, x.shape[0] as number)
          : options.fitness === 'error'
            ? paperErrorFitness(out, task.train.y)
            : -loss;
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
