import { sequential } from '@evoprop/core';
import { dense } from '@evoprop/core/layers';
import { Rng } from '@evoprop/tensor';
import { describe, expect, it } from 'vitest';
import { GradientHealth } from './gradient-health.js';

const model = () => sequential([dense(3, { activation: 'relu' }), dense(2)], { inputShape: [2], rng: Rng.fromSeed(1) });

describe('GradientHealth', () => {
  it('reports per-layer mean gradient norms and update-to-weight ratios over the epoch', () => {
    const m = model(); // dense1: weight 6 + bias 3 values; dense2: weight 6 + bias 2
    const h = new GradientHealth(m);
    const s = h.init();
    const g = new Float32Array(m.params.size);
    g.fill(1, 0, 9); // dense1 norm 3
    g.fill(2, 9); // dense2 norm 2·√8
    const u = new Float32Array(m.params.size).fill(0.001);
    h.observe(s, g, u, m.params.vector);
    h.observe(s, g, u, m.params.vector);
    const events = h.flush(s, 2);
    const norms = events.find((e) => e.type === 'diagnostic' && e.name === 'gradient-norm');
    expect(norms?.type === 'diagnostic' && norms.values.dense1).toBeCloseTo(3, 6);
    expect(norms?.type === 'diagnostic' && norms.values.dense2).toBeCloseTo(2 * Math.sqrt(8), 5);
    expect(norms?.type === 'diagnostic' && norms.values.global).toBeCloseTo(Math.sqrt(9 + 32), 5);
    const w1 = Math.hypot(...m.params.vector.subarray(0, 9));
    const ratio = events.find((e) => e.type === 'diagnostic' && e.name === 'update-to-weight');
    expect(ratio?.type === 'diagnostic' && ratio.values.dense1).toBeCloseTo((0.001 * 3) / w1, 6);
    expect(s.steps).toBe(0); // flushed
  });

  it('counts a ReLU unit dead only when its bias gradient was zero on every step of the epoch', () => {
    const m = model();
    const h = new GradientHealth(m);
    const s = h.init();
    const g = new Float32Array(m.params.size);
    const bias = m.params.entry('dense1.bias').offset;
    g[bias] = 0.5; // unit 0 alive on step 1 only
    h.observe(s, g, g, m.params.vector);
    g[bias] = 0;
    h.observe(s, g, g, m.params.vector);
    const dead = h.flush(s, 2).find((e) => e.type === 'diagnostic' && e.name === 'dead-relu');
    expect(dead?.type === 'diagnostic' && dead.values.dense1).toBeCloseTo(2 / 3, 6);
  });

  it('warns once about exploding gradients (100× the first epoch) and vanishing ones (1e-4 of the largest layer)', () => {
    const m = model();
    const h = new GradientHealth(m);
    const s = h.init();
    const epoch = (k1: number, k2: number) => {
      const g = new Float32Array(m.params.size);
      g.fill(k1, 0, 9);
      g.fill(k2, 9);
      h.observe(s, g, g, m.params.vector);
      return h.flush(s, 1).filter((e) => e.type === 'warning');
    };
    expect(epoch(1, 1)).toEqual([]);
    expect(epoch(500, 500).map((e) => (e.type === 'warning' ? e.message : ''))).toEqual([
      expect.stringMatching(/^exploding gradient: global norm/),
    ]);
    expect(epoch(500, 500)).toEqual([]); // once per run
    expect(epoch(1e-6, 1).map((e) => (e.type === 'warning' ? e.message : ''))).toEqual([
      expect.stringMatching(/^vanishing gradient: layer 'dense1'/),
    ]);
  });
});
