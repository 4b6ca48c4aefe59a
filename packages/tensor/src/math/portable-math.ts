// Transcendental functions whose float64 results are the same bits on every JavaScript engine.
//
// ECMAScript leaves Math.exp, log, pow, sin and cos "implementation-approximated", and engines do
// differ: V8 computed them with fdlibm for years (Node 20 and 22), while Chromium's newer V8 takes
// several from LLVM's libc. Float32 training rarely notices a last-bit difference, but float64
// search state (CMA-ES's step size and covariance, the Box–Muller normals behind it) carries it
// forward until two runs with the same seed part ways. So seeded code calls these instead.
import { exp as fdlibmExp } from './exp.js';
import { log as fdlibmLog } from './log.js';
import { pow as fdlibmPow } from './pow.js';
import { cos as fdlibmCos, sin as fdlibmSin } from './trig.js';

/** The functions of {@link portableMath}. */
export type PortableMath = Readonly<{
  /** `eˣ`. */
  exp: (x: number) => number;
  /** `ln x`. */
  log: (x: number) => number;
  /** `x ** y`. */
  pow: (x: number, y: number) => number;
  /** `sin x` (portable for |x| ≤ 823,549; beyond, the engine's). */
  sin: (x: number) => number;
  /** `cos x` (portable for |x| ≤ 823,549; beyond, the engine's). */
  cos: (x: number) => number;
}>;

/** The JavaScript ports of fdlibm themselves, whatever the engine's Math does (for tests and benchmarks). */
export const fdlibm: PortableMath = { exp: fdlibmExp, log: fdlibmLog, pow: fdlibmPow, sin: fdlibmSin, cos: fdlibmCos };

// Probe points: a fixed stream (a 32-bit LCG) over the ranges seeded code uses and far beyond.
const PROBES = 512;
function probePoints(): Float64Array {
  const xs = new Float64Array(PROBES);
  let s = 0x2545f491;
  const next = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
  for (let i = 0; i < PROBES; i++) xs[i] = (next() - 0.25) * 2 ** (next() * 24 - 12);
  return xs;
}

/** Whether `engine` returns exactly the port's bits on every probe point (NaN matching NaN). */
function agrees(engine: (x: number, y: number) => number, port: (x: number, y: number) => number, xs: Float64Array): boolean {
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i] as number;
    const y = xs[(i * 7 + 3) % xs.length] as number;
    if (!Object.is(engine(x, y), port(x, y))) return false;
  }
  return true;
}

function choose(): PortableMath {
  const xs = probePoints();
  const unary = (engine: (x: number) => number, port: (x: number) => number) => (agrees(engine, port, xs) ? engine : port);
  return {
    exp: unary(Math.exp, fdlibmExp),
    log: unary(Math.log, fdlibmLog),
    pow: agrees(Math.pow, fdlibmPow, xs.map(Math.abs)) ? Math.pow : fdlibmPow,
    sin: unary(Math.sin, fdlibmSin),
    cos: unary(Math.cos, fdlibmCos),
  };
}

/**
 * `exp`, `log`, `pow`, `sin` and `cos` with fdlibm's results (Sun's freely distributable libm, as
 * V8 used it through Node 22) on every engine, so float64 code seeded alike gives bit-identical
 * results in Node and in a browser. Each is the engine's own `Math` function where that returns
 * fdlibm's bits on 512 probe points (Node: no cost), and a JavaScript port of fdlibm otherwise
 * (several times slower than a native call).
 *
 * @example
 * const sigma = state.sigma * portableMath.exp(cs / damps * (norm / chiN - 1));
 */
export const portableMath: PortableMath = choose();
