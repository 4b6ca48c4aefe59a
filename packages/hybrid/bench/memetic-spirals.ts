/**
 * Done-when 1: two spirals, small MLP ([6, 6] tanh, 74 weights). At an equal FLOP budget per
 * run, how often does each trainer reach ≥ 95 % test accuracy, and how many FLOPs did it
 * take to first reach 95 % validation accuracy?
 *
 *   SEEDS=10 FLOPS=3e8 node --conditions=@evoprop/source --import tsx bench/memetic-spirals.ts
 *
 * Other knobs: HIDDEN=5,5 (the MLP), K (refinement steps of the GA arms), ONLY='prefix;prefix'
 * (run only the arms whose name starts with one of them). Every arm stops exactly at the FLOP
 * budget (memetic refinement stops mid-generation). The memetic arms use the backprop arm's
 * optimizer, learning rate and batch (Adam 0.02, full batch).
 *
 * Seed s builds the task `spirals` with seed s and fits with Rng.fromSeed(s).
 */
import { BackpropTrainer } from '@evoprop/backprop';
import type { FitResult, Trainer } from '@evoprop/core';
import { EvolutionTrainer } from '@evoprop/evolution';
import { createSupervisedTask } from '@evoprop/tasks';
import { Rng } from '@evoprop/tensor';
import { MemeticTrainer } from '../src/index.js';
import { env, flopsTo, fmt, mean, median, mflops, sd, table } from './util.js';

const seeds = env('SEEDS', 10);
const flops = env('FLOPS', 3e8);
const only = process.env.ONLY?.split(';');
const hidden = (process.env.HIDDEN ?? '6,6').split(',').map(Number);
const model = { hidden, activation: 'tanh' as const };
const k = env('K', 400);
const adam = { name: 'adam', learningRate: 0.02 } as const;
/** Elitist GA without crossover; children are the winners plus N(0, σ²) on every weight, initial population N(init, 0.1²). */
const gaMemetic = (populationSize: number, sigma = 0.05) => ({
  populationSize,
  sigma: 0.1,
  eliteCount: 1,
  crossoverRate: 0,
  mutation: { kind: 'gaussian', sigma, rate: 1, selfAdaptive: false },
});
const memetic = (strategyConfig: Record<string, unknown>, extra: Record<string, unknown> = {}) => () =>
  new MemeticTrainer({
    strategy: 'ga',
    strategyConfig,
    inheritOptimizerState: true,
    refinement: { steps: k, optimizer: adam },
    model,
    ...extra,
  });

const contenders: Record<string, () => Trainer> = {
  'backprop (Adam 0.02, full batch)': () =>
    new BackpropTrainer({ optimizer: adam, hidden, activation: 'tanh', validateEvery: 10, diagnostics: false }),
  'backprop, best val-accuracy checkpoint': () =>
    new BackpropTrainer({
      optimizer: adam,
      hidden,
      activation: 'tanh',
      validateEvery: 10,
      diagnostics: false,
      earlyStopping: { monitor: 'val.accuracy', mode: 'max', patience: 1e9, restoreBestWeights: true },
    }),
  // Random restarts that evolution then selects among and perturbs: slot 0 is backprop's own
  // initialisation, the others fresh ones; scored by the error rate on train + validation rows.
  'memetic GA, restarts, fitness train+val error (λ=4, k=600)': memetic(gaMemetic(4), {
    initialPopulation: 'reinitialize',
    fitnessSplit: 'train+validation',
    fitness: 'accuracy',
    refinement: { steps: 600, optimizer: adam },
  }),
  'memetic GA, restarts, fitness train+val error (λ=3, k=800)': memetic(gaMemetic(3), {
    initialPopulation: 'reinitialize',
    fitnessSplit: 'train+validation',
    fitness: 'accuracy',
    refinement: { steps: 800, optimizer: adam },
  }),
  'memetic GA, restarts, fitness val error (λ=4, k=600)': memetic(gaMemetic(4), {
    initialPopulation: 'reinitialize',
    fitnessSplit: 'validation',
    fitness: 'accuracy',
    refinement: { steps: 600, optimizer: adam },
  }),
  [`memetic GA, Lamarckian, fitness train loss (λ=3, k=${k})`]: memetic(gaMemetic(3)),
  [`memetic GA, Lamarckian, fitness val error (λ=3, k=${k})`]: memetic(gaMemetic(3), { fitnessSplit: 'validation', fitness: 'accuracy' }),
  [`memetic GA, Lamarckian, train loss, val-selected result (λ=3, k=${k})`]: memetic(gaMemetic(3), { result: 'validation' }),
  [`memetic GA (1+1), Lamarckian (λ=2, k=${k})`]: memetic(gaMemetic(2)),
  [`memetic GA, Lamarckian, fresh Adam state (λ=3, k=${k})`]: memetic(gaMemetic(3), { inheritOptimizerState: false }),
  [`memetic GA, Baldwinian (λ=3, k=${k})`]: memetic(gaMemetic(3), { mode: 'baldwinian', inheritOptimizerState: false }),
  'memetic CMA-ES, Lamarckian (λ=4, k=50)': () =>
    new MemeticTrainer({
      strategy: 'cmaEs',
      strategyConfig: { populationSize: 4, sigma: 0.05 },
      refinement: { steps: 50, optimizer: adam },
      model,
    }),
  'GA alone (λ=50)': () =>
    new EvolutionTrainer({ strategy: 'ga', strategyConfig: { populationSize: 50, sigma: 0.5 }, model, validateEvery: 1, result: 'best' }),
  'CMA-ES alone': () => new EvolutionTrainer({ strategy: 'cmaEs', strategyConfig: { sigma: 0.5 }, model, validateEvery: 1 }),
};

const rows: string[][] = [];
for (const [name, make] of Object.entries(contenders)) {
  if (only !== undefined && !only.some((o) => name.startsWith(o))) continue;
  const results: FitResult[] = [];
  const started = performance.now();
  for (let seed = 0; seed < seeds; seed++) {
    const task = createSupervisedTask('spirals', seed, {});
    results.push(await make().fit({ task, rng: Rng.fromSeed(seed), budget: { flops } }));
  }
  const acc = results.map((r) => r.metrics.accuracy ?? Number.NaN);
  const reached = results.map((r) => flopsTo(r, 'val.accuracy', 0.95)).filter((x): x is number => x !== null);
  rows.push([
    name,
    `${acc.filter((a) => a >= 0.95).length}/${seeds}`,
    `${fmt(mean(acc))} ± ${fmt(sd(acc))}`,
    `${reached.length}/${seeds}`,
    mflops(median(reached)),
    mflops(mean(results.map((r) => r.cost.flops))),
    `${((performance.now() - started) / 1000).toFixed(0)} s`,
  ]);
  console.error(`done: ${name}; test accuracy per seed: ${acc.map((x) => fmt(x, 2)).join(' ')}`);
}
console.log(
  `two spirals (500 points, 300 train / 100 val / 100 test), MLP [${hidden}] tanh, budget ${mflops(flops)} FLOPs per run, ${seeds} seeds`,
);
console.log(
  table(
    ['trainer', 'test acc ≥ 0.95', 'test acc (mean ± sd)', 'val ≥ 0.95 reached', 'median FLOPs to val 0.95', 'FLOPs spent', 'wall'],
    rows,
  ),
);
