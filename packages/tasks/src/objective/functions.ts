/**
 * Benchmark functions on known landscapes, minimised, at any dimension d. Formulas, search
 * boxes and optima as in Jamil & Yang (2013), "A literature survey of benchmark functions for
 * global optimization problems" (sphere f136, Rosenbrock f105, Rastrigin f102, Ackley f1,
 * Styblinski–Tang f144), evaluated in float64.
 */
type Vector = Float32Array | Float64Array;

/** A benchmark function with its conventional search box and known optimum. */
export type ObjectiveFunction = Readonly<{
  /** The function value at `x` (any dimension ≥ `minDimension`), in float64. */
  evaluate: (x: Vector) => number;
  /** Conventional search box [lower, upper] for every coordinate. */
  bounds: readonly [number, number];
  /** The minimiser at dimension d and the minimum there. */
  optimumPoint: (d: number) => Float64Array;
  /** The minimum value at dimension d. */
  optimum: (d: number) => number;
  /** Smallest dimension the function is defined for. */
  minDimension: number;
}>;

/** Σ x_i²: convex and separable, minimum 0 at the origin. */
export const sphere: ObjectiveFunction = {
  evaluate: (x) => {
    let s = 0;
    for (let i = 0; i < x.length; i++) s += x[i] * x[i];
    return s;
  },
  bounds: [-5, 5],
  optimumPoint: (d) => new Float64Array(d),
  optimum: () => 0,
  minDimension: 1,
};

/** Σ 100 (x_{i+1} − x_i²)² + (1 − x_i)²: a curved valley, minimum at (1, …, 1). */
export const rosenbrock: ObjectiveFunction = {
  evaluate: (x) => {
    let s = 0;
    for (let i = 0; i < x.length - 1; i++) s += 100 * (x[i + 1] - x[i] * x[i]) ** 2 + (1 - x[i]) ** 2;
    return s;
  },
  bounds: [-2.048, 2.048],
  optimumPoint: (d) => new Float64Array(d).fill(1),
  optimum: () => 0,
  minDimension: 2,
};

/** 10d + Σ x_i² − 10 cos(2π x_i): a regular grid of local minima around the global one at 0. */
export const rastrigin: ObjectiveFunction = {
  evaluate: (x) => {
    let s = 10 * x.length;
    for (let i = 0; i < x.length; i++) s += x[i] * x[i] - 10 * Math.cos(2 * Math.PI * x[i]);
    return s;
  },
  bounds: [-5.12, 5.12],
  optimumPoint: (d) => new Float64Array(d),
  optimum: () => 0,
  minDimension: 1,
};

/** −20 exp(−0.2 √(Σx²/d)) − exp(Σ cos(2πx)/d) + 20 + e: nearly flat outside, one deep hole at 0. */
export const ackley: ObjectiveFunction = {
  evaluate: (x) => {
    let sq = 0;
    let cos = 0;
    for (let i = 0; i < x.length; i++) {
      sq += x[i] * x[i];
      cos += Math.cos(2 * Math.PI * x[i]);
    }
    const d = x.length;
    return -20 * Math.exp(-0.2 * Math.sqrt(sq / d)) - Math.exp(cos / d) + 20 + Math.E;
  },
  bounds: [-32.768, 32.768],
  optimumPoint: (d) => new Float64Array(d),
  optimum: () => 0,
  minDimension: 1,
};

/** Root of 4x³ − 32x + 5 = 0 that minimises x⁴ − 16x² + 5x. */
const STYBLINSKI_TANG_X = -2.903534027771178;
const STYBLINSKI_TANG_F = 0.5 * (STYBLINSKI_TANG_X ** 4 - 16 * STYBLINSKI_TANG_X ** 2 + 5 * STYBLINSKI_TANG_X);

/** ½ Σ x_i⁴ − 16 x_i² + 5 x_i: separable, minimum ≈ −39.16617·d at x_i ≈ −2.903534, off-centre. */
export const styblinskiTang: ObjectiveFunction = {
  evaluate: (x) => {
    let s = 0;
    for (let i = 0; i < x.length; i++) s += x[i] ** 4 - 16 * x[i] * x[i] + 5 * x[i];
    return s / 2;
  },
  bounds: [-5, 5],
  optimumPoint: (d) => new Float64Array(d).fill(STYBLINSKI_TANG_X),
  optimum: (d) => d * STYBLINSKI_TANG_F,
  minDimension: 1,
};
