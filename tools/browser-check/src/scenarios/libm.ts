// Which of the engine's transcendental functions agree with Node's: float64 code that calls them
// (CMA-ES's step size and weights) can only be bit-identical across engines whose results agree.
import type { Digest } from '../digest.js';

const functions: Readonly<Record<string, (x: number) => number>> = {
  exp: Math.exp,
  log: Math.log,
  pow: (x) => x ** 0.7,
  sin: Math.sin,
  cos: Math.cos,
  tanh: Math.tanh,
  sqrt: Math.sqrt,
};

/** Each function's values at 2,000 fixed points, exactly (as JSON numbers). */
export async function run(): Promise<Digest> {
  const points = Array.from({ length: 2000 }, (_, i) => i * 0.00731 + 0.1);
  return Object.fromEntries(Object.entries(functions).map(([name, f]) => [name, points.map(f)]));
}
