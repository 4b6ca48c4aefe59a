/**
 * The building blocks of the BBOB noiseless functions, as defined in Hansen, Finck, Ros & Auger
 * (2009), "Real-Parameter Black-Box Optimization Benchmarking 2009: Noiseless Functions
 * Definitions", INRIA research report RR-6829, §0.2 (symbols as there: T_osz, T_asy^β, Λ^α, R).
 * Indices in the report are 1-based; `i` here is 0-based, so (i−1)/(D−1) reads i/(D−1).
 */
import type { Rng } from '@evoprop/tensor';

/** (i − 1)/(D − 1) of the report, 0 when D = 1. */
const fraction = (i: number, d: number): number => (d === 1 ? 0 : i / (d - 1));

/**
 * T_osz (RR-6829 §0.2): x ↦ sign(x) exp(x̂ + 0.049 (sin(c1 x̂) + sin(c2 x̂))), x̂ = log|x| (0 at 0),
 * c1 = 10 and c2 = 7.9 for x > 0, else 5.5 and 3.1. Smooth local irregularities; 0 stays 0. In place.
 */
export function tOsz(x: Float64Array): Float64Array {
  for (let i = 0; i < x.length; i++) {
    const v = x[i] as number;
    if (v === 0) continue;
    const h = Math.log(Math.abs(v));
    const [c1, c2] = v > 0 ? [10, 7.9] : [5.5, 3.1];
    x[i] = Math.sign(v) * Math.exp(h + 0.049 * (Math.sin(c1 * h) + Math.sin(c2 * h)));
  }
  return x;
}

/** T_asy^β (RR-6829 §0.2): x_i ↦ x_i^(1 + β (i−1)/(D−1) √x_i) where x_i > 0, else unchanged. Breaks symmetry. In place. */
export function tAsy(x: Float64Array, beta: number): Float64Array {
  const d = x.length;
  for (let i = 0; i < d; i++) {
    const v = x[i] as number;
    if (v > 0) x[i] = v ** (1 + beta * fraction(i, d) * Math.sqrt(v));
  }
  return x;
}

/** Λ^α (RR-6829 §0.2): the diagonal scaling λ_ii = α^((1/2)(i−1)/(D−1)), conditioning α. In place. */
export function lambda(x: Float64Array, alpha: number): Float64Array {
  const d = x.length;
  for (let i = 0; i < d; i++) x[i] = (x[i] as number) * alpha ** (0.5 * fraction(i, d));
  return x;
}

/** Conditioning weight 10^(exponent·(i−1)/(D−1)) of coordinate i (0-based), as in the ellipsoid f2/f10. */
export const conditioning = (i: number, d: number, exponent: number): number => 10 ** (exponent * fraction(i, d));

/**
 * A random rotation (RR-6829 §0.2: "an orthogonal matrix obtained by Gram–Schmidt
 * orthonormalization of a matrix with standard normal entries"), row-major D×D.
 */
export function randomRotation(d: number, rng: Rng): Float64Array {
  const m = rng.fillNormal(new Float64Array(d * d));
  for (let r = 0; r < d; r++) {
    for (let p = 0; p < r; p++) {
      let dot = 0;
      for (let c = 0; c < d; c++) dot += (m[r * d + c] as number) * (m[p * d + c] as number);
      for (let c = 0; c < d; c++) m[r * d + c] = (m[r * d + c] as number) - dot * (m[p * d + c] as number);
    }
    let norm = 0;
    for (let c = 0; c < d; c++) norm += (m[r * d + c] as number) ** 2;
    norm = Math.sqrt(norm);
    for (let c = 0; c < d; c++) m[r * d + c] = (m[r * d + c] as number) / norm;
  }
  return m;
}

/** y = R x for a row-major D×D matrix R. */
export function rotate(r: Float64Array, x: Float64Array): Float64Array {
  const d = x.length;
  const y = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += (r[i * d + j] as number) * (x[j] as number);
    y[i] = s;
  }
  return y;
}

/**
 * x_opt (RR-6829 §0.2: uniform in [−4, 4]^D; f8 scales it by 0.75), rounded to float32 so that a
 * model, whose weights are float32, can sit exactly on the optimum: f − f_opt then reaches 0,
 * and the 10⁻⁸ target is a property of the optimizer, not of float32 rounding.
 */
export function optimumLocation(d: number, rng: Rng, scale = 1): Float64Array {
  const x = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let v = Math.fround(scale * rng.uniform(-4, 4));
    // COCO's own code moves an exact 0 off the origin; the draw makes it vanishingly unlikely, but keep the rule.
    if (v === 0) v = Math.fround(-1e-5);
    x[i] = v;
  }
  return x;
}
