/**
 * Sequence tasks for recurrent networks, built to expose vanishing gradients: the answer
 * depends on inputs `length` steps back. Inputs are [n, time, features].
 */
import type { Rng } from '@evoprop/tensor';
import { z } from 'zod';
import { defineBuiltinTask } from '../registry/define.js';
import { type Dataset, splitDataset } from '../supervised/dataset.js';
import { splitOptions } from '../supervised/options.js';
import { taskRng } from '../supervised/rng.js';
import { classificationTask, regressionTask } from '../supervised/task.js';

/**
 * The adding problem (Hochreiter & Schmidhuber 1997, sec. 5.4, in the form of Le, Jaitly &
 * Hinton 2015): each step carries a value ~ U(0, 1) and a marker; exactly two steps are marked,
 * one in each half, and the target is the sum of their values. Predicting 1 scores MSE ≈ 0.167.
 */
export function addingProblem(rng: Rng, n: number, length: number): Dataset {
  const x = new Float32Array(n * length * 2);
  const y = new Float32Array(n);
  const half = Math.floor(length / 2);
  for (let i = 0; i < n; i++) {
    const base = i * length * 2;
    for (let t = 0; t < length; t++) x[base + 2 * t] = rng.uniform(0, 1);
    const first = rng.int(0, half);
    const second = rng.int(half, length);
    x[base + 2 * first + 1] = 1;
    x[base + 2 * second + 1] = 1;
    y[i] = x[base + 2 * first] + x[base + 2 * second];
  }
  return { x, y, n, sampleShape: [length, 2], targetShape: [1] };
}

/**
 * The copy task (Hochreiter & Schmidhuber 1997; the form of Arjovsky, Shah & Bengio 2016,
 * sec. 4.1): `copyLength` symbols from an alphabet of `symbols`, then `delay − 1` blanks, a
 * delimiter, and `copyLength` blanks during which the symbols must be reproduced. One-hot input
 * categories: 0 blank, 1..symbols, symbols + 1 delimiter. Targets are per-step class indices
 * [n, time] over blank + symbols (outputSize = symbols + 1): blank until the last `copyLength`
 * steps. The memoryless baseline's cross-entropy is copyLength·ln(symbols) / time.
 */
export function copyTask(rng: Rng, n: number, delay: number, symbols: number, copyLength: number): Dataset {
  const time = delay + 2 * copyLength;
  const features = symbols + 2;
  const x = new Float32Array(n * time * features);
  const y = new Float32Array(n * time);
  for (let i = 0; i < n; i++) {
    const xs = i * time * features;
    const ys = i * time;
    for (let t = 0; t < time; t++) {
      let category = 0;
      if (t < copyLength) {
        category = rng.int(1, symbols + 1);
        y[ys + delay + copyLength + t] = category;
      } else if (t === copyLength + delay - 1) {
        category = symbols + 1;
      }
      x[xs + t * features + category] = 1;
    }
  }
  return { x, y, n, sampleShape: [time, features], targetShape: [time] };
}

/**
 * Many-to-one memory: a symbol at step 0, blanks, and a query marker at the last step, where the
 * network must name the first symbol (Hochreiter & Schmidhuber 1997, sec. 5.2's long-time-lag
 * recall, one-hot). Categories: 0 blank, 1..symbols, symbols + 1 query; target = symbol − 1.
 */
export function memoryTask(rng: Rng, n: number, length: number, symbols: number): Dataset {
  const features = symbols + 2;
  const x = new Float32Array(n * length * features);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const xs = i * length * features;
    const symbol = rng.int(0, symbols);
    x[xs + 1 + symbol] = 1;
    for (let t = 1; t < length - 1; t++) x[xs + t * features] = 1;
    x[xs + (length - 1) * features + symbols + 1] = 1;
    y[i] = symbol;
  }
  return { x, y, n, sampleShape: [length, features], targetShape: [] };
}

const split = {
  ...splitOptions,
  /** Total sequences before the split (3 to 10⁶). Default 2000. */
  samples: splitOptions.samples.default(2000),
};
const fractions = (o: { validationFraction: number; testFraction: number }) => ({ validation: o.validationFraction, test: o.testFraction });

export const addingTask = defineBuiltinTask({
  id: 'adding',
  kind: 'supervised',
  description: 'Adding problem: [n, length, 2] value/marker pairs, target = sum of the two marked values (baseline MSE 0.167).',
  options: z.strictObject({
    ...split,
    /** Time steps per sequence (2 to 10,000). Default 50. */
    length: z.int().min(2).max(10_000).default(50).meta({ unit: 'time steps' }),
  }),
  build: (seed, o, m) => {
    const rng = taskRng(m.id, seed);
    const data = addingProblem(rng.fork('data'), o.samples, o.length);
    return regressionTask({
      id: m.id,
      seed,
      description: m.description,
      inputShape: [o.length, 2],
      outputs: 1,
      splits: splitDataset(rng.fork('split'), data, fractions(o)),
    });
  },
});

export const copyTaskDefinition = defineBuiltinTask({
  id: 'copy',
  kind: 'supervised',
  description: 'Copy task: remember copyLength symbols over `delay` steps and replay them; per-step class targets [n, time].',
  options: z.strictObject({
    ...split,
    /** Blank steps between the input symbols and the recall cue (1 to 10,000). Default 20. */
    delay: z.int().min(1).max(10_000).default(20).meta({ unit: 'time steps' }),
    /** Alphabet size (2 to 64). Default 8. */
    symbols: z.int().min(2).max(64).default(8).meta({ unit: 'symbols' }),
    /** Symbols to remember and replay (1 to 100). Default 10. */
    copyLength: z.int().min(1).max(100).default(10).meta({ unit: 'time steps' }),
  }),
  build: (seed, o, m) => {
    const rng = taskRng(m.id, seed);
    const data = copyTask(rng.fork('data'), o.samples, o.delay, o.symbols, o.copyLength);
    return classificationTask({
      id: m.id,
      seed,
      description: m.description,
      inputShape: data.sampleShape,
      classes: o.symbols + 1,
      targetShape: data.targetShape,
      splits: splitDataset(rng.fork('split'), data, fractions(o)),
    });
  },
});

export const memoryTaskDefinition = defineBuiltinTask({
  id: 'memory',
  kind: 'supervised',
  description: 'Memory: name the symbol seen at step 0 when queried at the last step, `length` steps later.',
  options: z.strictObject({
    ...split,
    /** Time steps between the symbol and the query (2 to 10,000). Default 50. */
    length: z.int().min(2).max(10_000).default(50).meta({ unit: 'time steps' }),
    /** Alphabet size (2 to 64). Default 8. */
    symbols: z.int().min(2).max(64).default(8).meta({ unit: 'symbols' }),
  }),
  build: (seed, o, m) => {
    const rng = taskRng(m.id, seed);
    const data = memoryTask(rng.fork('data'), o.samples, o.length, o.symbols);
    return classificationTask({
      id: m.id,
      seed,
      description: m.description,
      inputShape: data.sampleShape,
      classes: o.symbols,
      splits: splitDataset(rng.fork('split'), data, fractions(o)),
    });
  },
});
