/**
 * What each package's clean-project consumer does with it: a real task, once from plain
 * Node ESM (static imports, as a user writes them) and once from TypeScript compiled by
 * `tsc` (strict, NodeNext) against the installed .d.ts files and then run. A package with
 * no entry here is still installed alone, imported and type-checked for `any` exports;
 * add one when a package is added. Each script should take about a second.
 */
export type ConsumerChecks = Readonly<{
  /** What the scripts prove, for test names. */
  does: string;
  /**
   * Other workspace packages installed next to this one, as a user combining them would
   * (their tarballs and their own @evoprop dependencies; nothing else from the workspace).
   */
  with?: readonly string[];
  /** A plain Node ESM script (`.mjs`); it fails by throwing (node:assert). */
  esm: string;
  /** A TypeScript module, compiled with tsc and then run. */
  ts: string;
}>;

export const consumerChecks: Readonly<Record<string, ConsumerChecks>> = {
  '@evoprop/tensor': {
    does: 'autograd: least squares by gradient descent, checked against finite differences',
    esm: `
import assert from 'node:assert/strict';
import { Rng, backward, fromArray, gradCheck, matmul, mean, mul, noGrad, randn, square, sub, sum } from '@evoprop/tensor';

const c = matmul(fromArray([[1, 2], [3, 4]]), fromArray([[5, 6], [7, 8]]));
assert.deepEqual(Array.from(c.data), [19, 22, 43, 50]);
const v = fromArray([1, 2, 3]).requireGrad();
backward(sum(mul(v, v)));
assert.deepEqual(Array.from(v.grad.data), [2, 4, 6]);

// Least squares by gradient descent on autograd gradients: recovers the weights that made y.
const rng = Rng.fromSeed(3);
const x = randn([64, 3], rng.fork('x'));
const y = noGrad(() => matmul(x, fromArray([[1.5], [-2], [0.5]])));
const lossOf = (w) => mean(square(sub(matmul(x, w), y)));
assert.ok(gradCheck(lossOf, [randn([3, 1], rng.fork('check')).requireGrad()]).ok, 'autograd agrees with finite differences');
let w = randn([3, 1], rng.fork('init'));
for (let i = 0; i < 300; i++) {
  const leaf = w.requireGrad();
  backward(lossOf(leaf));
  w = fromArray(Array.from(leaf.data, (wi, j) => wi - 0.2 * leaf.grad.data[j]), [3, 1]);
}
assert.ok(lossOf(w).item() < 1e-6, \`gradient descent reached loss \${lossOf(w).item()}\`);
assert.deepEqual(Array.from(w.data, (wi) => Math.round(wi * 100) / 100), [1.5, -2, 0.5]);
`,
    ts: `
import assert from 'node:assert/strict';
import { Rng, type Tensor, backward, fromArray, matmul, mean, noGrad, randn, square, sub } from '@evoprop/tensor';

// Fit y = x·w by gradient descent on autograd gradients.
const rng: Rng = Rng.fromSeed(5);
const x: Tensor = randn([32, 2], rng.fork('x'));
const y: Tensor = noGrad(() => matmul(x, fromArray([[3], [-1]])));
const lossOf = (w: Tensor): Tensor => mean(square(sub(matmul(x, w), y)));
let w: Tensor = fromArray([[0], [0]]);
for (let i = 0; i < 200; i++) {
  const leaf = w.requireGrad();
  backward(lossOf(leaf));
  const grad: Float32Array = leaf.grad?.data ?? new Float32Array(2);
  w = fromArray(Array.from(leaf.data, (wi, j) => wi - 0.2 * (grad[j] ?? 0)), [2, 1]);
}
const loss: number = lossOf(w).item();
assert.ok(loss < 1e-6, \`loss \${loss}\`);
`,
  },
  '@evoprop/core': {
    does: 'builds a model from layers, fits XOR by hand-written SGD, saves and reloads it; runs conformance checks from /testing without vitest; the same jobs inline and on threads (/executor-node)',
    esm: `
import assert from 'node:assert/strict';
import { Params, buildModel, evaluateModel, inlineExecutor, lossFor, sequential } from '@evoprop/core';
import { loadModel, saveModel } from '@evoprop/core/io';
import { dense } from '@evoprop/core/layers';
import { threadExecutor } from '@evoprop/core/executor-node';
import { RandomSearchTrainer, trainerConformanceChecks } from '@evoprop/core/testing';
import { backward, fromArray, Rng } from '@evoprop/tensor';

// A user's own data set, written against the Task contract of @evoprop/core.
const xorSplit = { x: fromArray([[0, 0], [0, 1], [1, 0], [1, 1]]), y: fromArray([0, 1, 1, 0]) };
const xorTask = () => ({
  id: 'xor', seed: 0, description: 'XOR of two bits', kind: 'supervised', inputShape: [2], outputSize: 2,
  problem: 'classification', loss: 'softmax-cross-entropy', metric: 'accuracy', train: xorSplit, validation: xorSplit, test: xorSplit,
});

const p = new Params([{ name: 'dense.weight', shape: [2, 3] }, { name: 'dense.bias', shape: [3] }]);
assert.equal(p.size, 9);

// Build a model from layers, fit XOR with plain SGD on the flat parameter vector, save and reload it.
const task = xorTask();
const model = sequential([dense(8, { activation: 'tanh' }), dense(2)], { inputShape: [2], rng: Rng.fromSeed(0) });
assert.deepEqual(model.params.names, ['dense1.weight', 'dense1.bias', 'dense2.weight', 'dense2.bias']);
const loss = lossFor(task.loss);
for (let step = 0; step < 300; step++) {
  model.params.zeroGrad();
  backward(loss(model.forward(task.train.x, 'train'), task.train.y));
  for (let i = 0; i < model.params.size; i++) model.params.vector[i] -= 0.5 * model.params.grads[i];
}
const metrics = evaluateModel(model, task.test, task);
assert.equal(metrics.accuracy, 1, \`XOR accuracy \${metrics.accuracy}\`);

const again = loadModel(saveModel(model));
assert.deepEqual(Array.from(again.params.vector), Array.from(model.params.vector));
const x = fromArray([[1, 0]]);
assert.deepEqual(Array.from(again.forward(x).data), Array.from(model.forward(x).data));
const rebuilt = buildModel(JSON.parse(JSON.stringify(model.spec)), Rng.fromSeed(0));
assert.equal(rebuilt.params.size, model.params.size);

// The conformance checks are plain functions: @evoprop/core/testing needs no test runner.
await assert.rejects(import('vitest'), { code: 'ERR_MODULE_NOT_FOUND' });
const checks = trainerConformanceChecks(() => new RandomSearchTrainer({ populationSize: 6, sigma: 1 }), { budgets: ['evaluations'] });
const budgetCheck = checks.find((c) => c.name === 'respects a evaluations budget');
assert.ok(budgetCheck, checks.map((c) => c.name).join(', '));
assert.deepEqual(await budgetCheck.run(), []);

// The one executor: the same handler inline and on worker threads (@evoprop/core/executor-node), same answers.
const { writeFileSync } = await import('node:fs');
const handlerUrl = new URL('./square-handler.mjs', import.meta.url);
writeFileSync(handlerUrl, 'export default (init) => (x) => x * x + init.offset;');
const jobs = [1, 2, 3, 4].map((x) => ({ id: \`square-\${x}\`, payload: x }));
const inline = inlineExecutor((x) => x * x + 1);
const threads = threadExecutor({ workers: 2, module: handlerUrl, init: { offset: 1 } });
assert.deepEqual(await Promise.all(jobs.map((j) => threads.submit(j))), await Promise.all(jobs.map((j) => inline.submit(j))));
await threads.close();
`,
    ts: `
import assert from 'node:assert/strict';
import { type Metrics, type Model, type SupervisedTask, evaluateModel, lossFor, sequential } from '@evoprop/core';
import { loadModel, saveModel } from '@evoprop/core/io';
import { dense } from '@evoprop/core/layers';
import { backward, fromArray, Rng } from '@evoprop/tensor';

// A user's own data set, written against the Task contract of @evoprop/core.
const xorSplit = { x: fromArray([[0, 0], [0, 1], [1, 0], [1, 1]]), y: fromArray([0, 1, 1, 0]) };
const xorTask = (): SupervisedTask => ({
  id: 'xor', seed: 0, description: 'XOR of two bits', kind: 'supervised', inputShape: [2], outputSize: 2,
  problem: 'classification', loss: 'softmax-cross-entropy', metric: 'accuracy', train: xorSplit, validation: xorSplit, test: xorSplit,
});

const task: SupervisedTask = xorTask();
const model: Model = sequential([dense(8, { activation: 'tanh' }), dense(2)], { inputShape: [2], rng: Rng.fromSeed(0) });
const loss = lossFor(task.loss);
for (let step = 0; step < 300; step++) {
  model.params.zeroGrad();
  backward(loss(model.forward(task.train.x, 'train'), task.train.y));
  for (let i = 0; i < model.params.size; i++) model.params.vector[i] = (model.params.vector[i] ?? 0) - 0.5 * (model.params.grads[i] ?? 0);
}
const metrics: Metrics = evaluateModel(model, task.test, task);
assert.equal(metrics.accuracy, 1);
const bytes: Uint8Array = saveModel(model);
assert.deepEqual(Array.from(loadModel(bytes).params.vector), Array.from(model.params.vector));
`,
  },
  '@evoprop/backprop': {
    does: 'BackpropTrainer learns XOR; optimizer transforms on flat vectors',
    esm: `
import assert from 'node:assert/strict';
import { BackpropTrainer, adam, applyUpdates, chain, clipByGlobalNorm } from '@evoprop/backprop';
import { fromArray, Rng } from '@evoprop/tensor';

// A user's own data set, written against the Task contract of @evoprop/core.
const xorSplit = { x: fromArray([[0, 0], [0, 1], [1, 0], [1, 1]]), y: fromArray([0, 1, 1, 0]) };
const xorTask = () => ({
  id: 'xor', seed: 0, description: 'XOR of two bits', kind: 'supervised', inputShape: [2], outputSize: 2,
  problem: 'classification', loss: 'softmax-cross-entropy', metric: 'accuracy', train: xorSplit, validation: xorSplit, test: xorSplit,
});

// Train the default MLP on XOR with Adam until every point is right.
const trainer = new BackpropTrainer({ optimizer: { name: 'adam', learningRate: 0.05 }, hidden: [8], activation: 'tanh' });
const result = await trainer.fit({ task: xorTask(), rng: Rng.fromSeed(1), budget: { epochs: 500, target: { metric: 'val.accuracy', value: 1 } } });
assert.equal(result.status, 'reached-target', result.reason);
assert.equal(result.metrics.accuracy, 1);
assert.ok(result.cost.gradientSteps > 0 && result.cost.flops > 0);

// The optimizer transforms are pure functions on flat vectors.
const opt = chain(clipByGlobalNorm(1), adam({ lr: 0.1 }));
const params = new Float32Array([1, -1]);
const [updates] = opt.update(new Float32Array([0.5, -0.5]), opt.init(params.length), params);
const moved = applyUpdates(params, updates);
assert.ok(moved[0] < 1 && moved[1] > -1, \`an Adam step moves against the gradient: \${Array.from(moved)}\`);
`,
    ts: `
import assert from 'node:assert/strict';
import { BackpropTrainer, type BackpropConfigInput } from '@evoprop/backprop';
import type { FitResult, SupervisedTask } from '@evoprop/core';
import { fromArray, Rng } from '@evoprop/tensor';

// A user's own data set, written against the Task contract of @evoprop/core.
const xorSplit = { x: fromArray([[0, 0], [0, 1], [1, 0], [1, 1]]), y: fromArray([0, 1, 1, 0]) };
const xorTask = (): SupervisedTask => ({
  id: 'xor', seed: 0, description: 'XOR of two bits', kind: 'supervised', inputShape: [2], outputSize: 2,
  problem: 'classification', loss: 'softmax-cross-entropy', metric: 'accuracy', train: xorSplit, validation: xorSplit, test: xorSplit,
});

const config: BackpropConfigInput = { optimizer: { name: 'adam', learningRate: 0.05 }, hidden: [8], activation: 'tanh' };
const result: FitResult = await new BackpropTrainer(config).fit({
  task: xorTask(),
  rng: Rng.fromSeed(1),
  budget: { epochs: 500, target: { metric: 'val.accuracy', value: 1 } },
});
assert.equal(result.metrics.accuracy, 1, result.reason);
`,
  },
  '@evoprop/evolution': {
    does: 'CMA-ES minimises Rosenbrock; EvolutionTrainer solves an objective task of @evoprop/tasks',
    with: ['@evoprop/tasks'],
    esm: `
import assert from 'node:assert/strict';
import { EvolutionTrainer, cmaEs, minimize } from '@evoprop/evolution';
import { createObjectiveTask, rosenbrock } from '@evoprop/tasks';
import { Rng } from '@evoprop/tensor';

// pycma-style: minimise a function directly with an ask/tell strategy.
const state = minimize(cmaEs, { mean: [0.1, 0.1, 0.1, 0.1], sigma: 0.3, stop: { targetFitness: 1e-10 } }, rosenbrock.evaluate, {
  rng: Rng.fromSeed(0),
  generations: 2000,
});
assert.ok(state.bestFitness < 1e-8, \`CMA-ES on 4-d Rosenbrock reached \${state.bestFitness}\`);

// Through the Trainer contract: a task from @evoprop/tasks, a budget and a target.
const task = createObjectiveTask('rosenbrock', 0, { dimension: 3 });
const trainer = new EvolutionTrainer({ strategy: 'cmaEs', result: 'best' });
const result = await trainer.fit({ task, rng: Rng.fromSeed(0), budget: { generations: 1000, target: { metric: 'objective', value: 1e-6, direction: 'min' } } });
assert.equal(result.status, 'reached-target', result.reason);
assert.ok(result.metrics.objective < 1e-6, \`objective \${result.metrics.objective}\`);
`,
    ts: `
import assert from 'node:assert/strict';
import type { FitResult, ObjectiveTask } from '@evoprop/core';
import { EvolutionTrainer, type EvolutionTrainerConfig } from '@evoprop/evolution';
import { createObjectiveTask } from '@evoprop/tasks';
import { Rng } from '@evoprop/tensor';

const task: ObjectiveTask = createObjectiveTask('sphere', 0, { dimension: 5 });
const config: EvolutionTrainerConfig = { strategy: 'snes', result: 'best' };
const result: FitResult = await new EvolutionTrainer(config).fit({
  task,
  rng: Rng.fromSeed(0),
  budget: { generations: 1000, target: { metric: 'objective', value: 1e-4, direction: 'min' } },
});
assert.equal(result.status, 'reached-target', result.reason);
`,
  },
  '@evoprop/tasks': {
    does: 'Iris with a nearest-class-mean classifier, seeded determinism, cart-pole with a hand-written controller',
    esm: `
import assert from 'node:assert/strict';
import { createControlTask, createObjectiveTask, createSupervisedTask, createTask, playEpisode } from '@evoprop/tasks';

// Iris, seeded: a nearest-class-mean classifier fitted on the training split scores on the test split.
const iris = createSupervisedTask('iris', 7);
const [n, d] = iris.train.x.shape;
const sums = Array.from({ length: iris.outputSize }, () => ({ count: 0, mean: new Float64Array(d) }));
for (let i = 0; i < n; i++) {
  const c = sums[iris.train.y.data[i]];
  c.count++;
  for (let j = 0; j < d; j++) c.mean[j] += iris.train.x.data[i * d + j];
}
for (const c of sums) c.mean.forEach((v, j) => (c.mean[j] = v / c.count));
const [m] = iris.test.x.shape;
let correct = 0;
for (let i = 0; i < m; i++) {
  const dist = sums.map((c) => c.mean.reduce((s, v, j) => s + (iris.test.x.data[i * d + j] - v) ** 2, 0));
  if (dist.indexOf(dist.reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY)) === iris.test.y.data[i]) correct++;
}
assert.ok(correct / m > 0.8, \`nearest class mean on Iris: \${correct}/\${m}\`);

// The same id, seed and options give the same bytes.
const spirals = createSupervisedTask('spirals', 42, { samples: 200 });
const again = createTask(spirals.spec.id, spirals.spec.seed, spirals.spec.options);
assert.deepEqual(Array.from(again.train.x.data), Array.from(spirals.train.x.data));

// Cart-pole: a hand-written controller balances the pole for the whole episode.
const cartPole = createControlTask('cart-pole', 3);
const episode = playEpisode(cartPole, (obs) => (obs[2] + 0.5 * obs[3] > 0 ? 1 : 0), 0);
assert.equal(episode.steps, cartPole.maxSteps);

const rastrigin = createObjectiveTask('rastrigin', 1, { dimension: 5 });
assert.equal(rastrigin.evaluate(rastrigin.optimumPoint), rastrigin.optimum);
assert.throws(() => createTask('spirals', 1, { nosie: 0.1 }), /nosie/);
`,
    ts: `
import assert from 'node:assert/strict';
import type { ControlTask, SupervisedTask } from '@evoprop/core';
import { createControlTask, createSupervisedTask, playEpisode } from '@evoprop/tasks';

const iris: SupervisedTask = createSupervisedTask('iris', 7);
assert.deepEqual([...iris.train.x.shape.slice(1)], [4]);
assert.equal(iris.outputSize, 3);
const cartPole: ControlTask = createControlTask('cart-pole', 3);
const episode = playEpisode(cartPole, (obs: Float32Array) => ((obs[2] ?? 0) + 0.5 * (obs[3] ?? 0) > 0 ? 1 : 0), 0);
assert.equal(episode.steps, cartPole.maxSteps);
`,
  },
  '@evoprop/transfer': {
    does: 'pretrains on XOR, then transfers the frozen trunk under a new head',
    esm: `
import assert from 'node:assert/strict';
import { BackpropTrainer } from '@evoprop/backprop';
import { sequential } from '@evoprop/core';
import { dense } from '@evoprop/core/layers';
import { fromArray, Rng } from '@evoprop/tensor';
import { TransferTrainer, countParams } from '@evoprop/transfer';

// A user's own data set, written against the Task contract of @evoprop/core.
const xorSplit = { x: fromArray([[0, 0], [0, 1], [1, 0], [1, 1]]), y: fromArray([0, 1, 1, 0]) };
const xorTask = () => ({
  id: 'xor', seed: 0, description: 'XOR of two bits', kind: 'supervised', inputShape: [2], outputSize: 2,
  problem: 'classification', loss: 'softmax-cross-entropy', metric: 'accuracy', train: xorSplit, validation: xorSplit, test: xorSplit,
});

// Pretrain a small net on XOR, then transfer its trunk under a fresh head with the trunk frozen.
const task = xorTask();
const base = sequential([dense(16, { activation: 'tanh', name: 'trunk' }), dense(2, { name: 'head' })], { inputShape: [2], rng: Rng.fromSeed(2) });
const pretrained = await new BackpropTrainer({ optimizer: { name: 'adam', learningRate: 0.05 } }).fit({
  task, model: base, rng: Rng.fromSeed(2), budget: { epochs: 300, target: { metric: 'val.accuracy', value: 1 } },
});
assert.equal(pretrained.metrics.accuracy, 1);
const trunkBefore = Array.from(pretrained.model.params.get('trunk.weight').data);

const transfer = new TransferTrainer({
  freezeTrunk: true,
  trainer: { id: 'fine-tune', config: { optimizer: { name: 'adam', learningRate: 0.05 }, batchSize: 4 } },
});
const result = await transfer.fit({ task, model: pretrained.model, rng: Rng.fromSeed(3), budget: { epochs: 300, target: { metric: 'val.accuracy', value: 1 } } });
assert.equal(result.metrics.accuracy, 1, result.reason);
assert.deepEqual(Array.from(result.model.params.get('trunk.weight').data), trunkBefore, 'the frozen trunk did not move');
assert.deepEqual(countParams(result.model), { trainable: 16 * 2 + 2, frozen: 2 * 16 + 16, total: 82 });
`,
    ts: `
import assert from 'node:assert/strict';
import { type Model, sequential, type SupervisedTask } from '@evoprop/core';
import { dense } from '@evoprop/core/layers';
import { fromArray, Rng } from '@evoprop/tensor';
import { type TransferConfigInput, TransferTrainer, countParams } from '@evoprop/transfer';

// A user's own data set, written against the Task contract of @evoprop/core.
const xorSplit = { x: fromArray([[0, 0], [0, 1], [1, 0], [1, 1]]), y: fromArray([0, 1, 1, 0]) };
const xorTask = (): SupervisedTask => ({
  id: 'xor', seed: 0, description: 'XOR of two bits', kind: 'supervised', inputShape: [2], outputSize: 2,
  problem: 'classification', loss: 'softmax-cross-entropy', metric: 'accuracy', train: xorSplit, validation: xorSplit, test: xorSplit,
});

// A random tanh trunk, frozen; only the new head learns XOR.
const base: Model = sequential([dense(16, { activation: 'tanh', name: 'trunk' }), dense(2, { name: 'head' })], { inputShape: [2], rng: Rng.fromSeed(4) });
const config: TransferConfigInput = {
  freezeTrunk: true,
  trainer: { id: 'fine-tune', config: { optimizer: { name: 'adam', learningRate: 0.05 }, batchSize: 4 } },
};
const result = await new TransferTrainer(config).fit({ task: xorTask(), model: base, rng: Rng.fromSeed(3), budget: { epochs: 300 } });
assert.deepEqual(countParams(result.model), { trainable: 34, frozen: 48, total: 82 });
assert.deepEqual(Array.from(result.model.params.get('trunk.weight').data), Array.from(base.params.get('trunk.weight').data));
`,
  },
  '@evoprop/queue': {
    does: 'parses a queue URL and round-trips a job payload through the wire codec (no Redis needed)',
    esm: `
import assert from 'node:assert/strict';
import { decode, encode, parseQueueUrl } from '@evoprop/queue';

assert.deepEqual(parseQueueUrl('redis://10.0.0.5:6380/2'), { host: '10.0.0.5', port: 6380, db: 2 });
assert.throws(() => parseQueueUrl('localhost:6379'), /expected a queue URL redis:\\/\\/HOST:PORT/);
const back = decode(encode({ weights: new Float32Array([0.5, -1]), best: Infinity }));
assert.deepEqual(Array.from(back.weights), [0.5, -1]);
assert.equal(back.best, Infinity);
`,
    ts: `
import assert from 'node:assert/strict';
import { type QueueExecutorOptions, type RedisAddress, decode, encode, parseQueueUrl } from '@evoprop/queue';

const address: RedisAddress = parseQueueUrl('redis://queue.local');
assert.equal(address.port, 6379);
const options: QueueExecutorOptions = { url: 'redis://queue.local:6379', queue: 'evolution', jobIdPrefix: 'run-1', concurrency: 8 };
assert.equal(options.concurrency, 8);
const bytes = decode(encode(new Uint8Array([1, 2, 3]))) as Uint8Array;
assert.deepEqual(Array.from(bytes), [1, 2, 3]);
`,
  },
  '@evoprop/rl': {
    does: 'samples categorical and Gaussian actions with a seeded Rng; log-probability gradients reach the logits; PPO and REINFORCE run on cart-pole of @evoprop/tasks under an exact step budget',
    with: ['@evoprop/tasks'],
    esm: `
import assert from 'node:assert/strict';
import { categorical, diagonalGaussian } from '@evoprop/rl';
import { Rng, backward, fromArray, mean } from '@evoprop/tensor';

const logits = fromArray([[0, Math.log(3)]]).requireGrad();
const d = categorical(logits);
let ones = 0;
const rng = Rng.fromSeed(1);
for (let i = 0; i < 4000; i++) ones += d.sample(rng)[0];
assert.ok(Math.abs(ones / 4000 - 0.75) < 0.03, \`action 1 drawn \${ones} of 4000 times, expected about 3000\`);
backward(mean(d.logProb(Float32Array.from([1]))));
assert.deepEqual(Array.from(logits.grad.data, (v) => Math.round(v * 100) / 100), [-0.25, 0.25]);
const g = diagonalGaussian(fromArray([[0.5]]), fromArray([Math.log(0.2)]));
assert.ok(Math.abs(g.logProb(Float32Array.from([0.5])).item() - 0.6905) < 1e-3);
`,
    ts: `
import assert from 'node:assert/strict';
import type { ControlTask, FitResult } from '@evoprop/core';
import { type ActionDistribution, PpoTrainer, ReinforceTrainer, categorical } from '@evoprop/rl';
import { createControlTask } from '@evoprop/tasks';
import { Rng, fromArray } from '@evoprop/tensor';

const d: ActionDistribution = categorical(fromArray([[2, 0, -1], [0, 0, 0]]));
assert.deepEqual(Array.from(d.mode()), [0, 0]);
assert.equal(d.sample(Rng.fromSeed(3)).length, 2);
assert.ok(Math.abs((d.entropy().data[1] ?? 0) - Math.log(3)) < 1e-6);

// Both trainers on a short cart-pole under an exact cap: a rollout that would pass it is not started.
const task: ControlTask = createControlTask('cart-pole', 0, { maxSteps: 100 });
const ppo: FitResult = await new PpoTrainer({ envs: 4, steps: 16, batchSize: 32, epochs: 2, evaluationEpisodes: 2 }).fit({
  task, rng: Rng.fromSeed(1), budget: { evaluations: 300 },
});
// Four rollouts of 4 envs × 16 steps; a fifth (64 more) would pass 300.
assert.equal(ppo.cost.evaluations, 256);
assert.equal(ppo.budget?.refusedStep?.evaluations, 64);
assert.equal(typeof ppo.metrics.return, 'number');
const reinforce: FitResult = await new ReinforceTrainer({ episodes: 2, evaluationEpisodes: 2 }).fit({
  task, rng: Rng.fromSeed(1), budget: { evaluations: 300 },
});
assert.ok(reinforce.cost.evaluations <= 300, \`REINFORCE spent \${reinforce.cost.evaluations} of 300 steps\`);
assert.equal(reinforce.cost.evaluations + (reinforce.budget?.unspent?.evaluations ?? 0), 300);
`,
  },
  '@evoprop/hybrid': {
    does: 'a memetic GA and PBT on XOR',
    esm: `
import assert from 'node:assert/strict';
import { MemeticTrainer, PbtTrainer } from '@evoprop/hybrid';
import { fromArray, Rng } from '@evoprop/tensor';

// A user's own data set, written against the Task contract of @evoprop/core.
const xorSplit = { x: fromArray([[0, 0], [0, 1], [1, 0], [1, 1]]), y: fromArray([0, 1, 1, 0]) };
const xorTask = () => ({
  id: 'xor', seed: 0, description: 'XOR of two bits', kind: 'supervised', inputShape: [2], outputSize: 2,
  problem: 'classification', loss: 'softmax-cross-entropy', metric: 'accuracy', train: xorSplit, validation: xorSplit, test: xorSplit,
});

// A GA whose candidates each take 20 Adam steps before they are scored (Lamarckian).
const memetic = new MemeticTrainer({
  strategy: 'ga',
  strategyConfig: { populationSize: 4 },
  mode: 'lamarckian',
  refinement: { steps: 20, optimizer: { name: 'adam', learningRate: 0.05 } },
  model: { hidden: [8], activation: 'tanh' },
});
const m = await memetic.fit({ task: xorTask(), rng: Rng.fromSeed(0), budget: { generations: 20, target: { metric: 'val.accuracy', value: 1 } } });
assert.equal(m.metrics.accuracy, 1, m.reason);
assert.ok(m.cost.gradientSteps > 0 && m.cost.evaluations > 0);

// Population-based training: members exploit and explore their learning rates.
const pbt = new PbtTrainer({ populationSize: 4, interval: 10, model: { hidden: [8], activation: 'tanh' } });
const p = await pbt.fit({ task: xorTask(), rng: Rng.fromSeed(0), budget: { gradientSteps: 4 * 100 } });
assert.equal(p.status, 'budget-exhausted', p.reason);
assert.ok(Array.isArray(p.extras?.bestSchedule));
`,
    ts: `
import assert from 'node:assert/strict';
import type { FitResult, SupervisedTask } from '@evoprop/core';
import { MemeticTrainer } from '@evoprop/hybrid';
import { fromArray, Rng } from '@evoprop/tensor';

// A user's own data set, written against the Task contract of @evoprop/core.
const xorSplit = { x: fromArray([[0, 0], [0, 1], [1, 0], [1, 1]]), y: fromArray([0, 1, 1, 0]) };
const xorTask = (): SupervisedTask => ({
  id: 'xor', seed: 0, description: 'XOR of two bits', kind: 'supervised', inputShape: [2], outputSize: 2,
  problem: 'classification', loss: 'softmax-cross-entropy', metric: 'accuracy', train: xorSplit, validation: xorSplit, test: xorSplit,
});

const memetic = new MemeticTrainer({
  strategy: 'ga',
  strategyConfig: { populationSize: 4 },
  refinement: { steps: 10, optimizer: { name: 'adam', learningRate: 0.05 } },
  model: { hidden: [8], activation: 'tanh' },
});
const result: FitResult = await memetic.fit({ task: xorTask(), rng: Rng.fromSeed(1), budget: { generations: 5 } });
assert.equal(result.status, 'budget-exhausted', result.reason);
assert.equal(result.cost.generations, 5);
`,
  },
};

/** A script that imports one package dynamically and prints its runtime export names as JSON. */
export const exportsScript = (name: string): string => `
const mod = await import(${JSON.stringify(name)});
console.log(JSON.stringify({ exports: Object.keys(mod).sort(), undefinedExports: Object.keys(mod).filter((k) => mod[k] === undefined) }));
`;
