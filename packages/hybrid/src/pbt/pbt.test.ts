import type { Checkpoint } from '@evoprop/core';
import { decodeState } from '@evoprop/core/training';
import { xorTask } from '@evoprop/core/testing';
import { Rng } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { truncationSelection } from './exploit.js';
import { type Hyperparameters, exploreHyperparameters, memberOptimizer, pbtSearchSpaceSchema } from './hyperparameters.js';
import { type PbtScheduleEntry, PbtTrainer } from './pbt-trainer.js';

type Snapshot = {
  vectors: Float32Array[];
  members: { hyper: Hyperparameters; optimizer: { inner: unknown[] } }[];
  schedule: PbtScheduleEntry[];
};
const bytes = (a: Float32Array) => Array.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
const traceOf = (m: Snapshot['members'][number]) => (m.optimizer.inner[1] as { trace: Float32Array }).trace;

describe('PBT exploit', () => {
  it('copies weights and optimizer state byte for byte, then explores the hyperparameters', async () => {
    const saved: Checkpoint[] = [];
    const trainer = new PbtTrainer({
      populationSize: 2,
      interval: 3,
      truncation: 0.5,
      resampleProbability: 0,
      model: { hidden: [4], activation: 'tanh' },
    });
    await trainer.fit({
      task: xorTask(),
      rng: Rng.fromSeed(3),
      budget: { gradientSteps: 6 },
      checkpoint: { every: 1, save: (c) => saved.push(c) },
    });
    const at = (step: number) => decodeState(JSON.parse(JSON.stringify(saved[step - 1]?.state))) as Snapshot;
    const before = at(2);
    const after = at(3);
    const exploit = after.schedule.find((e) => e.step === 3 && e.action === 'exploit') as PbtScheduleEntry;
    expect(exploit).toBeDefined();
    const { member, source } = exploit as { member: number; source: number };
    // Before the ready round the two members differ in weights and momentum buffers...
    expect(bytes(before.vectors[member] as Float32Array)).not.toEqual(bytes(before.vectors[source] as Float32Array));
    expect(bytes(traceOf(before.members[member] as Snapshot['members'][number]))).not.toEqual(
      bytes(traceOf(before.members[source] as Snapshot['members'][number])),
    );
    // ...after it the loser holds exact copies of the winner's.
    expect(bytes(after.vectors[member] as Float32Array)).toEqual(bytes(after.vectors[source] as Float32Array));
    const m = after.members[member] as Snapshot['members'][number];
    const s = after.members[source] as Snapshot['members'][number];
    expect(bytes(traceOf(m))).toEqual(bytes(traceOf(s)));
    // Explore: every searched hyperparameter moved by exactly ×0.8 or ×1.2 (or hit its bound).
    for (const k of ['learningRate', 'l2', 'momentum'] as const) {
      const ratio = m.hyper[k] / s.hyper[k];
      const space = pbtSearchSpaceSchema.parse({})[k] as { min: number; max: number };
      const clamped = m.hyper[k] === space.min || m.hyper[k] === space.max;
      expect(clamped || Math.abs(ratio - 0.8) < 1e-9 || Math.abs(ratio - 1.2) < 1e-9).toBe(true);
    }
  });

  it('returns the schedule of every member and of the returned one', async () => {
    const r = await new PbtTrainer({ populationSize: 4, interval: 5, model: { hidden: [4], activation: 'tanh' } }).fit({
      task: xorTask(),
      rng: Rng.fromSeed(1),
      budget: { gradientSteps: 4 * 20 },
    });
    const schedule = r.extras?.pbtSchedule as PbtScheduleEntry[];
    // 4 members × (init + 4 ready rounds)
    expect(schedule).toHaveLength(4 * 5);
    expect(new Set(schedule.map((e) => e.step))).toEqual(new Set([0, 5, 10, 15, 20]));
    for (const e of schedule) expect(e.learningRate).toBeGreaterThan(0);
    const best = r.extras?.bestSchedule as PbtScheduleEntry[];
    expect(best.map((e) => e.step)).toEqual([0, 5, 10, 15, 20]);
    expect(schedule.filter((e) => e.action === 'exploit')).toHaveLength(4);
  });
});

describe('PBT config', () => {
  it('takes the old evaluationSize as fitnessBatchSize (deprecated alias, same config)', () => {
    expect(new PbtTrainer({ evaluationSize: 6 }).config).toEqual(new PbtTrainer({ fitnessBatchSize: 6 }).config);
  });
});

describe('member hyperparameters', () => {
  const h: Hyperparameters = { learningRate: 0.1, l2: 0.01, momentum: 0.5, dropout: 0, batchSize: 8 };

  it('learning rate and weight decay act on the update (SGD: u = −lr·(g + wd·p), then momentum)', () => {
    const p = Float32Array.from([1, -2, 3]);
    const opt = memberOptimizer('sgd', h, new Uint8Array([1, 1, 1]));
    const zero = new Float32Array(3);
    const [u1, s1] = opt.update(zero, opt.init(3), p);
    expect(u1[0]).toBeCloseTo(-0.001, 7);
    expect(u1[1]).toBeCloseTo(0.002, 7);
    const [u2] = opt.update(zero, s1, p);
    expect(u2[0]).toBeCloseTo(-0.001 * 1.5, 7); // trace: b = 0.5·b + g
    const faster = memberOptimizer('sgd', { ...h, learningRate: 0.2, l2: 0.02 }, new Uint8Array([1, 1, 1]));
    expect(faster.update(zero, faster.init(3), p)[0][0]).toBeCloseTo(-0.004, 7);
  });

  it('keeps one state structure for every value, so a copied state fits new hyperparameters', () => {
    const a = memberOptimizer('adam', h, new Uint8Array(3));
    const b = memberOptimizer('adam', { ...h, momentum: 0, l2: 0 }, new Uint8Array(3));
    expect(JSON.stringify(a.init(3))).toEqual(JSON.stringify(b.init(3)));
  });

  it('explore perturbs by ×0.8 / ×1.2 inside the range, resamples from the prior, and leaves fixed ones alone', () => {
    const space = pbtSearchSpaceSchema.parse({ learningRate: { min: 0.01, max: 0.11 }, batchSize: 8 });
    const rng = Rng.fromSeed(2);
    for (let i = 0; i < 50; i++) {
      const next = exploreHyperparameters(space, h, rng, { factors: [0.8, 1.2], resampleProbability: 0 });
      expect([0.08, 0.11]).toContainEqual(expect.closeTo(next.learningRate, 12));
      expect(next.batchSize).toBe(8);
      expect(next.dropout).toBe(0);
      const resampled = exploreHyperparameters(space, h, rng, { factors: [0.8, 1.2], resampleProbability: 1 });
      expect(resampled.learningRate).toBeGreaterThanOrEqual(0.01);
      expect(resampled.learningRate).toBeLessThanOrEqual(0.11);
    }
  });
});

describe('truncationSelection', () => {
  it('replaces the bottom quarter by members of the top quarter; non-finite scores rank last', () => {
    const scores = [0.5, Number.NaN, 0.9, 0.1, 0.7, 0.8, 0.3, 0.6];
    const r = truncationSelection(scores, 0.25, Rng.fromSeed(0));
    expect(r.map((x) => x.member).sort()).toEqual([1, 3]);
    for (const x of r) expect([2, 5]).toContain(x.source);
    expect(truncationSelection([1], 0.25, Rng.fromSeed(0))).toEqual([]);
    expect(truncationSelection([1, 0], 0.25, Rng.fromSeed(0))).toEqual([{ member: 1, source: 0 }]);
  });
});
