// Which of the engine's transcendental functions agree with Node's, and whether tensor's
// portableMath does: float64 code that calls them (CMA-ES's step size, the Box–Muller normals)
// can only be bit-identical across engines through functions whose results agree.
import { portableMath } from '@evoprop/tensor';
import type { Digest } from '../digest.js';

type Unary = (x: number) => number;
const engine: Readonly<Record<string, Unary>> = {
  exp: Math.exp,
  log: Math.log,
  pow: (x) => x ** 0.7,
  sin: Math.sin,
  cos: Math.cos,
  tanh: Math.tanh,
  sqrt: Math.sqrt,
};
const portable: Readonly<Record<string, Unary>> = {
  exp: portableMath.exp,
  log: portableMath.log,
  pow: (x) => portableMath.pow(x, 0.7),
  sin: portableMath.sin,
  cos: portableMath.cos,
};

/** Each function's values at 2,000 fixed points, exactly (as JSON numbers): the engine's and portableMath's. */
export async function run(): Promise<Digest> {
  const points = Array.from({ length: 2000 }, (_, i) => i * 0.00731 + 0.1);
  const values = (fs: Readonly<Record<string, Unary>>) => Object.fromEntries(Object.entries(fs).map(([name, f]) => [name, points.map(f)]));
  return { engine: values(engine), portable: values(portable) };
}
