/**
 * Population-batched evaluation vs one forward per candidate, side by side in one process:
 * OpenAI-ES's setting of issue 28 — MNIST, a 784-64-10 ReLU MLP, population 200, fitness
 * mini-batch 256 (the same for every candidate of a generation).
 *
 * 1. The evaluation alone (`evaluateCandidates`, what a worker or the in-process evaluator runs per
 *    generation), the two paths alternating generation by generation on the same candidates, so
 *    machine load hits both alike; checks fitness, accuracy and FLOPs are identical.
 * 2. The whole trainer (ask, evaluate, tell, Adam) for GENERATIONS generations each way, checks
 *    the final weights are byte-identical.
 * Prints candidate evaluations per second of each path and the ratio, and the load average.
 *
 *   pnpm --filter @evoprop/evolution bench:popbatch
 *   (or node --conditions=@evoprop/source --import tsx bench/popbatch.ts)
 *
 * Settings: POP (200), BATCH (256), HIDDEN (64), GENERATIONS (10), EVAL_GENERATIONS (12).
 * EVOPROP_KERNELS=js|wasm and EVOPROP_THREADS pick the kernel set, as everywhere.
 */
import { loadavg } from 'node:os';
import { mlp, type SupervisedTask } from '@evoprop/core';
import { createTask } from '@evoprop/tasks';
import { kernels, Rng } from '@evoprop/tensor';
import { EvolutionTrainer, evaluateCandidates, fitnessConfigSchema } from '../src/index.js';

const env = (key: string, fallback: number): number => Number(process.env[key] ?? fallback);
const populationSize = env('POP', 200);
const batchSize = env('BATCH', 256);
const hidden = env('HIDDEN', 64);
const generations = env('GENERATIONS', 10);
const evalGenerations = env('EVAL_GENERATIONS', 12);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
const bytes = (v: Float32Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex');

const task = createTask('mnist', 0) as SupervisedTask;
console.log(
  `MNIST 784-${hidden}-10 ReLU, population ${populationSize}, mini-batch ${batchSize}; kernels ${kernels().name}; load average ${load()}`,
);

// 1. Evaluation only.
const model = mlp({ inputSize: 784, hidden: [hidden], outputSize: 10, activation: 'relu' }, Rng.fromSeed(0));
const noise = Rng.fromSeed(1);
const vectors = Array.from({ length: populationSize }, () => {
  const v = Float32Array.from(model.params.vector);
  for (let i = 0; i < v.length; i++) v[i] += 0.02 * noise.normal();
  return v;
});
const context = (populationBatch: boolean) => ({
  task,
  model: model.clone(),
  fitness: { ...fitnessConfigSchema.parse({ batchSize }), populationBatch },
  evalSeed: 'bench',
});
const one = context(false);
const batched = context(true);
// Wall seconds, and CPU seconds of this process (all its threads): on a loaded machine the CPU
// time is the steadier measure of the work each path does.
let seconds = { one: 0, batched: 0 };
let cpu = { one: 0, batched: 0 };
let identical = true;
const timed = <T>(fn: () => T): { value: T; wall: number; cpu: number } => {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = fn();
  const c = process.cpuUsage(c0);
  return { value, wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
};
for (let g = 0; g < evalGenerations + 1; g++) {
  const a = timed(() => evaluateCandidates(one, g, vectors));
  const b = timed(() => evaluateCandidates(batched, g, vectors));
  if (g > 0) {
    // generation 0 warms both up
    seconds = { one: seconds.one + a.wall, batched: seconds.batched + b.wall };
    cpu = { one: cpu.one + a.cpu, batched: cpu.batched + b.cpu };
  }
  identical &&=
    a.value.flops === b.value.flops &&
    a.value.results.every((r, i) => Object.is(r.fitness, b.value.results[i]?.fitness) && r.accuracy === b.value.results[i]?.accuracy);
}
const rate = (s: number, gens: number) => (gens * populationSize) / s;
console.log(
  `evaluation only, ${evalGenerations} generations each, alternating: one forward per candidate ${rate(seconds.one, evalGenerations).toFixed(0)} candidates/s (${rate(cpu.one, evalGenerations).toFixed(0)} per CPU-second), population-batched ${rate(seconds.batched, evalGenerations).toFixed(0)} candidates/s (${rate(cpu.batched, evalGenerations).toFixed(0)} per CPU-second); ratio ${(seconds.one / seconds.batched).toFixed(2)} wall, ${(cpu.one / cpu.batched).toFixed(2)} CPU; fitness, accuracy and FLOPs identical: ${identical}; load average ${load()}`,
);

// 2. The whole OpenAI-ES trainer.
async function train(populationBatch: boolean) {
  const trainer = new EvolutionTrainer({
    strategy: 'openAiEs',
    model: { hidden: [hidden], activation: 'relu' },
    strategyConfig: { populationSize, sigma: 0.02, optimizer: { name: 'adam', learningRate: 0.01 } },
    fitnessBatchSize: batchSize,
    fitness: { populationBatch },
    validateEvery: 1000,
  });
  const result = await trainer.fit({ task, rng: Rng.fromSeed(3), budget: { generations: generations + 1 } });
  const h = result.history;
  // Generations after the first (warm-up), as in bench/workers.ts.
  const wall = (h[h.length - 1]?.cost.wallSeconds ?? 0) - (h[0]?.cost.wallSeconds ?? 0);
  return { wall, weights: bytes(result.model.params.vector), flops: result.cost.flops, loss: h[h.length - 1]?.metrics.loss };
}
const perCandidate = await train(false);
const population = await train(true);
console.log(
  `OpenAI-ES trainer, ${generations} generations each: one forward per candidate ${rate(perCandidate.wall, generations).toFixed(0)} candidates/s, population-batched ${rate(population.wall, generations).toFixed(0)} candidates/s, ratio ${(perCandidate.wall / population.wall).toFixed(2)}; weights identical: ${perCandidate.weights === population.weights}, FLOPs ${perCandidate.flops} vs ${population.flops}; last loss ${perCandidate.loss}; load average ${load()}`,
);
