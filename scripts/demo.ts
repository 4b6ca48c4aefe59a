/**
 * The smallest complete run of evoprop: a 2-8-1 multilayer perceptron learns XOR by
 * plain gradient descent on the mean squared error, with every gradient coming from
 * the autograd tape in `@evoprop/tensor` and the weights living in one flat
 * `Params` vector from `@evoprop/core`.
 *
 * Run: `pnpm demo` (or `node --conditions=@evoprop/source --import tsx scripts/demo.ts`).
 * Options: `--seed <n>`, `--steps <n>`, `--lr <x>`.
 */
import { Params } from '@evoprop/core';
import { type Tensor, add, backward, div, exp, fromArray, matmul, mean, mul, neg, noGrad, Rng, sub, tanh } from '@evoprop/tensor';

/** sigmoid(x) = 1 / (1 + e^-x), composed from primitives so its gradient comes for free. */
const sigmoid = (x: Tensor): Tensor => div(1, add(1, exp(neg(x))));

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isFinite(value)) {
    throw new Error(`demo: --${name} expects a finite number, got '${process.argv[i + 1] ?? ''}'`);
  }
  return value;
}

const seed = option('seed', 1);
const steps = option('steps', 2000);
const lr = option('lr', 0.5);

const inputs = fromArray([
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
]);
const targets = fromArray([[0], [1], [1], [0]]);

const params = new Params([
  { name: 'dense1.weight', shape: [2, 8] },
  { name: 'dense1.bias', shape: [1, 8] },
  { name: 'dense2.weight', shape: [8, 1] },
  { name: 'dense2.bias', shape: [1, 1] },
]);

// Glorot-uniform init (Glorot & Bengio 2010, eq. 16), biases at zero; one forked stream per purpose.
const initRng = Rng.fromSeed(seed).fork('init');
for (const { name, shape, offset, size } of params.entries) {
  if (!name.endsWith('weight')) continue;
  const [fanIn = 1, fanOut = 1] = shape;
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  for (let i = 0; i < size; i++) params.vector[offset + i] = initRng.uniform(-limit, limit);
}

const forward = (x: Tensor): Tensor => {
  const hidden = tanh(add(matmul(x, params.get('dense1.weight')), params.get('dense1.bias')));
  return sigmoid(add(matmul(hidden, params.get('dense2.weight')), params.get('dense2.bias')));
};
const mse = (y: Tensor, t: Tensor): Tensor => {
  const d = sub(y, t);
  return mean(mul(d, d));
};

console.log(`evoprop demo: 2-8-1 MLP (tanh, sigmoid) learns XOR with SGD, seed ${seed}, lr ${lr}, ${steps} steps`);
console.log(`${params.size} parameters in one flat vector: ${params.names.join(', ')}`);

const started = performance.now();
let loss = Number.NaN;
for (let step = 0; step <= steps; step++) {
  params.zeroGrad();
  const l = mse(forward(inputs), targets);
  loss = l.item();
  if (step % Math.max(1, Math.floor(steps / 20)) === 0 || step === steps) {
    // A log-scale bar: each '#' is a factor of ~1.26 (one tenth of a decade) above 1e-5.
    const bar = '#'.repeat(Math.max(0, Math.round(10 * (Math.log10(loss) + 5))));
    console.log(`step ${String(step).padStart(5)}  loss ${loss.toFixed(6)}  ${bar}`);
  }
  if (step === steps) break;
  backward(l);
  for (let i = 0; i < params.size; i++) params.vector[i] -= lr * params.grads[i];
}

const predictions = noGrad(() => forward(inputs)).data;
const correct = [0, 1, 1, 0].filter((t, i) => Math.round(predictions[i]) === t).length;
console.log('\n x1 x2 | target | prediction');
[
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
].forEach(([a, b], i) => {
  console.log(`  ${a}  ${b} |   ${[0, 1, 1, 0][i]}    | ${predictions[i].toFixed(4)}`);
});
console.log(`\naccuracy ${correct}/4, final loss ${loss.toExponential(3)}, ${(performance.now() - started).toFixed(0)} ms`);
if (correct !== 4) {
  console.error('demo: the network did not learn XOR; try another --seed or more --steps');
  process.exitCode = 1;
}
