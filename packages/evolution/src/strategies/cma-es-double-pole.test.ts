import { createControlTask } from '@evoprop/tasks';
import { Rng } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { cmaEs } from './cma-es.js';

/**
 * Gomez, Schmidhuber & Miikkulainen 2008 (JMLR 9, Table 3), double pole with velocities: the long
 * pole starts 4° (0.07 rad) from vertical, a network scores the steps it balances, and the task is
 * solved by the first network that balances 100,000 steps; evaluations are networks evaluated.
 * Their CMA-ES entry (Igel 2003) is 895 evaluations; the issue asks for at most 1.5× that.
 */
const solvedAt = 100_000;
const hidden = 5;

describe('CMA-ES on double pole with velocities (Gomez et al. 2008 protocol)', () => {
  const task = createControlTask('double-pole', 0, { maxSteps: solvedAt, start: 'fixed', initialAngle: 0.07, integrator: 'rk4' });
  const inputs = task.observationSize;

  /** Steps balanced by the 6-5-1 tanh network without biases (weights `w`), force 10·y N. */
  const balance = (w: Float64Array): number => {
    const env = task.createEnvironment();
    let obs = env.reset(0);
    const action = new Float32Array(1);
    for (let t = 0; t < solvedAt; t++) {
      let y = 0;
      for (let j = 0; j < hidden; j++) {
        let s = 0;
        for (let i = 0; i < inputs; i++) s += w[j * inputs + i] * obs[i];
        y += w[hidden * inputs + j] * Math.tanh(s);
      }
      action[0] = (Math.tanh(y) + 1) / 2;
      const r = env.step(action);
      if (r.terminated) return t + 1;
      obs = r.observation;
    }
    return solvedAt;
  };

  it('uses the protocol: 6 observations, a fixed start with the long pole at 4°, episodes that can last 100,000 steps', () => {
    expect(inputs).toBe(6);
    expect(task.maxSteps).toBe(solvedAt);
    const env = task.createEnvironment();
    const a = env.reset(0);
    const b = env.reset(12345);
    // Scaled observation [x/4.8, ẋ/2, θ1/0.52, θ̇1/2, θ2/0.52, θ̇2/2]: only θ1 = 0.07 rad is non-zero, whatever the seed.
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(a[2] * 0.52).toBeCloseTo(0.07, 6);
    expect((0.07 * 180) / Math.PI).toBeCloseTo(4, 0);
    expect([a[0], a[1], a[3], a[4], a[5]]).toEqual([0, 0, 0, 0, 0]);
  });

  it('solves it (a network balancing 100,000 steps) within 1.5 × 895 networks evaluated, seed 0', () => {
    const n = hidden * inputs + hidden;
    let state = cmaEs.init(new Array<number>(n).fill(0), { sigma: 0.5 }, Rng.fromSeed(0).fork('cma-es-dpv'));
    let evaluations = 0;
    let best = 0;
    while (evaluations < 1.5 * 895 && best < solvedAt) {
      const asked = cmaEs.ask(state);
      const fitness: number[] = [];
      for (const x of asked.candidates) {
        evaluations++;
        const steps = balance(x);
        best = Math.max(best, steps);
        fitness.push(-steps);
        if (steps >= solvedAt) break;
      }
      if (best >= solvedAt) break;
      state = cmaEs.tell(asked.state, asked.candidates, fitness);
    }
    expect(best).toBe(solvedAt);
    expect(evaluations).toBeLessThanOrEqual(1342);
  });
});
