/**
 * The deep GA (Such et al. 2017) training a 784-128-10 ReLU MLP (101,770 weights) on MNIST through
 * EvolutionTrainer: truncation selection, Gaussian mutation only, a re-evaluated elite, genomes as
 * seed lists. Fitness is the cross-entropy on a mini-batch drawn per generation (the same batch for
 * every candidate, so the elite is re-scored on fresh data each generation). Prints progress, the
 * test accuracy of the elite, its genome size in bytes and the time to rebuild its weights from
 * its seeds (decodeSeedGenome), checked bit for bit against the evolved weights.
 *
 *   WALL=3600 nice -n 10 node --conditions=@evoprop/source --import tsx bench/deep-ga-mnist.ts
 *
 * Settings: SIGMA (0.01), POP (50), TRUNC (10), BATCH (100), HIDDEN (128), SEED (0), WALL seconds (3600).
 */
import type { Checkpoint } from '@evoprop/core';
import { createTask } from '@evoprop/tasks';
import { Rng } from '@evoprop/tensor';
import { type DeepGaState, EvolutionTrainer, decodeSeedGenome, encodeSeedGenome } from '../src/index.js';
import { decodeState } from '../src/util/json-state.js';

const env = (key: string, fallback: number): number => Number(process.env[key] ?? fallback);
const sigma = env('SIGMA', 0.01);
const populationSize = env('POP', 50);
const truncation = env('TRUNC', 10);
const batchSize = env('BATCH', 100);
const hidden = env('HIDDEN', 128);
const seed = env('SEED', 0);
const wallSeconds = env('WALL', 3600);

const task = createTask('mnist', seed);
const trainer = new EvolutionTrainer({
  strategy: 'deepGa',
  model: { hidden: [hidden], activation: 'relu' },
  strategyConfig: { sigma, populationSize, truncation },
  fitnessBatchSize: batchSize,
  validateEvery: 50,
  result: 'mean',
});
let last: Checkpoint | undefined;
const started = performance.now();
console.log(
  `deep GA on MNIST: 784-${hidden}-10, σ ${sigma}, N ${populationSize}, T ${truncation}, batch ${batchSize}, seed ${seed}, ${wallSeconds} s`,
);
const result = await trainer.fit({
  task,
  rng: Rng.fromSeed(seed),
  budget: { wallSeconds },
  checkpoint: { every: 10, save: (c) => (last = c) },
  onEvent: (e) => {
    if (e.type === 'progress' && (e.step % 10 === 0 || 'val.accuracy' in e.metrics))
      console.log(`generation ${e.step}: ${JSON.stringify(e.metrics)} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  },
});
console.log(`status ${result.status}: ${result.reason}`);
console.log(`test metrics ${JSON.stringify(result.metrics)}; weights ${result.model.params.vector.length}`);
console.log(`cost ${JSON.stringify(result.cost)}`);
if (last !== undefined) {
  const state = decodeState((last.state as { strategy: unknown }).strategy) as DeepGaState;
  const elite = state.elite ?? [];
  const t0 = performance.now();
  const rebuilt = decodeSeedGenome(state.origin, elite, state.sigma);
  const ms = performance.now() - t0;
  const same = rebuilt.every((v, i) => v === state.parentVectors[0]?.[i]);
  console.log(
    `elite at generation ${last.step}: ${elite.length} seeds = ${encodeSeedGenome(elite).length} bytes (θ0 is the run's seeded initial model) for ${rebuilt.length} weights (${4 * rebuilt.length} bytes as float32); rebuilt from its seeds in ${ms.toFixed(0)} ms, bit-identical: ${same}`,
  );
}
