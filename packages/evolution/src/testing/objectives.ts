// Classic test functions (minimum 0) for the strategy tests and benchmarks.

/** The sphere function Σ x_i², minimum 0 at the origin. */
export const sphere = (x: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return s;
};

/** Rosenbrock's banana function Σ 100(x_{i+1} − x_i²)² + (1 − x_i)², minimum 0 at (1, …, 1). */
export const rosenbrock = (x: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < x.length - 1; i++) s += 100 * (x[i + 1] - x[i] * x[i]) ** 2 + (1 - x[i]) ** 2;
  return s;
};

/** Rastrigin's function 10n + Σ (x_i² − 10 cos 2πx_i), highly multimodal, minimum 0 at the origin. */
export const rastrigin = (x: ArrayLike<number>): number => {
  let s = 10 * x.length;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i] - 10 * Math.cos(2 * Math.PI * x[i]);
  return s;
};

/** Exact, order-preserving serialisation of a state (typed arrays included), for byte comparisons. */
export const stateBytes = (state: unknown): string =>
  JSON.stringify(state, (_k, v) => (ArrayBuffer.isView(v) ? { [v.constructor.name]: Array.from(v as Float64Array) } : v));
