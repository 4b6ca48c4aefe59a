import { describe, expect, it } from 'vitest';
import { cosineWithWarmup } from '../schedules/schedule.js';
import { adabelief, adagrad, adam, adamw, lion, momentum, nesterov, rmsprop, sgd } from './aliases.js';
import { type GradientTransformation, applyUpdates } from './transform.js';

// A quadratic bowl f(p) = ½ Σ aᵢ (pᵢ − cᵢ)², gradient aᵢ (pᵢ − cᵢ); ill-conditioned on purpose.
const a = [1, 10, 0.1];
const c = [1, -2, 3];
const p0 = [0.5, 0.3, -1];
const grad = (p: readonly number[]) => p.map((v, i) => a[i] * (v - c[i]));
const STEPS = 6;

/** Run the transform for STEPS steps; return every iterate. */
function run(opt: GradientTransformation<unknown>, steps = STEPS): number[][] {
  let p: Float32Array = Float32Array.from(p0);
  let state = opt.init(p.length);
  const out: number[][] = [];
  for (let t = 0; t < steps; t++) {
    const [u, s] = opt.update(Float32Array.from(grad([...p])), state, p);
    state = s;
    p = applyUpdates(p, u);
    out.push([...p]);
  }
  return out;
}

/** A reference iterate loop in float64: `step(p, g, t)` mutates p (t counts from 1). */
function reference(step: (p: number[], g: number[], t: number) => void, steps = STEPS): number[][] {
  const p = [...p0];
  const out: number[][] = [];
  for (let t = 1; t <= steps; t++) {
    step(p, grad(p), t);
    out.push([...p]);
  }
  return out;
}

function expectClose(actual: number[][], expected: number[][], tol = 1e-5): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, t) =>
    row.forEach((v, i) => expect(Math.abs(v - expected[t][i])).toBeLessThan(tol * (1 + Math.abs(expected[t][i])))),
  );
}

describe('named optimizers follow their published update equations', () => {
  it('sgd: p ← p − η g', () => {
    const lr = 0.05;
    expectClose(
      run(sgd({ lr })),
      reference((p, g) => p.forEach((_, i) => (p[i] -= lr * g[i]))),
    );
  });

  it('sgd with the coupled L2 penalty: p ← p − η (g + λ p)', () => {
    const lr = 0.05;
    const wd = 0.1;
    expectClose(
      run(sgd({ lr, l2: wd })),
      reference((p, g) => p.forEach((_, i) => (p[i] -= lr * (g[i] + wd * p[i])))),
    );
  });

  it('momentum (PyTorch form): b ← μ b + g; p ← p − η b', () => {
    const lr = 0.05;
    const mu = 0.9;
    const b = [0, 0, 0];
    const expected = reference((p, g) =>
      p.forEach((_, i) => {
        b[i] = mu * b[i] + g[i];
        p[i] -= lr * b[i];
      }),
    );
    expectClose(run(momentum({ lr, momentum: mu })), expected);
  });

  it('nesterov: b ← μ b + g; p ← p − η (g + μ b)', () => {
    const lr = 0.05;
    const mu = 0.8;
    const b = [0, 0, 0];
    const expected = reference((p, g) =>
      p.forEach((_, i) => {
        b[i] = mu * b[i] + g[i];
        p[i] -= lr * (g[i] + mu * b[i]);
      }),
    );
    expectClose(run(nesterov({ lr, momentum: mu })), expected);
  });

  it('adagrad: G ← G + g²; p ← p − η g / (√G + ε)', () => {
    const lr = 0.3;
    const G = [0.1, 0.1, 0.1];
    const expected = reference((p, g) =>
      p.forEach((_, i) => {
        G[i] += g[i] * g[i];
        p[i] -= (lr * g[i]) / (Math.sqrt(G[i]) + 1e-10);
      }),
    );
    expectClose(run(adagrad({ lr, initialAccumulatorValue: 0.1 })), expected);
  });

  it('rmsprop: v ← α v + (1−α) g²; p ← p − η g / (√v + ε)', () => {
    const lr = 0.01;
    const alpha = 0.9;
    const v = [0, 0, 0];
    const expected = reference((p, g) =>
      p.forEach((_, i) => {
        v[i] = alpha * v[i] + (1 - alpha) * g[i] * g[i];
        p[i] -= (lr * g[i]) / (Math.sqrt(v[i]) + 1e-8);
      }),
    );
    expectClose(run(rmsprop({ lr, decay: alpha })), expected);
  });

  it('centered rmsprop with momentum (Graves 2013 / PyTorch)', () => {
    const lr = 0.01;
    const alpha = 0.9;
    const mu = 0.5;
    const v = [0, 0, 0];
    const m = [0, 0, 0];
    const b = [0, 0, 0];
    const expected = reference((p, g) =>
      p.forEach((_, i) => {
        v[i] = alpha * v[i] + (1 - alpha) * g[i] * g[i];
        m[i] = alpha * m[i] + (1 - alpha) * g[i];
        b[i] = mu * b[i] + g[i] / (Math.sqrt(v[i] - m[i] * m[i]) + 1e-8);
        p[i] -= lr * b[i];
      }),
    );
    expectClose(run(rmsprop({ lr, decay: alpha, centered: true, momentum: mu })), expected, 1e-4);
  });

  const adamRef = (lr: number, b1: number, b2: number, eps: number, wd: number, decoupled: boolean) => {
    const m = [0, 0, 0];
    const v = [0, 0, 0];
    return reference((p, g0, t) =>
      p.forEach((_, i) => {
        const g = decoupled ? g0[i] : g0[i] + wd * p[i];
        m[i] = b1 * m[i] + (1 - b1) * g;
        v[i] = b2 * v[i] + (1 - b2) * g * g;
        const mHat = m[i] / (1 - b1 ** t);
        const vHat = v[i] / (1 - b2 ** t);
        p[i] -= lr * (mHat / (Math.sqrt(vHat) + eps) + (decoupled ? wd * p[i] : 0));
      }),
    );
  };

  it('adam (Kingma & Ba 2015, Algorithm 1)', () => {
    expectClose(run(adam({ lr: 0.1 })), adamRef(0.1, 0.9, 0.999, 1e-8, 0, false));
    expectClose(run(adam({ lr: 0.05, b1: 0.5, b2: 0.9, eps: 1e-3 })), adamRef(0.05, 0.5, 0.9, 1e-3, 0, false));
  });

  it('adam with the coupled L2 penalty l2 (PyTorch Adam weight_decay)', () => {
    expectClose(run(adam({ lr: 0.1, l2: 0.2 })), adamRef(0.1, 0.9, 0.999, 1e-8, 0.2, false));
  });

  it('adamw: decoupled decay (Loshchilov & Hutter 2019, Algorithm 2)', () => {
    expectClose(run(adamw({ lr: 0.1, weightDecay: 0.3 })), adamRef(0.1, 0.9, 0.999, 1e-8, 0.3, true));
  });

  it('lion (Chen et al. 2023, Program 1)', () => {
    const lr = 0.02;
    const wd = 0.5;
    const m = [0, 0, 0];
    const expected = reference((p, g) =>
      p.forEach((_, i) => {
        const update = Math.sign(0.9 * m[i] + 0.1 * g[i]) + wd * p[i];
        m[i] = 0.99 * m[i] + 0.01 * g[i];
        p[i] -= lr * update;
      }),
    );
    expectClose(run(lion({ lr, weightDecay: wd })), expected);
  });

  it('adabelief (Zhuang et al. 2020, Algorithm 2)', () => {
    const lr = 0.1;
    const eps = 1e-8;
    const m = [0, 0, 0];
    const s = [0, 0, 0];
    const expected = reference((p, g, t) =>
      p.forEach((_, i) => {
        m[i] = 0.9 * m[i] + 0.1 * g[i];
        s[i] = 0.999 * s[i] + 0.001 * (g[i] - m[i]) ** 2 + eps;
        p[i] -= (lr * (m[i] / (1 - 0.9 ** t))) / (Math.sqrt(s[i] / (1 - 0.999 ** t)) + eps);
      }),
    );
    expectClose(run(adabelief({ lr, eps })), expected);
  });

  it('a schedule as learning rate is evaluated at the step count 0, 1, 2, ...', () => {
    const schedule = cosineWithWarmup({ peak: 0.1, warmupSteps: 2, decaySteps: 5 });
    expectClose(
      run(sgd({ lr: schedule })),
      reference((p, g, t) => p.forEach((_, i) => (p[i] -= schedule(t - 1) * g[i]))),
    );
  });

  it.each([
    ['sgd', sgd({ lr: 0.05 })],
    ['momentum', momentum({ lr: 0.01 })],
    ['adam', adam({ lr: 0.05 })],
    ['adamw', adamw({ lr: 0.05, weightDecay: 0 })],
    ['lion', lion({ lr: 0.005 })],
    ['adabelief', adabelief({ lr: 0.05 })],
    ['rmsprop', rmsprop({ lr: 0.01 })],
    ['adagrad', adagrad({ lr: 0.5 })],
  ])('%s descends the bowl', (_name, opt) => {
    const f = (p: number[]) => p.reduce((s, v, i) => s + 0.5 * a[i] * (v - c[i]) ** 2, 0);
    const last = run(opt, 400).at(-1) as number[];
    expect(f(last)).toBeLessThan(0.05 * f(p0));
  });

  it('rejects bad options, naming the option and the value', () => {
    expect(() => adam({ lr: 0.1, b1: 1.5 })).toThrow(/scaleByAdam: expected b1 in \[0, 1\), got 1.5/);
    expect(() => sgd({ lr: -1 })).toThrow(/lr ≥ 0, got -1/);
    expect(() => momentum({ lr: 0.1, momentum: Number.NaN })).toThrow(/decay/);
  });

  it('rejects a gradient of the wrong length', () => {
    const opt = adam({ lr: 0.1 });
    const s = opt.init(3);
    expect(() => opt.update(new Float32Array(4), s, new Float32Array(4))).toThrow(/gradients of length 3, got length 4/);
  });
});
