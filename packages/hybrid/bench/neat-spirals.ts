/**
 * Done-when 3: does NEAT + backprop reach a given accuracy on two spirals with a smaller
 * network than a fixed MLP? Per seed: NEAT+backprop (Lamarckian) and NEAT alone run G
 * generations; a ladder of fixed tanh MLPs is trained by Adam for S full-batch steps.
 * Network size = trainable weights (NEAT: enabled connections, the bias being an input node;
 * MLP: weights + biases). For each seed the smallest MLP whose test accuracy is at least
 * NEAT+backprop's is found.
 *
 *   SEEDS=10 GENERATIONS=100 STEPS=3000 K=30 node --conditions=@evoprop/source --import tsx bench/neat-spirals.ts
 *
 * Other knobs: POP (population, 30), SLOPE (sigmoid slope, 1), ADD_NODE / ADD_CONNECTION
 * (structural mutation rates, 0.2 / 0.3), LR (Adam, 0.1), BATCH (rows per refinement step, 0 = all),
 * FROM (first seed, to split the seeds over processes).
 */
import { BackpropTrainer } from '@evoprop/backprop';
import { createSupervisedTask } from '@evoprop/tasks';
import { Rng } from '@evoprop/tensor';
import { NeatBackpropTrainer } from '../src/index.js';
import { env, fmt, mean, median, sd, table } from './util.js';

const seeds = env('SEEDS', 10);
const generations = env('GENERATIONS', 100);
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
const ladder = [[2], [4], [6], [8], [4, 4], [5, 5], [6, 6], [7, 7], [8, 8]];
const weightsOf = (hidden: number[]): number => {
  let n = 0;
  let fanIn = 2;
  for (const h of [...hidden, 2]) {
    n += fanIn * h + h;
    fanIn = h;
  }
  return n;
};

type Row = { acc: number[]; size: number[]; hidden: number[] };
const withBackprop = `NEAT + backprop (k=${k})`;
const neatRows: Record<string, Row> = {
  [withBackprop]: { acc: [], size: [], hidden: [] },
  'NEAT alone': { acc: [], size: [], hidden: [] },
};
const mlpAcc: number[][] = ladder.map(() => []);
const smallestMatching: number[] = [];
const started = performance.now();
const from = env('FROM', 0);
for (let seed = from; seed < seeds; seed++) {
  const at = seed - from;
  const task = createSupervisedTask('spirals', seed, {});
  for (const [name, refinementSteps] of [
    [withBackprop, k],
    ['NEAT alone', 0],
  ] as const) {
    const r = await new NeatBackpropTrainer({
      neat,
      refinement: {
        steps: refinementSteps,
        batchSize: batch === 0 ? null : batch,
        optimizer: { name: 'adam', learningRate: lr },
        clipNorm: 10,
      },
      evaluateEvery: 1000,
    }).fit({
      task,
      rng: Rng.fromSeed(seed),
      budget: { generations },
    });
    const row = neatRows[name] as Row;
    row.acc.push(r.metrics.accuracy as number);
    row.size.push(r.extras?.connections as number);
    row.hidden.push(r.extras?.hiddenNodes as number);
  }
  for (const [i, hidden] of ladder.entries()) {
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
  }
  const target = (neatRows[withBackprop] as Row).acc[at] as number;
  const match = ladder.findIndex((_, i) => ((mlpAcc[i] as number[])[at] as number) >= target);
  smallestMatching.push(match < 0 ? Number.POSITIVE_INFINITY : weightsOf(ladder[match] as number[]));
  console.error(
    `seed ${seed}: NEAT+bp ${fmt(target)} with ${(neatRows[withBackprop] as Row).size[at]} weights, ${(neatRows[withBackprop] as Row).hidden[at]} hidden; smallest MLP ≥ it: ${smallestMatching[at]}; MLP ladder ${ladder.map((h, i) => `[${h}] ${fmt((mlpAcc[i] as number[])[at] as number, 2)}`).join(' ')}`,
  );
}
const rows: string[][] = [];
for (const [name, r] of Object.entries(neatRows)) {
  rows.push([
    name,
    `${fmt(mean(r.acc))} ± ${fmt(sd(r.acc))}`,
    `${fmt(mean(r.size), 1)} (median ${median(r.size)})`,
    fmt(mean(r.hidden), 1),
  ]);
}
for (const [i, hidden] of ladder.entries())
  rows.push([
    `MLP [${hidden}] tanh, Adam ${steps} steps`,
    `${fmt(mean(mlpAcc[i] as number[]))} ± ${fmt(sd(mlpAcc[i] as number[]))}`,
    String(weightsOf(hidden)),
    String(hidden.reduce((a, b) => a + b, 0)),
  ]);
console.log(
  `two spirals (300 train / 100 test), ${seeds} seeds; NEAT: population ${neat.populationSize}, ${generations} generations, sigmoid slope ${neat.network.sigmoidSlope}, add-node ${neat.mutation.addNodeProbability}, add-connection ${neat.mutation.addConnectionProbability}; Adam lr ${lr}, k = ${k}, batch ${batch === 0 ? "all" : batch}, clip 10`,
);
console.log(table(['network', 'test accuracy (mean ± sd)', 'weights', 'hidden units'], rows));
const neatSizes = (neatRows[withBackprop] as Row).size;
const smaller = neatSizes.filter((c, i) => c < (smallestMatching[i] as number)).length;
console.log(
  `per seed, smallest MLP (of the ladder) reaching NEAT+backprop's test accuracy: ${smallestMatching.map((x) => (Number.isFinite(x) ? x : 'none')).join(', ')} weights`,
);
console.log(`NEAT+backprop's network was smaller on ${smaller}/${seeds} seeds (its sizes: ${neatSizes.join(', ')})`);
console.log(`wall ${((performance.now() - started) / 1000).toFixed(0)} s (2 shared cores, loaded)`);
