import { Rng } from '@evoprop/tensor';
import { describe, expect, it, vi } from 'vitest';
import { minimize } from '../minimize.js';
import { rastrigin, sphere } from '../testing-fixtures/objectives.js';
import { centredRanks } from '../util/vector.js';
import { type OpenAiEsConfig, openAiEs } from './openai-es.js';

const n = 10;

describe('openAiEs', () => {
  it("takes the optimizer's learning rate as learningRate; the old name lr still works, with one deprecation warning", () => {
    const emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const run = (optimizer: Record<string, unknown>) => {
      let s = openAiEs.init({ mean: [1, -1], sigma: 0.1, populationSize: 6, optimizer } as never, Rng.fromSeed(3));
      for (let g = 0; g < 3; g++) {
        const asked = openAiEs.ask(s);
        s = openAiEs.tell(
          asked.state,
          asked.candidates,
          asked.candidates.map((c) => sphere(c)),
        );
      }
      return s;
    };
    const now = run({ name: 'adam', learningRate: 0.1 });
    expect(emit).not.toHaveBeenCalled();
    const old = run({ name: 'adam', lr: 0.1 });
    run({ name: 'adam', lr: 0.1 });
    expect(Array.from(old.mean)).toEqual(Array.from(now.mean));
    expect(old.optimizer).toEqual(now.optimizer);
    expect(emit).toHaveBeenCalledTimes(1);
    expect(String(emit.mock.calls[0]?.[0])).toMatch(/optimizer: 'lr' is deprecated, write 'learningRate'/);
    emit.mockRestore();
  });

  it('samples antithetic pairs θ ± σε', () => {
    const s = openAiEs.init({ mean: [1, 2, 3], sigma: 0.5, populationSize: 4 }, Rng.fromSeed(0));
    const { candidates } = openAiEs.ask(s);
    for (let i = 0; i < 3; i++) {
      expect(candidates[0][i] + candidates[1][i]).toBeCloseTo(2 * (i + 1), 12);
      expect(candidates[2][i] + candidates[3][i]).toBeCloseTo(2 * (i + 1), 12);
    }
  });

  it('centred ranks span [-0.5, 0.5] with the best (lowest) fitness at -0.5', () => {
    expect(Array.from(centredRanks([3, 1, 2, 10, -4]))).toEqual([0.25, -0.25, 0, 0.5, -0.5]);
    expect(Array.from(centredRanks([1, 1, 0]))).toEqual([0.25, 0.25, -0.5]);
  });

  it('one step with plain SGD moves the mean along minus the estimated gradient', () => {
    // f(x) = x₀: the gradient is e₀; the ES estimate is positive along x₀ and descends it.
    let s = openAiEs.init({ mean: [0, 0], sigma: 0.1, populationSize: 200, optimizer: { name: 'sgd', learningRate: 1 } }, Rng.fromSeed(1));
    const asked = openAiEs.ask(s);
    s = openAiEs.tell(
      asked.state,
      asked.candidates,
      asked.candidates.map((x) => x[0]),
    );
    expect(s.mean[0]).toBeLessThan(-1);
    expect(Math.abs(s.mean[1])).toBeLessThan(Math.abs(s.mean[0]) / 5);
  });

  /** One generation on flat fitness (the estimated gradient is 0): only the regularizers move the mean. */
  const flatStep = (config: OpenAiEsConfig & { mean: number[] }) => {
    const s = openAiEs.init(config, Rng.fromSeed(2));
    const asked = openAiEs.ask(s);
    return Array.from(
      openAiEs.tell(
        asked.state,
        asked.candidates,
        asked.candidates.map(() => 1),
      ).mean,
    );
  };

  it('l2 pulls the mean to zero when fitness is flat', () => {
    expect(flatStep({ mean: [4, -4], l2: 0.5, optimizer: { name: 'sgd', learningRate: 1 } })).toEqual([2, -2]);
  });

  it('l2 is coupled (into the gradient, so Adam rescales it); the optimizer weightDecay of adamw is decoupled (not rescaled)', () => {
    // Coupled: g = 0.5·θ, Adam's first step is lr·sign(g) = 0.1. Decoupled: lr·λ·θ = 0.1·0.5·4 = 0.2.
    const coupled = flatStep({ mean: [4, -4], l2: 0.5, optimizer: { name: 'adam', learningRate: 0.1 } });
    coupled.forEach((v, i) => expect(v).toBeCloseTo([3.9, -3.9][i] as number, 5));
    const decoupled = flatStep({ mean: [4, -4], optimizer: { name: 'adamw', learningRate: 0.1, weightDecay: 0.5 } });
    decoupled.forEach((v, i) => expect(v).toBeCloseTo([3.8, -3.8][i] as number, 5));
    const viaOptimizer = flatStep({ mean: [4, -4], optimizer: { name: 'adam', learningRate: 0.1, l2: 0.5 } });
    viaOptimizer.forEach((v, i) => expect(v).toBeCloseTo([3.9, -3.9][i] as number, 5));
  });

  it('weightDecay, its old name, is a deprecated alias of l2: the same mean, one warning', () => {
    const emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      const config = { mean: [4, -4], optimizer: { name: 'adam' as const, learningRate: 0.1 } };
      expect(flatStep({ ...config, weightDecay: 0.5 } as OpenAiEsConfig & { mean: number[] })).toEqual(flatStep({ ...config, l2: 0.5 }));
      expect(emit).toHaveBeenCalledTimes(1);
      expect(String(emit.mock.calls[0]?.[0])).toMatch(/'weightDecay' is deprecated, write 'l2'/);
    } finally {
      emit.mockRestore();
    }
  });

  it('10-D sphere: from f = 90 to f(mean) < 0.05 in 300 generations of 40', () => {
    for (const seed of [0, 1]) {
      const s = minimize(
        openAiEs,
        {
          mean: new Array(n).fill(3),
          sigma: 0.5,
          sigmaDecay: 0.98,
          sigmaMin: 0.01,
          populationSize: 40,
          optimizer: { name: 'adam', learningRate: 0.1 },
        },
        sphere,
        { rng: Rng.fromSeed(seed), generations: 300 },
      );
      expect(sphere(s.mean)).toBeLessThan(0.05);
    }
  });

  it('10-D Rastrigin: large σ smooths the landscape and the mean reaches the central basin (f < 8; random search with the same budget ≈ 60)', () => {
    for (const seed of [0, 1]) {
      const x0 = Rng.fromSeed(100 + seed).fillUniform(new Float64Array(n), -5.12, 5.12);
      const s = minimize(
        openAiEs,
        { mean: x0, sigma: 2, sigmaDecay: 0.99, sigmaMin: 0.02, populationSize: 100, optimizer: { name: 'adam', learningRate: 0.1 } },
        rastrigin,
        { rng: Rng.fromSeed(seed), generations: 400 },
      );
      expect(rastrigin(s.mean)).toBeLessThan(8);
    }
  });

  it('rejects an odd population with antithetic sampling', () => {
    expect(() => openAiEs.init({ mean: [0], populationSize: 5 }, Rng.fromSeed(0))).toThrow(/even populationSize.*got 5/);
    expect(() => openAiEs.init({ mean: [0], optimizer: { name: 'adamm', learningRate: 1 } } as never, Rng.fromSeed(0))).toThrow(
      /optimizer.name/,
    );
  });
});
