/**
 * Done-when 3: does NEAT + backprop reach a given accuracy on two spirals with a smaller
 * network than a fixed MLP? Per seed: NEAT+backprop (Lamarckian) and NEAT alone run G
 * generations; a ladder of fixed tanh MLPs (one to three hidden layers) is trained by Adam for
 * S full-batch steps. Network size = trainable weights (NEAT: enabled connections, the bias
 * being an input node; MLP: weights + biases). For each seed two comparisons are printed:
 * the smallest MLP whose test accuracy is at least NEAT+backprop's, and the smallest MLP
 * reaching a fixed threshold (95 %) against NEAT+backprop if it reaches it.
 *
 *   SEEDS=10 GENERATIONS=200 COMPACT_AT=100 node --conditions=@evoprop/source --import tsx bench/neat-spirals.ts
 *
 * NEAT + backprop evolves for COMPACT_AT generations, then compacts its best network for the
 * remaining GENERATIONS − COMPACT_AT steps (one greedy prune-and-retrain round per step:
 * COMPACT_STEPS 100 Adam steps at COMPACT_LR 0.01, up to COMPACT_TRIALS 20 removals tried per
 * round, training accuracy kept within COMPACT_TOL 0; COMPACT_AT=0 turns compaction off).
 *
 * Other knobs: POP (population, 30), SLOPE (sigmoid slope, 1), ADD_NODE / ADD_CONNECTION
 * (structural mutation rates, 0.2 / 0.3), LR (Adam, 0.1), BATCH (rows per refinement step, 0 = all),
 * FITNESS (loss | accuracy), PARSIMONY (fitness penalty per connection, 0),
 * PARSIMONY_START / PARSIMONY_RAMP (generation it starts, generations to full strength: 50 / 30), PRUNE (|w| pruning
 * threshold after every refinement, 0), SIZE_TARGET (training accuracy after which smaller wins, 0 = off), THRESHOLD (0.95), NEAT_ALONE (1 = also run NEAT without gradient steps),
 * LADDER (0 = skip the MLPs, to explore NEAT settings), FROM (first seed, to split the seeds over processes).
 */
import { BackpropTrainer } from '@evoprop/backprop';
import { createSupervisedTask } from '@evoprop/tasks';
import { Rng } from '@evoprop/tensor';
import { NeatBackpropTrainer } from '../src/index.js';
import { env, fmt, mean, median, mflops, sd, table } from './util.js';

const seeds = env('SEEDS', 10);
const generations = env('GENERATIONS', 200);
const steps = env('STEPS', 3000);
const k = env('K', 30);
// Spiral coordinates reach ±5: the paper's slope 4.9 saturates every node and starves the gradient, so slope 1;
// structural mutations are raised so topologies grow within a few dozen generations.
const neat = {
  populationSize: env('POP', 30),
  network: { sigmoidSlope: env('SLOPE', 1) },
  mutation: { addNodeProbability: env('ADD_NODE', 0.2), addConnectionProbability: env('ADD_CONNECTION', 0.3) },
};
const lr = env('LR', 0.1);
const batch = env('BATCH', 0);
const fitness = process.env.FITNESS === 'accuracy' ? 'accuracy' : 'loss';
const parsimony = env('PARSIMONY', 0);
const parsimonyStart = env('PARSIMONY_START', 50);
const parsimonyRamp = env('PARSIMONY_RAMP', 30);
const pruneBelow = env('PRUNE', 0);
const sizeTarget = env('SIZE_TARGET', 0);
const threshold = env('THRESHOLD', 0.95);
const compactAt = env('COMPACT_AT', 100);
const compaction =
  compactAt === 0
    ? null
    : { startGeneration: compactAt, steps: env('COMPACT_STEPS', 100), trials: env('COMPACT_TRIALS', 20), tolerance: env('COMPACT_TOL', 0), learningRate: env('COMPACT_LR', 0.01) };
const neatAlone = env('NEAT_ALONE', 1) === 1;
const withLadder = env('LADDER', 1) === 1;
const weightsOf = (hidden: number[]): number => {
  let n = 0;
  let fanIn = 2;
  for (const h of [...hidden, 2]) {
    n += fanIn * h + h;
    fanIn = h;
  }
  return n;
};
// Sorted by size, so the first rung that reaches an accuracy is the smallest.
const ladder = [[2], [4], [3, 3], [6], [3, 3, 3], [8], [4, 4], [5, 5], [4, 4, 4], [6, 6], [5, 5, 5], [7, 7], [8, 8]].sort(
  (a, b) => weightsOf(a) - weightsOf(b),
);

type Row = { acc: number[]; size: number[]; hidden: number[]; flops: number[] };
const withBackprop = `NEAT + backprop (k=${k})`;
const arms: [string, number][] = neatAlone
  ? [
      [withBackprop, k],
      ['NEAT alone', 0],
    ]
  : [[withBackprop, k]];
const neatRows: Record<string, Row> = Object.fromEntries(arms.map(([name]) => [name, { acc: [], size: [], hidden: [], flops: [] }]));
const mlpAcc: number[][] = ladder.map(() => []);
let mlpFlops = 0;
const smallestMatching: number[] = [];
const smallestAtThreshold: number[] = [];
const started = performance.now();
const from = env('FROM', 0);
const smallestReaching = (at: number, acc: number): number => {
  const i = ladder.findIndex((_, j) => ((mlpAcc[j] as number[])[at] as number) >= acc);
  return i < 0 ? Number.POSITIVE_INFINITY : weightsOf(ladder[i] as number[]);
};
const size = (x: number): string => (Number.isFinite(x) ? String(x) : 'none');
for (let seed = from; seed < seeds; seed++) {
  const at = seed - from;
  const task = createSupervisedTask('spirals', seed, {});
  for (const [name, refinementSteps] of arms) {
    const r = await new NeatBackpropTrainer({
      neat,
      refinement: {
        steps: refinementSteps,
        batchSize: batch === 0 ? null : batch,
        optimizer: { name: 'adam', learningRate: lr },
        clipNorm: 10,
      },
      fitness,
      parsimony,
      parsimonyStart,
      parsimonyRamp,
      pruneBelow,
      sizeTarget: sizeTarget === 0 ? null : sizeTarget,
      compaction: refinementSteps === 0 ? null : compaction,
      validateEvery: 1000,
    }).fit({
      task,
      rng: Rng.fromSeed(seed),
      budget: { generations },
    });
    const row = neatRows[name] as Row;
    row.acc.push(r.metrics.accuracy as number);
    row.size.push(r.extras?.connections as number);
    row.hidden.push(r.extras?.activeHiddenNodes as number);
    if (r.extras?.compactionRemoved !== undefined) console.error(`seed ${seed} ${name}: compaction removed ${r.extras.compactionRemoved} connections`);
    row.flops.push(r.cost.flops);
  }
  for (const [i, hidden] of withLadder ? ladder.entries() : []) {
    const r = await new BackpropTrainer({
      optimizer: { name: 'adam', learningRate: 0.02 },
      hidden,
      activation: 'tanh',
      validateEvery: 100,
      diagnostics: false,
    }).fit({
      task,
      rng: Rng.fromSeed(seed),
      budget: { gradientSteps: steps },
    });
    mlpAcc[i]?.push(r.metrics.accuracy as number);
    mlpFlops += r.cost.flops;
  }
  const nb = neatRows[withBackprop] as Row;
  const target = nb.acc[at] as number;
  smallestMatching.push(smallestReaching(at, target));
  smallestAtThreshold.push(smallestReaching(at, threshold));
  console.error(
    `seed ${seed}: NEAT+bp ${fmt(target)} with ${nb.size[at]} weights, ${nb.hidden[at]} hidden; smallest MLP ≥ it: ${size(smallestMatching[at] as number)}; smallest MLP ≥ ${threshold}: ${size(smallestAtThreshold[at] as number)}; MLP ladder ${ladder.map((h, i) => `[${h}] ${fmt((mlpAcc[i] as number[])[at] as number, 2)}`).join(' ')}`,
  );
}
const n = seeds - from;
const rows: string[][] = [];
for (const [name, r] of Object.entries(neatRows)) {
  rows.push([
    name,
    `${r.acc.filter((a) => a >= threshold).length}/${n}`,
    `${fmt(mean(r.acc))} ± ${fmt(sd(r.acc))}`,
    `${median(r.size)} (${Math.min(...r.size)}–${Math.max(...r.size)})`,
    `${median(r.hidden)} (${Math.min(...r.hidden)}–${Math.max(...r.hidden)})`,
    mflops(mean(r.flops)),
  ]);
}
for (const [i, hidden] of ladder.entries())
  rows.push([
    `MLP [${hidden}] tanh, Adam ${steps} steps`,
    `${(mlpAcc[i] as number[]).filter((a) => a >= threshold).length}/${n}`,
    `${fmt(mean(mlpAcc[i] as number[]))} ± ${fmt(sd(mlpAcc[i] as number[]))}`,
    String(weightsOf(hidden)),
    String(hidden.reduce((a, b) => a + b, 0)),
    '',
  ]);
console.log(
  `two spirals (300 train / 100 test), seeds ${from}–${seeds - 1}; NEAT: population ${neat.populationSize}, ${generations} generations, sigmoid slope ${neat.network.sigmoidSlope}, add-node ${neat.mutation.addNodeProbability}, add-connection ${neat.mutation.addConnectionProbability}; Adam lr ${lr}, k = ${k}, batch ${batch === 0 ? 'all' : batch}, clip 10; fitness ${fitness}, parsimony ${parsimony} from generation ${parsimonyStart} (ramp ${parsimonyRamp}), prune |w| < ${pruneBelow}, compaction ${compaction === null ? 'off' : JSON.stringify(compaction)}, size target ${sizeTarget === 0 ? 'none' : sizeTarget}`,
);
console.log(
  table([`network`, `test acc ≥ ${threshold}`, 'test accuracy (mean ± sd)', 'weights (median, range)', 'hidden units', 'FLOPs / run'], rows),
);
const nb = neatRows[withBackprop] as Row;
console.log(`per seed, NEAT+backprop test accuracy: ${nb.acc.map((a) => fmt(a)).join(', ')}`);
console.log(`per seed, NEAT+backprop weights:       ${nb.size.join(', ')}`);
console.log(`per seed, smallest MLP ≥ NEAT+backprop's accuracy: ${smallestMatching.map(size).join(', ')}`);
console.log(`per seed, smallest MLP ≥ ${threshold}:                ${smallestAtThreshold.map(size).join(', ')}`);
const smaller = nb.size.filter((c, i) => c < (smallestMatching[i] as number)).length;
const smallerAtThreshold = nb.size.filter((c, i) => (nb.acc[i] as number) >= threshold && c < (smallestAtThreshold[i] as number)).length;
console.log(`NEAT+backprop's network is smaller than the smallest MLP reaching its accuracy on ${smaller}/${n} seeds`);
console.log(
  `NEAT+backprop reaches ${threshold} with fewer weights than the smallest MLP reaching ${threshold} on ${smallerAtThreshold}/${n} seeds`,
);
console.log(`MLP ladder: ${mflops(mlpFlops / n)} FLOPs per seed (all ${ladder.length} rungs)`);
console.log(`wall ${((performance.now() - started) / 1000).toFixed(0)} s (2 shared cores, loaded)`);
