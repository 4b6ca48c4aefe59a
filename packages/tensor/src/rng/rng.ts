import seedrandom from 'seedrandom';
import { portableMath } from '../math/portable-math.js';

const { log, cos } = portableMath;

/** Plain-data snapshot of an {@link Rng}; `structuredClone`-able and JSON-able. */
export type RngState = Readonly<{
  /** The seed the generator was made from (as a string). */
  seed: string;
  /** Internal state of the Alea generator (seedrandom's `alea`). */
  alea: AleaState;
}>;

/** The four numbers of an Alea generator's state (Baagøe's Alea, as in seedrandom). */
export type AleaState = Readonly<{
  /** Carry. */
  c: number;
  /** Oldest of the three lagged values, in [0, 1). */
  s0: number;
  /** Middle lagged value, in [0, 1). */
  s1: number;
  /** Newest lagged value, in [0, 1). */
  s2: number;
}>;

type AleaPrng = seedrandom.PRNG & { state(): RngState['alea'] };

/** Thrown when an Rng is asked for something impossible (empty range, bad state). */
export class RngError extends Error {
  /** Always `'RngError'`. */
  override name = 'RngError';
}

/**
 * Seeded random generator (seedrandom's Alea underneath).
 *
 * `fork(label)` derives an independent stream from this generator's *seed* and the
 * label, so forking never disturbs the parent stream and does not depend on how many
 * numbers the parent has drawn.
 *
 * @example
 * const rng = Rng.fromSeed(42);
 * const init = rng.fork('init');
 * init.normal(); // same value on every machine
 */
export class Rng {
  private constructor(
    /** The seed this generator (or the root it was forked from) was made from. */
    readonly seed: string,
    private readonly prng: AleaPrng,
  ) {}

  /** A generator seeded with `seed` (numbers and strings; `1` and `'1'` give the same stream). */
  static fromSeed(seed: number | string): Rng {
    const s = String(seed);
    return new Rng(s, seedrandom.alea(s, { state: true }) as AleaPrng);
  }

  /** A generator continuing exactly where the one that produced `state` (via `state()`) stood. */
  static fromState(state: RngState): Rng {
    if (typeof state?.seed !== 'string' || typeof state.alea?.s0 !== 'number') {
      throw new RngError(`Rng.fromState: expected { seed: string, alea: { c, s0, s1, s2 } }, got ${JSON.stringify(state)}`);
    }
    return new Rng(state.seed, seedrandom.alea('', { state: { ...state.alea } }) as AleaPrng);
  }

  /** The generator's whole state as plain data. `Rng.fromState(rng.state())` continues the same stream. */
  state(): RngState {
    return { seed: this.seed, alea: { ...this.prng.state() } };
  }

  /** An independent generator named by `label`; the same (seed, label) always gives the same stream. */
  fork(label: string | number): Rng {
    return Rng.fromSeed(`${this.seed}/${label}`);
  }

  /** Uniform float in [low, high). */
  uniform(low = 0, high = 1): number {
    return low + (high - low) * this.prng();
  }

  /** Normal deviate (Box–Muller; one draw consumes two uniforms, so state stays a pure function of count). */
  normal(mean = 0, std = 1): number {
    let u = this.prng();
    while (u <= 0) u = this.prng();
    const v = this.prng();
    // NOTE: portableMath, not Math: engines round log and cos differently, and float64 users
    // (CMA-ES) would carry the last bit forward.
    return mean + std * Math.sqrt(-2 * log(u)) * cos(2 * Math.PI * v);
  }

  /** Uniform integer in [low, high). */
  int(low: number, high: number): number {
    if (!(Number.isInteger(low) && Number.isInteger(high)) || high <= low) {
      throw new RngError(`Rng.int: expected integers with low < high, got low=${low}, high=${high}`);
    }
    return low + Math.floor(this.prng() * (high - low));
  }

  /** True with probability p. */
  bernoulli(p: number): boolean {
    return this.prng() < p;
  }

  /** Fisher–Yates shuffle of a copy of `items`. */
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.prng() * (i + 1));
      const t = out[i] as T;
      out[i] = out[j] as T;
      out[j] = t;
    }
    return out;
  }

  /** A random permutation of 0..n-1. */
  permutation(n: number): Int32Array {
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(this.prng() * (i + 1));
      const t = p[i] as number;
      p[i] = p[j] as number;
      p[j] = t;
    }
    return p;
  }

  /** Fill `out` with normal deviates. */
  fillNormal<T extends Float32Array | Float64Array>(out: T, mean = 0, std = 1): T {
    for (let i = 0; i < out.length; i++) out[i] = this.normal(mean, std);
    return out;
  }

  /** Fill `out` with uniform floats in [low, high). */
  fillUniform<T extends Float32Array | Float64Array>(out: T, low = 0, high = 1): T {
    for (let i = 0; i < out.length; i++) out[i] = this.uniform(low, high);
    return out;
  }
}
