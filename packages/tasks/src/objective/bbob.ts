/**
 * BBOB noiseless functions (the COCO platform's `bbob` suite), as defined in Hansen, Finck, Ros &
 * Auger (2009), "Real-Parameter Black-Box Optimization Benchmarking 2009: Noiseless Functions
 * Definitions", INRIA research report RR-6829 (function numbers f1… as there). One instance per
 * task seed: x_opt and the rotations are drawn from the seed (COCO draws them from its instance
 * number). Deviations, kept few and deliberate: f_opt is 0, so the value *is* f − f_opt, the
 * precision COCO's targets are stated in; x_opt is rounded to float32 (see `optimumLocation`).
 */
import type { Rng } from '@evoprop/tensor';
import { conditioning, lambda, optimumLocation, randomRotation, rotate, tAsy, tOsz } from './bbob-transforms.js';

type Vector = Float32Array | Float64Array;

/** One instance of a BBOB function at a fixed dimension: f − f_opt and where its minimum lies. */
export type BbobInstance = Readonly<{
  /** f(x) − f_opt, ≥ 0, 0 exactly at the optimum; computed in float64. */
  evaluate: (x: Vector) => number;
  /** x_opt. */
  optimumPoint: Float64Array;
}>;

/** A BBOB function: its number and name in RR-6829 and a builder of instances. */
export type BbobFunction = Readonly<{
  /** The function number in RR-6829 (f1 = 1). */
  number: number;
  /** The name in RR-6829. */
  name: string;
  /** Smallest dimension the definition makes sense for. */
  minDimension: number;
  /** The instance at dimension d whose x_opt and rotations come from `rng`. */
  instance: (d: number, rng: Rng) => BbobInstance;
}>;

/** x − x_opt in float64 (exact for float32 inputs near x_opt: both are float32 values). */
function shifted(x: Vector, xopt: Float64Array): Float64Array {
  const z = new Float64Array(xopt.length);
  for (let i = 0; i < z.length; i++) z[i] = (x[i] as number) - (xopt[i] as number);
  return z;
}

/** Σ 10^(6(i−1)/(D−1)) z_i², the ellipsoid's sum (f2, f10). */
function ellipsoidSum(z: Float64Array): number {
  let s = 0;
  for (let i = 0; i < z.length; i++) s += conditioning(i, z.length, 6) * (z[i] as number) ** 2;
  return s;
}

/** How an instance draws its transformation (x_opt within `box` × [−4, 4]^D, one rotation R when `rotated`), and the smallest dimension (default 2). */
type Draw = Readonly<{ rotated?: boolean; box?: number; minDimension?: number }>;

/**
 * A BBOB function whose instance draws x_opt from `rng.fork('xopt')` (and R from `rng.fork('R')`
 * when rotated), then evaluates `f` on z = x − x_opt in float64, with R (empty when not rotated).
 */
function bbob(number: number, name: string, f: (z: Float64Array, r: Float64Array) => number, draw: Draw = {}): BbobFunction {
  return {
    number,
    name,
    minDimension: draw.minDimension ?? 2,
    instance: (d, rng) => {
      const xopt = optimumLocation(d, rng.fork('xopt'), draw.box);
      const r = draw.rotated === true ? randomRotation(d, rng.fork('R')) : new Float64Array(0);
      return { optimumPoint: xopt, evaluate: (x) => f(shifted(x, xopt), r) };
    },
  };
}

/** f1, RR-6829 p. 5: ‖z‖², z = x − x_opt. */
export const bbobSphere: BbobFunction = bbob(1, 'Sphere', (z) => z.reduce((s, v) => s + v * v, 0), { minDimension: 1 });

/** f2, RR-6829 p. 10: Σ 10^(6(i−1)/(D−1)) z_i², z = T_osz(x − x_opt); conditioning 10⁶, separable. */
export const bbobEllipsoid: BbobFunction = bbob(2, 'Ellipsoidal', (z) => ellipsoidSum(tOsz(z)));

/** f3, RR-6829 p. 15: 10(D − Σ cos 2πz_i) + ‖z‖², z = Λ^10 T_asy^0.2(T_osz(x − x_opt)); about 10^D local minima. */
export const bbobRastrigin: BbobFunction = bbob(3, 'Rastrigin', (shift) => {
  const z = lambda(tAsy(tOsz(shift), 0.2), 10);
  let s = 0;
  for (const v of z) s += v * v - 10 * Math.cos(2 * Math.PI * v);
  return 10 * z.length + s;
});

/**
 * f8, RR-6829 p. 40: Σ_{i<D} 100(z_i² − z_{i+1})² + (z_i − 1)², z = max(1, √D/8)(x − x_opt) + 1,
 * x_opt ∈ [−3, 3]^D (0.75 × the usual box, as COCO's code).
 */
export const bbobRosenbrock: BbobFunction = bbob(
  8,
  'Rosenbrock, original',
  (shift) => {
    const d = shift.length;
    const scale = Math.max(1, Math.sqrt(d) / 8);
    const z = shift.map((v) => scale * v + 1);
    let s = 0;
    for (let i = 0; i < d - 1; i++) s += 100 * ((z[i] as number) ** 2 - (z[i + 1] as number)) ** 2 + ((z[i] as number) - 1) ** 2;
    return s;
  },
  { box: 0.75 },
);

/** f10, RR-6829 p. 50: the ellipsoid f2 after a rotation, z = T_osz(R(x − x_opt)); conditioning 10⁶, not separable. */
export const bbobEllipsoidRotated: BbobFunction = bbob(10, 'Ellipsoidal, rotated', (z, r) => ellipsoidSum(tOsz(rotate(r, z))), {
  rotated: true,
});

/** f11, RR-6829 p. 55: 10⁶ z_1² + Σ_{i≥2} z_i², z = T_osz(R(x − x_opt)); one short axis. */
export const bbobDiscus: BbobFunction = bbob(
  11,
  'Discus',
  (shift, r) => {
    const z = tOsz(rotate(r, shift));
    let s = 1e6 * (z[0] as number) ** 2;
    for (let i = 1; i < z.length; i++) s += (z[i] as number) ** 2;
    return s;
  },
  { rotated: true },
);

/** f12, RR-6829 p. 60: z_1² + 10⁶ Σ_{i≥2} z_i², z = R T_asy^0.5(R(x − x_opt)); one long axis, a smooth ridge. */
export const bbobBentCigar: BbobFunction = bbob(
  12,
  'Bent Cigar',
  (shift, r) => {
    const z = rotate(r, tAsy(rotate(r, shift), 0.5));
    let s = (z[0] as number) ** 2;
    for (let i = 1; i < z.length; i++) s += 1e6 * (z[i] as number) ** 2;
    return s;
  },
  { rotated: true },
);

/** f14, RR-6829 p. 70: √(Σ |z_i|^(2 + 4(i−1)/(D−1))), z = R(x − x_opt); sensitivities differ by coordinate. */
export const bbobDifferentPowers: BbobFunction = bbob(
  14,
  'Different Powers',
  (shift, r) => {
    const z = rotate(r, shift);
    const d = z.length;
    let s = 0;
    for (let i = 0; i < d; i++) s += Math.abs(z[i] as number) ** (2 + 4 * (d === 1 ? 0 : i / (d - 1)));
    return Math.sqrt(s);
  },
  { rotated: true },
);

/** The BBOB functions this package ships, by task id. */
export const bbobFunctions = {
  /** f1, see {@link bbobSphere}. */
  'bbob-sphere': bbobSphere,
  /** f2, see {@link bbobEllipsoid}. */
  'bbob-ellipsoid': bbobEllipsoid,
  /** f3, see {@link bbobRastrigin}. */
  'bbob-rastrigin': bbobRastrigin,
  /** f8, see {@link bbobRosenbrock}. */
  'bbob-rosenbrock': bbobRosenbrock,
  /** f10, see {@link bbobEllipsoidRotated}. */
  'bbob-ellipsoid-rotated': bbobEllipsoidRotated,
  /** f11, see {@link bbobDiscus}. */
  'bbob-discus': bbobDiscus,
  /** f12, see {@link bbobBentCigar}. */
  'bbob-bent-cigar': bbobBentCigar,
  /** f14, see {@link bbobDifferentPowers}. */
  'bbob-different-powers': bbobDifferentPowers,
} as const;
