// An array task (issue #22) on evolution's worker threads: each worker rebuilds the task from
// `task.spec`, which carries the data, so 1 worker gives the same bytes as in-process.
import { fromArrays } from '@evoprop/tasks';
import { Rng } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { EvolutionTrainer } from '../index.js';

const data = Rng.fromSeed(5);
const inputs = Array.from({ length: 60 }, () => [data.uniform(-1, 1), data.uniform(-1, 1)]);
const labels = inputs.map(([a = 0, b = 0]) => (a * b > 0 ? 'same' : 'opposite'));

describe('EvolutionTrainer on a task from arrays', () => {
  it('gives identical bytes in-process and on a worker thread', async () => {
    const task = fromArrays(inputs, labels, { seed: 1 });
    const run = (workers: number) =>
      new EvolutionTrainer({ strategy: 'openAiEs', workers, model: { hidden: [4] }, strategyConfig: { populationSize: 8 } }).fit({
        task,
        rng: Rng.fromSeed(2),
        budget: { generations: 3 },
      });
    const [inProcess, one] = [await run(0), await run(1)];
    expect(one.status).not.toBe('failed');
    expect(Buffer.from(one.model.params.vector.buffer).equals(Buffer.from(inProcess.model.params.vector.buffer))).toBe(true);
    expect(one.history.map((e) => e.metrics)).toEqual(inProcess.history.map((e) => e.metrics));
  });
});
