/**
 * The fitness of one genome on a task, shared by the trainer's own thread and its worker
 * threads: the same genome, generation and seed give the same bytes wherever it runs.
 */
import { type ControlTask, type Policy, type SupervisedTask, accuracy, actionWidth, lossFor, rollout, writeAction } from '@evoprop/core';
import { Rng, Tensor, noGrad, portableMath } from '@evoprop/tensor';
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
  /**
   * Also return each genome's behaviour (for novelty search): control tasks' `episodeBehaviour`
   * of every episode, concatenated; supervised tasks' outputs on the training rows. Default false.
   */
  behaviour?: boolean;
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
  return accuracy + portableMath.exp(-loss) / (rows + 1);
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
  /** The behaviour characterisation, when `ScoringOptions.behaviour` asked for it. */
  behaviour?: readonly number[];
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

/**
 * Fitness of `genome` on a supervised task (−loss, accuracy or the paper's error fitness on the train
 * split) or a control task (mean episode fitness over `episodes` seeded episodes of `generation`,
 * each cut at `horizon` steps when given: a generation truncated by the budget).
 */
export function scoreGenome(
  genome: Genome,
  task: SupervisedTask | ControlTask,
  options: ScoringOptions,
  generation: number,
  horizon?: number,
): GenomeScore {
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
      return {
        fitness,
        metrics,
        evaluations: x.shape[0] as number,
        ...(options.behaviour === true ? { behaviour: Array.from(out.data) } : {}),
      };
    });
  }
  // Common random numbers: every genome of a generation meets the same episodes, run side by side.
  const seedRng = Rng.fromSeed(options.evalSeed).fork(`gen-${generation}`);
  const seeds = Array.from({ length: options.episodes }, () => seedRng.int(0, 2 ** 31 - 1));
  const plan = compileNetworkPlan(genome, options.plan);
  const episodes = rollout(
    task,
    neatPolicy(
      task,
      seeds.map(() => new NeatNetwork(plan)),
    ),
    seeds,
    horizon === undefined ? {} : { maxSteps: horizon },
  );
  let total = 0;
  let returns = 0;
  let steps = 0;
  for (const r of episodes) {
    total += r.fitness;
    returns += r.return;
    steps += r.steps;
  }
  const k = options.episodes;
  const score = { fitness: total / k, metrics: { return: returns / k, episodeFitness: total / k }, evaluations: steps };
  if (options.behaviour !== true) return score;
  // Lehman & Stanley 2011's behaviour characterisation is the task's; several episodes are concatenated.
  return { ...score, behaviour: episodes.flatMap((e) => e.behaviour ?? []) };
}

/**
 * Compiled networks as a policy, one per environment (state reset at each episode's start and
 * kept across its steps for recurrent nets); outputs become actions by core's one rule
 * (`writeAction`: argmax for discrete tasks, the sigmoid outputs in [0, 1] for continuous ones).
 */
export function neatPolicy(task: ControlTask, nets: readonly NeatNetwork[]): Policy {
  const k = task.observationSize;
  const w = actionWidth(task);
  const input = new Float32Array(k);
  return {
    reset: (env) => nets[env].reset(),
    act(observations, envs, actions) {
      for (let r = 0; r < envs.length; r++) {
        for (let j = 0; j < k; j++) input[j] = observations[r * k + j];
        const out = nets[envs[r]].activate(input);
        writeAction(task, out, 0, actions, r * w);
      }
    },
  };
}

/** One episode with a compiled network (see {@link neatPolicy}), run by core's `rollout`. */
export function runNeatEpisode(net: NeatNetwork, task: ControlTask, seed: number): NeatEpisode {
  const [episode] = rollout(task, neatPolicy(task, [net]), [seed]);
  return { fitness: episode.fitness, returnSum: episode.return, steps: episode.steps };
}
