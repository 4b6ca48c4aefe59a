/**
 * Memory over a long evolution run: OpenAI-ES trains a 2-16-16-2 MLP on circles for
 * thousands of generations; every few hundred generations the heap is collected and
 * heapUsed / RSS are printed. Tensors are garbage-collected (no dispose/tidy), so the
 * heap must stay flat. Run: node --expose-gc --conditions=@evoprop/source --import tsx bench/memory-flat.ts
 */
import { createTask } from '@evoprop/tasks';
import { Rng } from '@evoprop/tensor';
import { EvolutionTrainer } from '../src/index.js';

const generations = Number(process.env.GENERATIONS ?? 3000);
const every = Math.max(1, Math.floor(generations / 10));
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('memory-flat: run node with --expose-gc');
const mib = (b: number) => (b / 2 ** 20).toFixed(1);

const task = createTask('circles', 0, { samples: 200 });
const trainer = new EvolutionTrainer({
  strategy: 'openAiEs',
  model: { hidden: [16, 16] },
  strategyConfig: { populationSize: 32, sigma: 0.1 },
  validateEvery: every,
});
const samples: { generation: number; heap: number; rss: number }[] = [];
const result = await trainer.fit({
  task,
  rng: Rng.fromSeed(1),
  budget: { generations },
  onEvent: (e) => {
    if (e.type !== 'progress' || e.cost.generations % every !== 0) return;
    gc();
    const m = process.memoryUsage();
    samples.push({ generation: e.cost.generations, heap: m.heapUsed, rss: m.rss });
  },
});
console.log(`OpenAI-ES λ=32 on circles, ${result.cost.generations} generations, ${result.cost.evaluations} sample evaluations`);
console.log('| generation | heapUsed MiB | RSS MiB |\n|---:|---:|---:|');
for (const s of samples) console.log(`| ${s.generation} | ${mib(s.heap)} | ${mib(s.rss)} |`);
const tail = samples.slice(Math.floor(samples.length / 2));
const growth = (tail[tail.length - 1]?.heap ?? 0) - (tail[0]?.heap ?? 0);
console.log(
  `heap growth over the second half: ${mib(growth)} MiB (${result.status}); the trainer's history keeps one small event per generation`,
);
