/**
 * Which supervised fitness lets NeatTrainer (paper preset) learn the arena's quick-suite tasks:
 * each fitness on each task, 5 seeds, the quick suite's FLOP budgets (XOR stops at 100 %).
 *
 *   TASKS=xor,circles,spirals FIT=loss,accuracy,error node --conditions=@evoprop/source --import tsx bench/neat-fitness.ts
 */
import type { Budget } from '@evoprop/core';
import { createTask } from '@evoprop/tasks';
import { Rng } from '@evoprop/tensor';
import { type NeatFitness, NeatTrainer } from '../src/neat/index.js';

const tasks = (process.env.TASKS ?? 'xor,circles').split(',');
const fitnesses = (process.env.FIT ?? 'loss,accuracy,error').split(',') as NeatFitness[];
const budgets: Record<string, Budget> = {
  xor: { flops: 2e6, target: { metric: 'accuracy', value: 1 } },
  spirals: { flops: 2e8 },
  circles: { flops: 5e7 },
};
for (const id of tasks) {
  for (const fitness of fitnesses) {
    const accuracies: number[] = [];
    let solved = 0;
    for (let seed = 0; seed < 5; seed++) {
      const r = await new NeatTrainer({ fitness }).fit({
        task: createTask(id, seed),
        rng: Rng.fromSeed(seed),
        budget: budgets[id] ?? { flops: 5e7 },
      });
      accuracies.push(r.metrics.accuracy as number);
      if (r.status === 'reached-target') solved++;
    }
    const mean = accuracies.reduce((a, b) => a + b, 0) / accuracies.length;
    console.log(
      `${id} fitness=${fitness}: ${id === 'xor' ? `solved ${solved}/5, ` : ''}test accuracy ${accuracies.map((a) => a.toFixed(3)).join(' ')} (mean ${mean.toFixed(3)})`,
    );
  }
}
