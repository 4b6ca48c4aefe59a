import type { SupervisedTask } from '@evoprop/core';
import { createTask } from '@evoprop/tasks';
import { FlopMeter, Rng } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { BackpropTrainer } from '../trainer/backprop-trainer.js';
import { adam, adamw, sgd } from './aliases.js';
import { clipByGlobalNorm } from './clip.js';
import { type GradientTransformation, applyUpdatesInPlace, chain } from './transform.js';

// The optimizer's own arithmetic is part of a trainer's cost (DESIGN: equal FLOPs); these pin
// the per-parameter counts so a refactor that drops a recordFlops call is caught.
function flopsOfOneStep(t: GradientTransformation<unknown>, n: number): number {
  const meter = new FlopMeter();
  const g = new Float32Array(n).fill(0.5);
  const p = new Float32Array(n).fill(1);
  meter.measure(() => {
    const [u] = t.update(g, t.init(n), p);
    applyUpdatesInPlace(p, u);
  });
  return meter.flops;
}

describe('optimizer FLOPs', () => {
  it('charges each transform per parameter and the in-place apply', () => {
    expect(flopsOfOneStep(sgd({ lr: 0.1 }), 10)).toBe(10 * (1 + 1));
    expect(flopsOfOneStep(sgd({ lr: 0.1, momentum: 0.9 }), 10)).toBe(10 * (2 + 1 + 1));
    expect(flopsOfOneStep(adam({ lr: 1e-3 }), 10)).toBe(10 * (12 + 1 + 1));
    expect(flopsOfOneStep(adamw({ lr: 1e-3 }), 10)).toBe(10 * (12 + 2 + 1 + 1));
  });

  it('charges the norm of a clip, and the rescale only when it clips', () => {
    expect(flopsOfOneStep(chain(clipByGlobalNorm(100)), 4)).toBe(4 * 2 + 4);
    expect(flopsOfOneStep(chain(clipByGlobalNorm(0.1)), 4)).toBe(4 * 3 + 4);
  });

  it("reaches the trainer's cost: one Adam step costs 12 FLOPs per parameter more than one SGD step", async () => {
    const fit = (name: 'sgd' | 'adam') =>
      new BackpropTrainer({ optimizer: { name, learningRate: 0.01 }, batchSize: 4, hidden: [5] }).fit({
        task: createTask('xor', 1) as SupervisedTask,
        rng: Rng.fromSeed(1),
        budget: { gradientSteps: 1 },
      });
    const [s, a] = [await fit('sgd'), await fit('adam')];
    expect(a.model.params.size).toBe(2 * 5 + 5 + 5 * 2 + 2);
    expect(a.cost.flops - s.cost.flops).toBe(12 * a.model.params.size);
  });
});
