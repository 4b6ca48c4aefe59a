import { type LayeredModel, type SupervisedTask, sequential } from '@evoprop/core';
import { dense } from '@evoprop/core/layers';
import { Rng, Tensor } from '@evoprop/tensor';

/** A small seeded 3-class problem on 4 inputs (class = argmax of a fixed linear map), for tests. */
export function toyTask(seed: number, n = 60, mixing = 0): SupervisedTask {
  const rng = Rng.fromSeed(seed);
  const split = (m: number, label: string) => {
    const r = rng.fork(label);
    const x = new Float32Array(m * 4);
    const y = new Float32Array(m);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < 4; j++) x[i * 4 + j] = r.normal();
      const a = x[i * 4] as number;
      const b = (x[i * 4 + 1] as number) + mixing * (x[i * 4 + 2] as number);
      y[i] = a > 0.3 ? 0 : b > 0 ? 1 : 2;
    }
    return { x: new Tensor(x, [m, 4]), y: new Tensor(y, [m]) };
  };
  return {
    id: `toy-${seed}`,
    seed,
    description: 'toy 3-class problem (tests)',
    kind: 'supervised',
    inputShape: [4],
    outputSize: 3,
    problem: 'classification',
    loss: 'softmax-cross-entropy',
    metric: 'accuracy',
    train: split(n, 'train'),
    validation: split(20, 'validation'),
    test: split(40, 'test'),
  };
}

/** A 4-16-16-3 MLP with named layers. */
export const toyNet = (seed = 1): LayeredModel =>
  sequential([dense(16, { activation: 'tanh', name: 'fc1' }), dense(16, { activation: 'tanh', name: 'fc2' }), dense(3, { name: 'head' })], {
    inputShape: [4],
    rng: Rng.fromSeed(seed),
  });

export const bytesOf = (a: Float32Array): number[] => Array.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));

/** Euclidean distance between a parameter's values in two models. */
export function drift(a: { params: { get(n: string): Tensor } }, b: { params: { get(n: string): Tensor } }, name: string): number {
  const x = a.params.get(name).data;
  const y = b.params.get(name).data;
  let s = 0;
  for (let i = 0; i < x.length; i++) s += ((x[i] as number) - (y[i] as number)) ** 2;
  return Math.sqrt(s);
}
