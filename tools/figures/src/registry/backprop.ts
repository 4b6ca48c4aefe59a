/** `packages/backprop/README.md`: MNIST test accuracies and the adding problem. */
import { capture, cell, derive, ExtractError } from '../extract.js';
import type { Extractor, FigureRun } from '../types.js';
import { figuresOf, tsx } from './helpers.js';

const file = 'packages/backprop/README.md';

/** The running training accuracy of the last epoch's progress line (`epoch 10: train loss … acc 99.75 % | …`). */
const lastTrainAccuracy: Extractor = derive("last 'epoch N: train loss … acc X %' line, X", (output) => {
  const all = [...output.matchAll(/^\s*epoch \d+: train loss \S+ acc ([\d.]+ %)/gm)];
  const last = all.at(-1)?.[1];
  if (last === undefined) throw new ExtractError('no epoch progress lines in the output');
  return last;
});
const testAccuracy = capture(/test accuracy ([\d.]+ %)/);

const conv = (id: string, flags: string, text: string, train: string, test: string): FigureRun => {
  const fig = figuresOf(id, file);
  return {
    id,
    cwd: 'packages/backprop',
    command: `${tsx('bench/accuracy.ts')} --arch conv${flags}`,
    speed: 'slow',
    minutes: 35,
    verified: 'not rerun on 2026-12-07: about 30 minutes on the loaded machine (values as the README quotes them)',
    figures: [fig('train-accuracy', text, train, lastTrainAccuracy), fig('test-accuracy', text, test, testAccuracy)],
  };
};

const adding = figuresOf('backprop/adding', file);
const addingText =
  'LSTM test MSE 0.026 (0.155 × the 1/6 baseline; its validation MSE sits at the baseline for ~520 steps, then drops), tanh RNN 0.176 (1.055 × baseline).';

/** The MNIST accuracy table (seed 1, 10 epochs) and the vanishing-gradient story. */
export const backpropRuns: readonly FigureRun[] = [
  {
    id: 'backprop/mnist-mlp',
    cwd: 'packages/backprop',
    command: `${tsx('bench/accuracy.ts')} --arch mlp`,
    speed: 'slow',
    minutes: 5,
    verified: '2026-12-07: rerun; was 98.23 % in the README, the code gives 98.14 % since 4c9ed0c changed the gemm blocking',
    figures: [
      figuresOf('backprop/mnist-mlp', file)(
        'test-accuracy',
        '| MLP 784-256-128-10 | Adam 1e-3, batch 128 | — | **98.14 %** |',
        '98.14 %',
        testAccuracy,
      ),
    ],
  },
  conv('backprop/mnist-conv', '', '| Adam 3e-3, 200 warm-up steps, batch 64 | 99.75 % | **99.00 %** |', '99.75 %', '99.00 %'),
  conv(
    'backprop/mnist-conv-lr2e-3',
    ' --lr 2e-3 --batch 32 --warmup 400',
    '| Adam 2e-3, 400 warm-up steps, batch 32 (`--lr 2e-3 --batch 32 --warmup 400`) | 99.76 % | 99.05 % |',
    '99.76 %',
    '99.05 %',
  ),
  conv(
    'backprop/mnist-conv-lr1e-3',
    ' --lr 1e-3 --batch 128 --warmup 0',
    "| Adam 1e-3, batch 128 (the MLP's settings) | 98.64 % | 98.59 % |",
    '98.64 %',
    '98.59 %',
  ),
  {
    id: 'backprop/adding',
    cwd: 'packages/backprop',
    command: `${tsx('bench/adding.ts')} --epochs 20`,
    speed: 'slow',
    minutes: 4,
    verified:
      "2026-12-07: rerun (80 s on two loaded cores), the same table as at 030f1d0, which wrote the README; the README's ratios 0.16 × and 1.06 × were the rounded MSEs × 6, and the extractor rounded the bench's 3-decimal ratio again (Number('1.055').toFixed(2) is 1.05): it now quotes the printed ratio as is",
    figures: [
      adding('gradient-steps', '8 units, Adam 0.02, batch 32, clipNorm 1, seed 1, 580 gradient steps each', '580', cell('lstm(8)', 1)),
      adding(
        'lstm-mse',
        addingText,
        '0.026',
        cell('lstm(8)', 2, (s) => Number(s).toFixed(3)),
      ),
      adding(
        'lstm-ratio',
        addingText,
        '0.155 ×',
        cell('lstm(8)', 3, (s) => `${s} ×`),
      ),
      adding(
        'rnn-mse',
        addingText,
        '0.176',
        cell('simpleRnn(8)', 2, (s) => Number(s).toFixed(3)),
      ),
      adding(
        'rnn-ratio',
        addingText,
        '1.055 ×',
        cell('simpleRnn(8)', 3, (s) => `${s} ×`),
      ),
    ],
  },
];
