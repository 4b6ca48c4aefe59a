import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseBackpropConfig } from '../trainer/config.js';
import { adabelief, adagrad, adam, adamw, lion, momentum, nesterov, rmsprop, sgd } from './aliases.js';
import { type GradientTransformation, applyUpdates } from './transform.js';

// One name per idea (Loshchilov & Hutter 2019, §2): `l2` is the coupled penalty (λ·p added to the
// gradient, before the optimizer's statistics), `weightDecay` the decoupled decay (λ·p added to the
// update after them, then scaled by lr). Each test compares with a float64 reference of the update
// its doc comment states, and checks that the other reading gives a different trajectory, so
// applying the wrong one fails.

// A quadratic bowl f(p) = ½ Σ aᵢ (pᵢ − cᵢ)², gradient aᵢ (pᵢ − cᵢ).
const a = [1, 10, 0.1];
const c = [1, -2, 3];
const p0 = [0.5, 0.3, -1];
const grad = (p: readonly number[]) => p.map((v, i) => a[i] * (v - c[i]));
const STEPS = 8;

function run(opt: GradientTransformation<unknown>): number[][] {
  let p: Float32Array = Float32Array.from(p0);
  let state = opt.init(p.length);
  const out: number[][] = [];
  for (let t = 0; t < STEPS; t++) {
    const [u, s] = opt.update(Float32Array.from(grad([...p])), state, p);
    state = s;
    p = applyUpdates(p, u);
    out.push([...p]);
  }
  return out;
}

/** A reference in float64: `direction(g, p, t)` is the optimizer's update direction u (before lr and decoupled decay). */
function reference(lr: number, l2: number, weightDecay: number, direction: (g: number[], t: number) => number[]): number[][] {
  const p = [...p0];
  const out: number[][] = [];
  for (let t = 1; t <= STEPS; t++) {
    const g = grad(p).map((gi, i) => gi + l2 * p[i]); // coupled: into the statistics
    const u = direction(g, t);
    for (let i = 0; i < p.length; i++) p[i] -= lr * (u[i] + weightDecay * p[i]); // decoupled: after them
    out.push([...p]);
  }
  return out;
}

const maxDiff = (x: number[][], y: number[][]) => Math.max(...x.flatMap((row, t) => row.map((v, i) => Math.abs(v - y[t][i]))));
const expectClose = (actual: number[][], expected: number[][]) => expect(maxDiff(actual, expected)).toBeLessThan(1e-5);

/** Stateful update directions, fresh per reference run. */
const directions = {
  sgd: () => (g: number[]) => g,
  momentum: (mu: number, nesterovStep = false) => {
    const b = [0, 0, 0];
    return (g: number[]) =>
      g.map((gi, i) => {
        b[i] = mu * b[i] + gi;
        return nesterovStep ? gi + mu * b[i] : b[i];
      });
  },
  adagrad: () => {
    const G = [0, 0, 0];
    return (g: number[]) =>
      g.map((gi, i) => {
        G[i] += gi * gi;
        return gi / (Math.sqrt(G[i]) + 1e-10);
      });
  },
  rmsprop: () => {
    const v = [0, 0, 0];
    return (g: number[]) =>
      g.map((gi, i) => {
        v[i] = 0.99 * v[i] + 0.01 * gi * gi;
        return gi / (Math.sqrt(v[i]) + 1e-8);
      });
  },
  adam: () => {
    const m = [0, 0, 0];
    const v = [0, 0, 0];
    return (g: number[], t: number) =>
      g.map((gi, i) => {
        m[i] = 0.9 * m[i] + 0.1 * gi;
        v[i] = 0.999 * v[i] + 0.001 * gi * gi;
        return m[i] / (1 - 0.9 ** t) / (Math.sqrt(v[i] / (1 - 0.999 ** t)) + 1e-8);
      });
  },
  lion: () => {
    const m = [0, 0, 0];
    return (g: number[]) =>
      g.map((gi, i) => {
        const u = Math.sign(0.9 * m[i] + 0.1 * gi);
        m[i] = 0.99 * m[i] + 0.01 * gi;
        return u;
      });
  },
  adabelief: () => {
    const m = [0, 0, 0];
    const s = [0, 0, 0];
    return (g: number[], t: number) =>
      g.map((gi, i) => {
        m[i] = 0.9 * m[i] + 0.1 * gi;
        s[i] = 0.999 * s[i] + 0.001 * (gi - m[i]) ** 2 + 1e-16;
        return m[i] / (1 - 0.9 ** t) / (Math.sqrt(s[i] / (1 - 0.999 ** t)) + 1e-16);
      });
  },
};

const lambda = 0.4;

describe('l2 is the coupled penalty on every optimizer', () => {
  it.each([
    ['sgd with momentum', 0.05, (l2: number) => sgd({ lr: 0.05, momentum: 0.9, l2 }), () => directions.momentum(0.9)],
    ['momentum', 0.05, (l2: number) => momentum({ lr: 0.05, l2 }), () => directions.momentum(0.9)],
    ['nesterov', 0.05, (l2: number) => nesterov({ lr: 0.05, l2 }), () => directions.momentum(0.9, true)],
    ['adagrad', 0.3, (l2: number) => adagrad({ lr: 0.3, l2 }), () => directions.adagrad()],
    ['rmsprop', 0.01, (l2: number) => rmsprop({ lr: 0.01, l2 }), () => directions.rmsprop()],
    ['adam', 0.1, (l2: number) => adam({ lr: 0.1, l2 }), () => directions.adam()],
    ['adamw', 0.1, (l2: number) => adamw({ lr: 0.1, l2, weightDecay: 0 }), () => directions.adam()],
    ['lion', 0.02, (l2: number) => lion({ lr: 0.02, l2 }), () => directions.lion()],
    ['adabelief', 0.1, (l2: number) => adabelief({ lr: 0.1, l2 }), () => directions.adabelief()],
  ] as const)('%s: g ← g + l2·p before the statistics, not after', (_name, lr, make, direction) => {
    const coupled = reference(lr, lambda, 0, direction());
    const decoupled = reference(lr, 0, lambda, direction());
    expect(maxDiff(coupled, decoupled)).toBeGreaterThan(1e-3); // the two readings differ here
    expectClose(run(make(lambda)), coupled);
  });
});

describe('weightDecay is the decoupled decay of adamw, lion and adabelief', () => {
  it.each([
    ['adamw', 0.1, (wd: number) => adamw({ lr: 0.1, weightDecay: wd }), () => directions.adam()],
    ['lion', 0.02, (wd: number) => lion({ lr: 0.02, weightDecay: wd }), () => directions.lion()],
    ['adabelief', 0.1, (wd: number) => adabelief({ lr: 0.1, weightDecay: wd }), () => directions.adabelief()],
  ] as const)('%s: p ← p − lr·(u + weightDecay·p), outside the statistics', (_name, lr, make, direction) => {
    const decoupled = reference(lr, 0, lambda, direction());
    const coupled = reference(lr, lambda, 0, direction());
    expect(maxDiff(coupled, decoupled)).toBeGreaterThan(1e-3);
    expectClose(run(make(lambda)), decoupled);
  });

  it('adamw: both at once add the coupled term before and the decoupled term after the rescaling', () => {
    expectClose(run(adamw({ lr: 0.1, l2: 0.2, weightDecay: 0.3 })), reference(0.1, 0.2, 0.3, directions.adam()));
  });
});

describe('weightDecay where it always meant l2 (sgd, momentum, nesterov, adagrad, rmsprop, adam): a deprecated alias', () => {
  afterEach(() => vi.restoreAllMocks());

  it.each([
    ['sgd', (o: object) => sgd({ lr: 0.05, momentum: 0.5, ...o })],
    ['momentum', (o: object) => momentum({ lr: 0.05, ...o })],
    ['nesterov', (o: object) => nesterov({ lr: 0.05, ...o })],
    ['adagrad', (o: object) => adagrad({ lr: 0.3, ...o })],
    ['rmsprop', (o: object) => rmsprop({ lr: 0.01, ...o })],
    ['adam', (o: object) => adam({ lr: 0.1, ...o })],
  ] as const)('%s: the same trajectory as l2, bit for bit, with one warning', (name, make) => {
    const emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const old = run(make({ weightDecay: lambda }));
    run(make({ weightDecay: lambda })); // a second use site of the same name: no second warning
    expect(old).toEqual(run(make({ l2: lambda })));
    expect(emit).toHaveBeenCalledTimes(1);
    expect(emit).toHaveBeenCalledWith(`${name} options: 'weightDecay' is deprecated, write 'l2' (the old name still works for now)`, {
      type: 'DeprecationWarning',
      code: 'EVOPROP_DEPRECATED_KEY',
    });
    expect(() => make({ l2: 0.1, weightDecay: 0.1 })).toThrow(
      `${name}: expected either 'l2' or its deprecated name 'weightDecay', got both`,
    );
  });

  it('in a backprop config: optimizer.weightDecay becomes optimizer.l2 for adam, and stays decoupled for adamw', () => {
    vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const coupled = parseBackpropConfig({ optimizer: { name: 'adam', weightDecay: 0.01 } }).optimizer;
    expect(coupled).toMatchObject({ name: 'adam', l2: 0.01 });
    expect(coupled).not.toHaveProperty('weightDecay');
    expect(parseBackpropConfig({ optimizer: { name: 'adamw', weightDecay: 0.05 } }).optimizer).toMatchObject({ l2: 0, weightDecay: 0.05 });
    expect(parseBackpropConfig({ optimizer: { name: 'lion' } }).optimizer).toMatchObject({ l2: 0, weightDecay: 0 });
    expect(() => parseBackpropConfig({ optimizer: { name: 'adam', l2: 0.01, weightDecay: 0.01 } })).toThrow(/unknown key 'weightDecay'/);
  });
});
