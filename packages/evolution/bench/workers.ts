/**
 * Wall-clock speed-up of population evaluation on 2 worker threads vs 1, on cart-pole
 * (control task: each candidate plays episodes of up to 500 steps), plus a check that
 * every worker count gives the same weights.
 * Run: pnpm bench  (or node --conditions=@evoprop/source --import tsx bench/workers.ts)
 */
import { createTask } from '@evoprop/tasks';
import { Rng } from '@evoprop/tensor';
import { EvolutionTrainer } from '../src/index.js';

const task = createTask('cart-pole', 0, { maxSteps: 500 });
const generations = Number(process.env.GENERATIONS ?? 12);
const counts = (process.env.WORKERS ?? '1,2').split(',').map(Number);
const bytes = (v: Float32Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex');

async function run(workers: number) {
  const trainer = new EvolutionTrainer({
    strategy: 'openAiEs',
    workers,
    model: { hidden: [64, 64] },
    strategyConfig: { populationSize: 32, sigma: 0.1 },
    fitness: { episodes: 8, episodeSeeds: 'fixed' },
    validateEvery: 1000,
    // A bundled copy (bench on a machine without node_modules) ships its own task factory.
    ...(process.env.EVOPROP_TASK_FACTORY === undefined
      ? {}
      : { taskFactory: { module: process.env.EVOPROP_TASK_FACTORY, export: 'createTaskFromSpec' } }),
  });
  const result = await trainer.fit({ task, rng: Rng.fromSeed(1), budget: { generations } });
  // Seconds per generation after the first, so worker start-up (thread spawn, tsx, rebuilding
  // the task and model) is left out: that is paid once per fit, the rest once per generation.
  const h = result.history;
  const seconds = (h[h.length - 1].cost.wallSeconds - h[0].cost.wallSeconds) / (h.length - 1);
  return { seconds, weights: bytes(result.model.params.vector), steps: result.cost.evaluations };
}

const inProcess = await run(0);
const runs = new Map<number, Awaited<ReturnType<typeof run>>>();
for (const n of counts) runs.set(n, await run(n));
const base = runs.get(counts[0]) ?? inProcess;
console.log(`cart-pole, OpenAI-ES λ=32, MLP 4-64-64-2, ${generations} generations, ${inProcess.steps} environment steps`);
console.log(`seconds per generation (after the first) — in-process: ${inProcess.seconds.toFixed(3)}`);
for (const [n, r] of runs)
  console.log(`  ${n} worker(s): ${r.seconds.toFixed(3)} s, speed-up vs ${counts[0]} worker(s): ${(base.seconds / r.seconds).toFixed(2)}×`);
console.log(
  `identical weights for in-process and ${counts.join(', ')} workers: ${[...runs.values()].every((r) => r.weights === inProcess.weights)}`,
);
console.log('Wall-clock on a shared machine: the ratio is only meaningful when 2 cores are free.');
