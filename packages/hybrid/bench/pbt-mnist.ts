/**
 * Done-when 2: PBT on an MNIST subset vs a grid of single learning rates at the same total
 * compute. The grid trains one SGD-momentum run per learning rate with a budget of F FLOPs
 * each; PBT trains N = grid-size members with N·F FLOPs in all (its ready evaluations
 * included), searching the learning rate and weight decay, exploiting/exploring every
 * `interval` steps. The grid's winner is picked by validation accuracy (as PBT's is); its
 * test accuracy is reported, beside the oracle pick by test accuracy.
 *
 *   SEEDS=10 FLOPS=4e8 INTERVAL=25 node --conditions=@evoprop/source --import tsx bench/pbt-mnist.ts
 *
 * EVAL=0 scores every ready round on the whole validation split (charged, as the grid's
 * per-epoch validation is); EVAL=n on n seeded rows (default 100).
 */
import { BackpropTrainer } from '@evoprop/backprop';
import type { FitResult } from '@evoprop/core';
import { createSupervisedTask } from '@evoprop/tasks';
import { Rng } from '@evoprop/tensor';
import { type PbtScheduleEntry, PbtTrainer } from '../src/index.js';
import { env, fmt, mean, mflops, sd, table } from './util.js';

const seeds = env('SEEDS', 10);
const flops = env('FLOPS', 4e8);
const interval = env('INTERVAL', 25);
/** Validation rows of each ready evaluation; 0 = the whole split (500 rows, as the grid's per-epoch validation). */
const evaluationRows = env('EVAL', 100);
const hidden = [16];
const batchSize = 32;
const grid = [0.003, 0.01, 0.03, 0.1, 0.3, 1];
const taskOptions = { trainSize: 1000, validationSize: 500, testSize: 500 };

const gridRows: string[][] = [];
const pbtAcc: number[] = [];
const gridBestAcc: number[] = [];
const gridOracleAcc: number[] = [];
const pbtFlops: number[] = [];
const gridFlops: number[] = [];
const gridSteps: number[] = [];
const pbtSteps: number[] = [];
const perLr: number[][] = grid.map(() => []);
let example: PbtScheduleEntry[] = [];
const started = performance.now();
for (let seed = 0; seed < seeds; seed++) {
  const task = createSupervisedTask('mnist', seed, taskOptions);
  const runs: FitResult[] = [];
  for (const lr of grid) {
    const trainer = new BackpropTrainer({
      optimizer: { name: 'sgd', learningRate: lr, momentum: 0.9, l2: 1e-4 },
      batchSize,
      hidden,
      activation: 'relu',
      diagnostics: false,
    });
    runs.push(await trainer.fit({ task, rng: Rng.fromSeed(seed), budget: { flops } }));
  }
  runs.forEach((r, i) => perLr[i]?.push(r.metrics.accuracy as number));
  const val = (r: FitResult) => r.history[r.history.length - 1]?.metrics['val.accuracy'] ?? 0;
  const byVal = runs.reduce((b, r) => (val(r) > val(b) ? r : b));
  gridBestAcc.push(byVal.metrics.accuracy as number);
  gridOracleAcc.push(Math.max(...runs.map((r) => r.metrics.accuracy as number)));
  gridFlops.push(runs.reduce((s, r) => s + r.cost.flops, 0));
  gridSteps.push(runs.reduce((s, r) => s + r.cost.gradientSteps, 0));

  const pbt = new PbtTrainer({
    populationSize: grid.length,
    interval,
    optimizer: 'sgd',
    search: { learningRate: { min: 0.003, max: 1, log: true }, l2: { min: 1e-5, max: 1e-2, log: true }, momentum: 0.9, batchSize },
    fitnessBatchSize: evaluationRows === 0 ? null : evaluationRows,
    model: { hidden, activation: 'relu' },
  });
  const r = await pbt.fit({ task, rng: Rng.fromSeed(seed), budget: { flops: grid.length * flops } });
  pbtAcc.push(r.metrics.accuracy as number);
  pbtFlops.push(r.cost.flops);
  pbtSteps.push(r.cost.gradientSteps);
  if (seed === 0) example = r.extras?.bestSchedule as PbtScheduleEntry[];
  console.error(`seed ${seed}: grid best-by-val ${fmt(byVal.metrics.accuracy as number)}, PBT ${fmt(r.metrics.accuracy as number)}`);
}
const wins = pbtAcc.filter((a, i) => a >= (gridBestAcc[i] as number)).length;
console.log(
  `MNIST subset (1000 train / 500 val / 500 test, flat), MLP [${hidden}] relu, SGD momentum 0.9, batch ${batchSize}, ${seeds} seeds`,
);
console.log(
  `grid: ${grid.length} runs × ${mflops(flops)} FLOPs (lr ∈ {${grid.join(', ')}}, wd 1e-4); PBT: ${grid.length} members, ${mflops(grid.length * flops)} FLOPs in all, lr ∈ [0.003, 1], wd ∈ [1e-5, 1e-2] (log), ready every ${interval} steps on ${evaluationRows === 0 ? 'all 500' : evaluationRows} validation rows`,
);
for (const [i, lr] of grid.entries())
  gridRows.push([`grid lr ${lr}`, `${fmt(mean(perLr[i] as number[]))} ± ${fmt(sd(perLr[i] as number[]))}`, '']);
gridRows.push(['grid, best lr by validation', `${fmt(mean(gridBestAcc))} ± ${fmt(sd(gridBestAcc))}`, mflops(mean(gridFlops))]);
gridRows.push(['grid, best lr by test (oracle)', `${fmt(mean(gridOracleAcc))} ± ${fmt(sd(gridOracleAcc))}`, mflops(mean(gridFlops))]);
gridRows.push(['PBT (best member)', `${fmt(mean(pbtAcc))} ± ${fmt(sd(pbtAcc))}`, mflops(mean(pbtFlops))]);
console.log(table(['trainer', 'test accuracy (mean ± sd)', 'FLOPs per seed'], gridRows));
console.log(`gradient steps per seed: grid ${mean(gridSteps).toFixed(0)}, PBT ${mean(pbtSteps).toFixed(0)}`);
const diffs = pbtAcc.map((a, i) => a - (gridBestAcc[i] as number));
console.log(
  `PBT ≥ grid's best-by-validation on ${wins}/${seeds} seeds; paired difference ${fmt(mean(diffs))} ± ${fmt(sd(diffs) / Math.sqrt(seeds))} (mean ± standard error)`,
);
console.log(
  `learning-rate schedule of seed 0's returned member (step: lr, l2, action): ${example.map((e) => `${e.step}: ${e.learningRate.toPrecision(3)}, ${e.l2.toPrecision(2)}${e.action === 'exploit' ? ` ←${e.source}` : ''}`).join(' | ')}`,
);
console.log(`wall ${((performance.now() - started) / 1000).toFixed(0)} s (2 shared cores, loaded)`);
