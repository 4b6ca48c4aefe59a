import { fromArray } from '@evoprop/tensor';
import type { ObjectiveTask, SupervisedTask } from '../contract/task.js';

const xorX = fromArray([
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
]);

/** The four XOR points as a two-class task (train = validation = test). Tiny, for tests. */
export function xorTask(seed = 0): SupervisedTask {
  const split = { x: xorX, y: fromArray([0, 1, 1, 0]) };
  return {
    id: 'xor-reference',
    seed,
    description: 'XOR of two bits as two-class classification (4 samples; reference task for tests)',
    kind: 'supervised',
    inputShape: [2],
    outputSize: 2,
    problem: 'classification',
    loss: 'softmax-cross-entropy',
    metric: 'accuracy',
    solvedAt: 1,
    train: split,
    validation: split,
    test: split,
  };
}

/** XOR as regression with targets of ±1e30: every squared error overflows float32, so training must end as 'diverged'. */
export function hugeTargetTask(seed = 0): SupervisedTask {
  const split = { x: xorX, y: fromArray([[-1e30], [1e30], [1e30], [-1e30]]) };
  return {
    id: 'huge-targets-reference',
    seed,
    description: 'XOR with targets of 1e30, whose squared error is not finite in float32 (a diverging setup)',
    kind: 'supervised',
    inputShape: [2],
    outputSize: 1,
    problem: 'regression',
    loss: 'mse',
    metric: 'mse',
    train: split,
    validation: split,
    test: split,
  };
}

/** f(x) = Σ xᵢ², minimum 0 at the origin. */
export function sphereTask(dimension = 5, seed = 0): ObjectiveTask {
  return {
    id: 'sphere-reference',
    seed,
    description: `sphere function in ${dimension} dimensions (reference task for tests)`,
    kind: 'objective',
    dimension,
    metric: 'objective',
    evaluate: (x) => {
      let s = 0;
      for (let i = 0; i < x.length; i++) s += (x[i] as number) ** 2;
      return s;
    },
    optimum: 0,
    initialPoint: new Float64Array(dimension).fill(3),
    sigma: 1,
  };
}

/** An objective that is NaN everywhere: a trainer must end as 'diverged', not throw. */
export function nanObjectiveTask(dimension = 3, seed = 0): ObjectiveTask {
  return {
    ...sphereTask(dimension, seed),
    id: 'nan-objective-reference',
    description: 'an objective that is NaN everywhere (a diverging setup)',
    evaluate: () => Number.NaN,
  };
}
