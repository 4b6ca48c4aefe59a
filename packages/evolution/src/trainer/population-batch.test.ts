import { type Model, sequential } from '@evoprop/core';
import { dense } from '@evoprop/core/layers';
import { fromArrays } from '@evoprop/tasks';
import { createBackend, FlopMeter, noGrad, Rng, randn, type Tensor, withBackend } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { EvolutionTrainer } from './evolution-trainer.js';
import { populationForward } from './population-batch.js';

const bytes = (t: Tensor | Float32Array): string => {
  const d = t instanceof Float32Array ? t : t.data;
  return Buffer.from(d.buffer, d.byteOffset, d.byteLength).toString('hex');
};

function candidates(model: Model, count: number, seed: number): Float32Array[] {
  const rng = Rng.fromSeed(seed);
  return Array.from({ length: count }, () => {
    const v = Float32Array.from(model.params.vector);
    for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) + 0.3 * rng.normal();
    return v;
  });
}

/** Each candidate's output from its own forward, and the FLOPs of all of them. */
function oneByOne(model: Model, x: Tensor, vectors: readonly Float32Array[]): { outputs: string[]; flops: number } {
  const meter = new FlopMeter();
  const outputs = meter.measure(() =>
    noGrad(() =>
      vectors.map((v) => {
        model.params.vector.set(v);
        return bytes(model.forward(x, 'eval'));
      }),
    ),
  );
  return { outputs, flops: meter.flops };
}

const backends = [
  ['js', createBackend('js')],
  ['wasm', createBackend('wasm', { threads: 1 })],
] as const;

describe('populationForward', () => {
  describe.each(backends)('on the %s kernels', (_name, backend) => {
    it('gives every candidate the bytes of its own forward, and the same FLOPs', () => {
      withBackend(backend, () => {
        const model = sequential(
          [dense(32, { activation: 'relu' }), dense(16, { activation: 'tanh' }), dense(3, { activation: 'softmax' })],
          { inputShape: [48], rng: Rng.fromSeed(1) },
        );
        const x = randn([64, 48], Rng.fromSeed(2));
        const vectors = candidates(model, 7, 3);
        const forward = populationForward(model);
        expect(forward).not.toBeNull();
        const meter = new FlopMeter();
        const batched = meter.measure(() => noGrad(() => forward?.(x, vectors)));
        const reference = oneByOne(model.clone(), x, vectors);
        expect(batched?.map(bytes)).toEqual(reference.outputs);
        expect(meter.flops).toBe(reference.flops);
      });
    });

    it('handles a lone dense layer without bias (no rest of the network)', () => {
      withBackend(backend, () => {
        const model = sequential([dense(40, { useBias: false, activation: 'gelu' })], { inputShape: [30], rng: Rng.fromSeed(4) });
        const x = randn([50, 30], Rng.fromSeed(5));
        const vectors = candidates(model, 3, 6);
        const batched = noGrad(() => populationForward(model)?.(x, vectors));
        expect(batched?.map(bytes)).toEqual(oneByOne(model.clone(), x, vectors).outputs);
      });
    });
  });

  it('declines what it cannot batch: a softmax first layer, image inputs, a lone candidate, a product the plain kernels multiply in their small loop', () => {
    const softmaxFirst = sequential([dense(8, { activation: 'softmax' })], { inputShape: [4] });
    expect(populationForward(softmaxFirst)).toBeNull();
    const images = sequential([dense(8)], { inputShape: [4, 4] });
    expect(populationForward(images)).toBeNull();
    const model = sequential([dense(8), dense(2)], { inputShape: [4] });
    const forward = populationForward(model);
    const vectors = candidates(model, 2, 7);
    expect(forward?.(randn([10, 4], Rng.fromSeed(8)), vectors)).toBeNull(); // 10·8·4 multiply-adds
    const wide = sequential([dense(64), dense(2)], { inputShape: [64] });
    expect(populationForward(wide)?.(randn([16, 64], Rng.fromSeed(9)), candidates(wide, 1, 10))).toBeNull();
  });
});

describe('EvolutionTrainer with population-batched fitness', () => {
  it('trains to byte-identical weights, metrics and FLOPs with and without batching', async () => {
    const data = Rng.fromSeed(11);
    const inputs = Array.from({ length: 200 }, () => Array.from({ length: 48 }, () => data.uniform(-1, 1)));
    const labels = inputs.map((row) => ((row[0] as number) + (row[1] as number) > 0 ? 'up' : 'down'));
    const task = fromArrays(inputs, labels, { seed: 1 });
    const run = (populationBatch: boolean) =>
      new EvolutionTrainer({
        strategy: 'openAiEs',
        model: { hidden: [32], activation: 'relu' },
        strategyConfig: { populationSize: 12, sigma: 0.05 },
        fitnessBatchSize: 64,
        fitness: { populationBatch },
      }).fit({ task, rng: Rng.fromSeed(2), budget: { generations: 4 } });
    const [one, batched] = [await run(false), await run(true)];
    expect(bytes(batched.model.params.vector)).toBe(bytes(one.model.params.vector));
    expect(batched.history.map((e) => e.metrics)).toEqual(one.history.map((e) => e.metrics));
    expect(batched.cost.flops).toBe(one.cost.flops);
    expect(batched.cost.evaluations).toBe(one.cost.evaluations);
    // The batched path really ran: the trainer's 48-32-2 model allows it on 64-row batches.
    const forward = populationForward(batched.model);
    expect(forward?.(randn([64, 48], Rng.fromSeed(12)), candidates(batched.model, 12, 13))).toHaveLength(12);
  });
});
