import { describe, expect, it } from 'vitest';
import { Rng } from '../rng/rng.js';
import { fdlibm, portableMath } from './portable-math.js';
import { TRIG_PORTABLE_LIMIT } from './trig.js';

// Values printed by Node 20 (V8 11.3, whose Math is fdlibm), digit for digit: an engine-independent reference.
const reference: ReadonlyArray<readonly [keyof typeof fdlibm, number, number, number]> = [
  // biome-ignore lint/suspicious/noApproximativeNumericConstant: fdlibm's log(0.1), one ulp from −Math.LN10
  ['log', 0.1, 0, -2.3025850929940455],
  ['log', 1e-5, 0, -11.512925464970229],
  ['log', 10.1, 0, 2.312535423847214],
  ['exp', 0.7, 0, 2.0137527074704766],
  ['exp', 10.1, 0, 24343.00942440838],
  ['exp', 1e-5, 0, 1.00001000005],
  ['cos', 0.7, 0, 0.7648421872844885],
  ['cos', 10.1, 0, -0.7805681801691837],
  ['pow', 0.1, 0.7, 0.19952623149688797],
  ['pow', 10.1, 0.7, 5.046903044704653],
  ['pow', 1e-5, 0.7, 0.0003162277660168381],
];

// A fixed stream of float64s covering many binades, both signs, subnormals and specials.
function points(n: number): Float64Array {
  const rng = Rng.fromSeed('portable-math');
  const xs = new Float64Array(n);
  const bits = new Uint32Array(xs.buffer);
  for (let i = 0; i < n; i++) {
    if (i % 3 === 0) xs[i] = (rng.uniform() - 0.5) * 2 ** rng.uniform(-30, 30);
    else if (i % 3 === 1) xs[i] = rng.uniform(0, 1);
    else {
      bits[2 * i] = rng.int(0, 2 ** 32);
      bits[2 * i + 1] = rng.int(0, 2 ** 32);
    }
  }
  return xs;
}
const specials = [
  0,
  -0,
  1,
  -1,
  2,
  -2,
  0.5,
  -0.5,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  Number.NaN,
  5e-324,
  -5e-324,
  2.2250738585072014e-308,
  Number.MAX_VALUE,
  Math.PI / 2,
  -Math.PI / 2,
  709.79,
  -745.2,
  2 ** 31 + 0.5,
  2 ** 64,
];

describe('portableMath (fdlibm in JavaScript)', () => {
  it.each(reference)('%s(%d, %d) is fdlibm’s value to the bit', (name, x, y, expected) => {
    expect(fdlibm[name](x, y)).toBe(expected);
    expect(portableMath[name](x, y)).toBe(expected);
  });

  // Node's Math is fdlibm, so the ports must reproduce it exactly: then portableMath is Node's own
  // Math (no cost) and no seeded result in Node moved when seeded code switched to it.
  it('matches Node’s Math bit for bit on 60,000 points and the special values, and so is Node’s Math itself', () => {
    const xs = [...points(60_000), ...specials];
    const differing: string[] = [];
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i] as number;
      const y = xs[(i * 7 + 3) % xs.length] as number;
      const pairs: Array<[string, number, number]> = [
        ['exp', fdlibm.exp(x), Math.exp(x)],
        ['log', fdlibm.log(x), Math.log(x)],
        ['sin', fdlibm.sin(x), Math.abs(x) <= TRIG_PORTABLE_LIMIT ? Math.sin(x) : fdlibm.sin(x)],
        ['cos', fdlibm.cos(x), Math.abs(x) <= TRIG_PORTABLE_LIMIT ? Math.cos(x) : fdlibm.cos(x)],
        ['pow', fdlibm.pow(x, y), x ** y],
        ['pow', fdlibm.pow(Math.abs(x), y), Math.abs(x) ** y],
        ['pow', fdlibm.pow(x, Math.round(y)), x ** Math.round(y)],
      ];
      for (const [name, port, engine] of pairs) if (!Object.is(port, engine)) differing.push(`${name}(${x}, ${y}): ${port} ≠ ${engine}`);
    }
    expect(differing.slice(0, 5)).toEqual([]);
    expect(portableMath).toEqual({ exp: Math.exp, log: Math.log, pow: Math.pow, sin: Math.sin, cos: Math.cos });
  });

  it('follows ECMAScript on the special cases of **', () => {
    for (const x of specials) for (const y of specials) expect(Object.is(fdlibm.pow(x, y), x ** y), `${x} ** ${y}`).toBe(true);
    expect(fdlibm.pow(1, Number.NaN)).toBeNaN();
    expect(fdlibm.pow(-8, 1 / 3)).toBeNaN();
    expect(fdlibm.pow(-2, 3)).toBe(-8);
  });

  it('reduces sin and cos arguments exactly near multiples of π/2, where cancellation bites', () => {
    for (let k = 1; k <= 64; k++)
      for (const d of [0, 2 ** -40, -(2 ** -40)]) {
        const x = (k * Math.PI) / 2 + d;
        expect([fdlibm.sin(x), fdlibm.cos(x), fdlibm.sin(-x)]).toEqual([Math.sin(x), Math.cos(x), Math.sin(-x)]);
      }
  });
});
