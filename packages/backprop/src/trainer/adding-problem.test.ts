import { type Model, type SupervisedTask, sequential } from '@evoprop/core';
import { dense, lstm, simpleRnn } from '@evoprop/core/layers';
import { createTask } from '@evoprop/tasks';
import { Rng } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { BackpropTrainer } from './backprop-trainer.js';

// The adding problem (Hochreiter & Schmidhuber 1997, §5.4, experiment 4): 50 steps of
// (value, marker) pairs; the target is the sum of the two marked values. Predicting the mean
// (1) gives MSE 1/6 ≈ 0.167. A tanh RNN's gradient through 50 steps vanishes (Bengio et al.
// 1994), so it stays at the baseline; the LSTM's additive cell state carries it.
const BASELINE = 1 / 6;
const task = createTask('adding', 1, { samples: 1500, length: 50 }) as SupervisedTask;
const trainer = () =>
  new BackpropTrainer({ optimizer: { name: 'adam', learningRate: 0.02 }, batchSize: 32, clipNorm: 1, diagnostics: false });
const build = (cell: 'lstm' | 'rnn'): Model =>
  sequential([cell === 'lstm' ? lstm(8) : simpleRnn(8), dense(1)], { inputShape: [50, 2], rng: Rng.fromSeed(1) });

describe('vanishing gradients on the adding problem (length 50)', () => {
  it('an LSTM learns it far below the baseline; a tanh RNN given as many steps does not', async () => {
    const l = await trainer().fit({
      task,
      model: build('lstm'),
      rng: Rng.fromSeed(1),
      budget: { epochs: 40, target: { metric: 'val.mse', value: 0.02, direction: 'min' } },
    });
    expect(l.status).toBe('reached-target');
    expect(l.metrics.mse).toBeLessThan(0.15 * BASELINE);
    const r = await trainer().fit({ task, model: build('rnn'), rng: Rng.fromSeed(1), budget: { gradientSteps: l.cost.gradientSteps } });
    expect(r.metrics.mse).toBeGreaterThan(0.6 * BASELINE);
    expect(r.metrics.mse).toBeGreaterThan(10 * (l.metrics.mse as number));
  }, 300_000); // ~20 s of CPU, but minutes of wall time on a loaded machine
});
