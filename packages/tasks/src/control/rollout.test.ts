import { type ControlTask, type Episode, mlp, modelPolicy, rollout, vectorEnvironment } from '@evoprop/core';
import { FlopMeter, noGrad, Rng, Tensor } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { createControlTask } from '../registry/registry.js';
import { playEpisode } from './rollout.js';

/** The per-episode loop every caller wrote before the one rollout: scalar environment, one forward per step. */
function referenceEpisode(task: ControlTask, act: (obs: Float32Array) => number | Float32Array, seed: number) {
  const env = task.createEnvironment();
  let obs = env.reset(seed);
  let returnSum = 0;
  let steps = 0;
  let terminated = false;
  let truncated = false;
  const history: Float32Array[] = [];
  while (steps < task.maxSteps) {
    const r = env.step(act(obs));
    steps++;
    returnSum += r.reward;
    obs = r.observation;
    history.push((r as { state?: Float32Array }).state ?? r.observation);
    terminated = r.terminated;
    truncated = r.truncated;
    if (r.done) break;
  }
  return { steps, return: returnSum, fitness: task.episodeFitness?.(steps, returnSum, history) ?? returnSum, terminated, truncated };
}

/** The old argmax / first-outputs rule, one [1, n] forward per step. */
const referenceAct = (task: ControlTask, model: ReturnType<typeof mlp>) => (obs: Float32Array) => {
  const out = noGrad(() => model.forward(new Tensor(Float32Array.from(obs), [1, task.observationSize]), 'eval')).data;
  if (task.actionKind === 'continuous') return Float32Array.from(out.subarray(0, task.actionSize));
  let best = 0;
  for (let a = 1; a < task.actionSize; a++) if (out[a] > out[best]) best = a;
  return best;
};

const seeds = [0, 1, 2, 3, 4, 5, 6, 7, 11, 123456];

/** Double pole from random starts, with an episode fitness that reads every state of the history (its 6 values). */
function doublePoleReadingHistory(): ControlTask {
  const task = createControlTask('double-pole-nv', 1, { start: 'random', maxSteps: 300 });
  return {
    ...task,
    episodeFitness: (steps, returnSum, history) => {
      let sum = 0;
      for (const state of history) for (const v of state) sum += Math.abs(v) * state.length;
      return steps + returnSum + sum;
    },
  };
}

describe('rollout: terminated vs truncated', () => {
  const task = createControlTask('cart-pole', 3, { maxSteps: 200 });
  const balance = (o: Float32Array) => (o[2] + 0.5 * o[3] > 0 ? 1 : 0);

  it('a pole that falls terminates the episode; it is not truncated', () => {
    const fell = playEpisode(task, () => 1, 0);
    expect(fell.steps).toBeLessThan(60);
    expect([fell.terminated, fell.truncated]).toEqual([true, false]);
    const env = task.createEnvironment();
    env.reset(0);
    let r = env.step(1);
    while (!r.done) r = env.step(1);
    expect([r.terminated, r.truncated]).toEqual([true, false]);
  });

  it('balancing until the step limit truncates the episode; it is not terminated', () => {
    const held = playEpisode(task, balance, 0);
    expect(held.steps).toBe(200);
    expect([held.terminated, held.truncated]).toEqual([false, true]);
    const env = task.createEnvironment();
    let obs = env.reset(0);
    for (let t = 1; t <= 200; t++) {
      const r = env.step(balance(obs));
      obs = r.observation;
      expect([r.terminated, r.truncated, r.done]).toEqual([false, t === 200, t === 200]);
    }
  });

  it('the vectorised cart-pole says the same, environment by environment', () => {
    const [fell, held] = [
      rollout(task, { act: (_o, envs, a) => a.fill(1, 0, envs.length) }, [0])[0],
      rollout(task, { act: (o, envs, a) => envs.forEach((_, r) => (a[r] = balance(o.subarray(r * 4)))) }, [0])[0],
    ];
    expect([fell.terminated, fell.truncated, held.terminated, held.truncated]).toEqual([true, false, false, true]);
  });
});

describe.each([
  ['cart-pole', createControlTask('cart-pole', 1)],
  ['cart-pole continuous', createControlTask('cart-pole', 2, { actions: 'continuous' })],
  ['double-pole-nv, episode fitness over the full states', doublePoleReadingHistory()],
  [
    'double-pole-nv through the fallback (scalar environments side by side)',
    { ...doublePoleReadingHistory(), createVectorEnvironment: undefined },
  ],
  ['double-pole, discrete actions', createControlTask('double-pole', 4, { start: 'random', actions: 'discrete', maxSteps: 300 })],
])('vectorised rollout on %s', (_name, task) => {
  const model = mlp({ inputSize: task.observationSize, hidden: [8], outputSize: task.actionSize, activation: 'tanh' }, Rng.fromSeed(3));

  it('gives each episode exactly what one rollout of its seed gives, and what the old per-step loop gave', () => {
    const meter = new FlopMeter();
    const together = meter.measure(() => rollout(task, modelPolicy(model, task), seeds));
    const flopsTogether = meter.flops;
    const alone: Episode[] = [];
    const single = new FlopMeter();
    single.measure(() => {
      for (const seed of seeds) alone.push(rollout(task, modelPolicy(model, task), [seed])[0]);
    });
    expect(together).toEqual(alone);
    expect(flopsTogether).toBe(single.flops);
    const reference = seeds.map((seed) => referenceEpisode(task, referenceAct(task, model), seed));
    expect(together).toEqual(reference);
    // The episodes differ in length, so environments finish at different steps.
    expect(new Set(together.map((e) => e.steps)).size).toBeGreaterThan(1);
  });
});

describe('resetWhere: restarting some environments of a vector environment', () => {
  it.each([
    ['cart-pole', true],
    ['double-pole', true],
    ['cart-pole', false],
  ])('%s (its own vector environment: %s): flagged environments start the seeded episode, the others keep their state', (id, own) => {
    const built = createControlTask(id, 3);
    // Without its own vector environment, core's vectorEnvironment steps scalar environments side by side.
    const task: ControlTask = own ? built : { ...built, createVectorEnvironment: undefined };
    const k = task.observationSize;
    const envs = vectorEnvironment(task, 3);
    if (envs?.resetWhere === undefined) throw new Error(`${id} has no resetWhere`);
    envs.reset([10, 11, 12]);
    const actions = new Float32Array(3).fill(task.actionKind === 'discrete' ? 1 : 0.8);
    const all = new Uint8Array(3).fill(1);
    for (let t = 0; t < 3; t++) envs.step(actions, all);
    const before = Float32Array.from(envs.step(actions, all).observations);
    const after = envs.resetWhere([20, 21, 22], Uint8Array.from([0, 1, 0]));
    expect(Array.from(after.subarray(0, k))).toEqual(Array.from(before.subarray(0, k)));
    expect(Array.from(after.subarray(2 * k))).toEqual(Array.from(before.subarray(2 * k)));
    expect(Array.from(after.subarray(k, 2 * k))).toEqual(Array.from(task.createEnvironment().reset(21)));
    // The restarted environment steps on from its new start, as a scalar environment would.
    const scalar = task.createEnvironment();
    scalar.reset(21);
    const stepped = envs.step(actions, Uint8Array.from([0, 1, 0])).observations.subarray(k, 2 * k);
    expect(Array.from(stepped)).toEqual(Array.from(scalar.step(task.actionKind === 'discrete' ? 1 : Float32Array.of(0.8)).observation));
  });
});
