/**
 * The vanishing-gradient story on the adding problem (length 50; trivial baseline MSE 1/6):
 * an LSTM and a tanh RNN of the same width, Adam 0.02, batch 32, clipNorm 1, the same seed,
 * the same number of gradient steps. Prints the learning curves and the final test MSE.
 *
 *   pnpm --filter @evoprop/backprop bench:adding [-- --epochs 30 --units 8 --length 50]
 */
import { type SupervisedTask, sequential } from '@evoprop/core';
import { dense, lstm, simpleRnn } from '@evoprop/core/layers';
import { createTask } from '@evoprop/tasks';
import { Rng } from '@evoprop/tensor';
import { BackpropTrainer } from '../src/index.js';

const flag = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const epochs = flag('epochs', 30);
const units = flag('units', 8);
const length = flag('length', 50);
const task = createTask('adding', 1, { samples: 1500, length }) as SupervisedTask;
const rows: string[] = [];
for (const cell of ['lstm', 'simpleRnn'] as const) {
  const model = sequential([cell === 'lstm' ? lstm(units) : simpleRnn(units), dense(1)], { inputShape: [length, 2], rng: Rng.fromSeed(1) });
  const trainer = new BackpropTrainer({ optimizer: { name: 'adam', learningRate: 0.02 }, batchSize: 32, clipNorm: 1 });
  const curve: string[] = [];
  const r = await trainer.fit({
    task,
    model,
    rng: Rng.fromSeed(1),
    budget: { epochs },
    onEvent: (e) => {
      if (e.type === 'progress') curve.push(`${e.step}:${e.metrics['val.mse']?.toFixed(3)}`);
      if (e.type === 'warning') console.log(`  ${cell} warning at step ${e.step}: ${e.message}`);
    },
  });
  console.log(`${cell} val MSE by gradient step: ${curve.join(' ')}`);
  rows.push(
    `| ${cell}(${units}) | ${r.cost.gradientSteps} | ${r.metrics.mse?.toFixed(4)} | ${((r.metrics.mse ?? 0) / (1 / 6)).toFixed(3)} | ${r.cost.wallSeconds.toFixed(0)} s |`,
  );
}
console.log(`\nAdding problem, length ${length} (baseline MSE 0.1667)\n`);
console.log('| model | gradient steps | test MSE | ÷ baseline | wall time |');
console.log('|---|---:|---:|---:|---:|');
for (const r of rows) console.log(r);
