/**
 * Boolean functions on every input pattern: the 4-case XOR of the NEAT paper (Stanley &
 * Miikkulainen 2002, sec. 4.1, p. 112) and N-bit parity. There is no held-out data: train,
 * validation and test all hold every pattern, as these are tests of representational power;
 * the seed only sets the row order.
 */
import { z } from 'zod';
import { defineBuiltinTask } from '../registry/define.js';
import { type Dataset, makeSplit } from '../supervised/dataset.js';
import { taskRng } from '../supervised/rng.js';
import { classificationTask, regressionTask } from '../supervised/task.js';

/**
 * 'class-index': 2 classes, softmax cross-entropy, accuracy (solved at 1).
 * 'binary': one 0/1 target per case, shape [n, 1], binary cross-entropy, MSE — the single
 * sigmoid output a NEAT network uses.
 */
const targets = z.enum(['class-index', 'binary']).default('class-index');

/** Every pattern of `bits` inputs in {0, 1} with the parity (XOR of all bits) as target. */
export function parityTable(bits: number): Dataset {
  const n = 2 ** bits;
  const x = new Float32Array(n * bits);
  const y = new Float32Array(n);
  for (let p = 0; p < n; p++) {
    let ones = 0;
    for (let b = 0; b < bits; b++) {
      const bit = (p >> (bits - 1 - b)) & 1;
      x[p * bits + b] = bit;
      ones += bit;
    }
    y[p] = ones % 2;
  }
  return { x, y, n, sampleShape: [bits], targetShape: [] };
}

function booleanTask(id: string, description: string, seed: number, bits: number, target: 'class-index' | 'binary') {
  const table = parityTable(bits);
  const order = taskRng(id, seed).fork('order').permutation(table.n);
  if (target === 'binary') {
    const data: Dataset = { ...table, targetShape: [1] };
    const split = makeSplit(data, order);
    return regressionTask({
      id,
      seed,
      description,
      inputShape: [bits],
      outputs: 1,
      loss: 'binary-cross-entropy',
      splits: { train: split, validation: split, test: split },
    });
  }
  const split = makeSplit(table, order);
  return classificationTask({
    id,
    seed,
    description,
    inputShape: [bits],
    classes: 2,
    solvedAt: 1,
    splits: { train: split, validation: split, test: split },
  });
}

export const xorTask = defineBuiltinTask({
  id: 'xor',
  kind: 'supervised',
  // NEAT's minimal XOR network has one hidden node plus direct input→output links (Stanley &
  // Miikkulainen 2002, p. 112); a plain MLP needs two, and four lets CMA-ES, GA and OpenAI-ES
  // solve it reliably within the quick suite's cap (measured for issue 20: 2-2-2 solves 2/10 seeds).
  recommendedModel: { hidden: [4], activation: 'tanh' },
  description: 'XOR truth table: the 4 cases of the NEAT paper; every split holds all four.',
  options: z.strictObject({
    /** `'class-index'` (two logits, softmax cross-entropy) or `'binary'` (one 0/1 target, for a single sigmoid output). Default `'class-index'`. */
    targets,
  }),
  build: (seed, o, m) => booleanTask(m.id, m.description, seed, 2, o.targets),
});

export const parityTask = defineBuiltinTask({
  id: 'parity',
  kind: 'supervised',
  // N-bit parity needs N threshold units in one hidden layer; tanh units learn it more easily with 2N.
  recommendedModel: (o) => ({ hidden: [2 * o.bits], activation: 'tanh' }),
  description: 'N-bit parity: all 2^N bit patterns, target = XOR of the bits; every split holds all patterns.',
  options: z.strictObject({
    /** Input bits (2 to 16); all 2^bits patterns are used. Default 3. */
    bits: z.int().min(2).max(16).default(3).meta({ unit: 'bits' }),
    /** `'class-index'` (two logits, softmax cross-entropy) or `'binary'` (one 0/1 target, for a single sigmoid output). Default `'class-index'`. */
    targets,
  }),
  build: (seed, o, m) => booleanTask(m.id, m.description, seed, o.bits, o.targets),
});
