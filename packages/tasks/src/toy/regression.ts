/** Noisy regression on known functions: a sine wave, x·sin(x) in 1-D and Franke's function in 2-D. */
import { z } from 'zod';
import type { Rng } from '@evoprop/tensor';
import { defineBuiltinTask } from '../registry/define.js';
import { type Dataset, splitDataset } from '../supervised/dataset.js';
import { noiseOption, splitOptions } from '../supervised/options.js';
import { taskRng } from '../supervised/rng.js';
import { regressionTask } from '../supervised/task.js';

/** n points x ~ U(box)^d with target f(x) + N(0, noise²). */
export function sampleFunction(
  rng: Rng,
  n: number,
  d: number,
  low: number,
  high: number,
  noise: number,
  f: (x: Float32Array) => number,
): Dataset {
  const x = new Float32Array(n * d);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const row = x.subarray(i * d, (i + 1) * d);
    for (let j = 0; j < d; j++) row[j] = rng.uniform(low, high);
    y[i] = f(row) + (noise > 0 ? rng.normal(0, noise) : 0);
  }
  return { x, y, n, sampleShape: [d], targetShape: [1] };
}

/** Franke's bivariate test function on [0, 1]² (Franke 1979, Naval Postgraduate School report NPS-53-79-003). */
export function franke(x: number, y: number): number {
  const a = 0.75 * Math.exp(-((9 * x - 2) ** 2) / 4 - (9 * y - 2) ** 2 / 4);
  const b = 0.75 * Math.exp(-((9 * x + 1) ** 2) / 49 - (9 * y + 1) / 10);
  const c = 0.5 * Math.exp(-((9 * x - 7) ** 2) / 4 - (9 * y - 3) ** 2 / 4);
  const d = 0.2 * Math.exp(-((9 * x - 4) ** 2) - (9 * y - 7) ** 2);
  return a + b + c - d;
}

const options = (samples: number, noise: number) =>
  z.strictObject({
    ...splitOptions,
    /** Total samples before the split (3 to 10⁶). Default 500 (franke: 1000). */
    samples: splitOptions.samples.default(samples),
    /** Standard deviation of the Gaussian noise added to the targets, 0 to 100. */
    noise: noiseOption(noise, 'target units'),
  });

function functionTask(
  id: string,
  description: string,
  seed: number,
  o: z.output<ReturnType<typeof options>>,
  d: number,
  low: number,
  high: number,
  f: (x: Float32Array) => number,
) {
  const rng = taskRng(id, seed);
  const data = sampleFunction(rng.fork('data'), o.samples, d, low, high, o.noise, f);
  const splits = splitDataset(rng.fork('split'), data, { validation: o.validationFraction, test: o.testFraction });
  return regressionTask({ id, seed, description, inputShape: [d], outputs: 1, splits });
}

export const sineTask = defineBuiltinTask({
  id: 'sine',
  kind: 'supervised',
  recommendedModel: { hidden: [16], activation: 'tanh' },
  description: 'Sine wave: y = sin(x) + N(0, noise²) for x ~ U(-π, π).',
  options: options(500, 0),
  build: (seed, o, m) => functionTask(m.id, m.description, seed, o, 1, -Math.PI, Math.PI, (x) => Math.sin(x[0])),
});

export const xSinXTask = defineBuiltinTask({
  id: 'x-sin-x',
  kind: 'supervised',
  recommendedModel: { hidden: [16], activation: 'tanh' },
  description: '1-D regression: y = x·sin(x) + N(0, noise²) for x ~ U(0, 10).',
  options: options(500, 0.5),
  build: (seed, o, m) => functionTask(m.id, m.description, seed, o, 1, 0, 10, (x) => x[0] * Math.sin(x[0])),
});

export const frankeTask = defineBuiltinTask({
  id: 'franke',
  kind: 'supervised',
  recommendedModel: { hidden: [16, 16], activation: 'tanh' },
  description: "2-D regression: Franke's function + N(0, noise²) on [0, 1]².",
  options: options(1000, 0.05),
  build: (seed, o, m) => functionTask(m.id, m.description, seed, o, 2, 0, 1, (x) => franke(x[0], x[1])),
});
