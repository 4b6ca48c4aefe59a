import { type Rng, type Shape, ValueError, sizeOf } from '@evoprop/tensor';

/** Fan-in and fan-out of a weight, as the variance-scaling initialisers use them. */
export type Fans = Readonly<{
  /** Inputs feeding each output unit (for a conv kernel: in-channels × kernel area). */
  fanIn: number;
  /** Outputs each input unit feeds (for a conv kernel: out-channels × kernel area). */
  fanOut: number;
}>;

/** Fills `out` (a parameter of `shape`) from `rng`. */
export type Initializer = (out: Float32Array, shape: Shape, fans: Fans, rng: Rng) => void;

/** Every built-in initializer a `ParamDecl` or layer spec can name. */
export const initializerNames = [
  'glorotUniform',
  'glorotNormal',
  'heUniform',
  'heNormal',
  'lecunUniform',
  'lecunNormal',
  'zeros',
  'ones',
  'orthogonal',
] as const;
/** One of {@link initializerNames}. */
export type InitializerName = (typeof initializerNames)[number];

const uniformWithVariance =
  (variance: number): Initializer =>
  (out, _s, _f, rng) => {
    const limit = Math.sqrt(3 * variance);
    rng.fillUniform(out, -limit, limit);
  };
const normalWithVariance =
  (variance: number): Initializer =>
  (out, _s, _f, rng) => {
    rng.fillNormal(out, 0, Math.sqrt(variance));
  };

/**
 * Variance-scaling initialisers, named by the paper each comes from:
 * Glorot & Bengio 2010 (eq. 16): Var = 2 / (fanIn + fanOut);
 * He et al. 2015 (eq. 10): Var = 2 / fanIn;
 * LeCun et al. 1998 ("Efficient BackProp", §4.6): Var = 1 / fanIn.
 * Uniform variants draw from ±√(3·Var); normal variants from N(0, Var).
 */
export const initializers: Readonly<Record<InitializerName, Initializer>> = {
  glorotUniform: (out, s, f, rng) => uniformWithVariance(2 / (f.fanIn + f.fanOut))(out, s, f, rng),
  glorotNormal: (out, s, f, rng) => normalWithVariance(2 / (f.fanIn + f.fanOut))(out, s, f, rng),
  heUniform: (out, s, f, rng) => uniformWithVariance(2 / f.fanIn)(out, s, f, rng),
  heNormal: (out, s, f, rng) => normalWithVariance(2 / f.fanIn)(out, s, f, rng),
  lecunUniform: (out, s, f, rng) => uniformWithVariance(1 / f.fanIn)(out, s, f, rng),
  lecunNormal: (out, s, f, rng) => normalWithVariance(1 / f.fanIn)(out, s, f, rng),
  zeros: (out) => {
    out.fill(0);
  },
  ones: (out) => {
    out.fill(1);
  },
  orthogonal: (out, shape, _f, rng) => orthogonal(out, shape, rng),
};

/** Look an initialiser up by name, failing with the list of valid names. */
export function initializerFor(name: string): Initializer {
  const init = (initializers as Readonly<Record<string, Initializer>>)[name];
  if (init === undefined) throw new ValueError('initializer', `one of ${initializerNames.join(', ')}`, `'${name}'`);
  return init;
}

/**
 * A (semi-)orthogonal matrix (Saxe et al. 2014, §3): Gram–Schmidt on a Gaussian
 * matrix. The parameter is viewed as rows = shape[0] by cols = the rest; the
 * shorter side gets orthonormal vectors. Done in float64, then rounded.
 */
function orthogonal(out: Float32Array, shape: Shape, rng: Rng): void {
  const rows = shape.length === 0 ? 1 : (shape[0] as number);
  const cols = rows === 0 ? 0 : sizeOf(shape) / rows;
  const transpose = rows < cols;
  const [n, m] = transpose ? [cols, rows] : [rows, cols]; // n ≥ m: m orthonormal columns of length n
  const q = rng.fillNormal(new Float64Array(n * m));
  for (let j = 0; j < m; j++) {
    // two passes of modified Gram–Schmidt keep the columns orthogonal to float64 precision
    for (let pass = 0; pass < 2; pass++) {
      for (let k = 0; k < j; k++) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += (q[i * m + j] as number) * (q[i * m + k] as number);
        for (let i = 0; i < n; i++) q[i * m + j] = (q[i * m + j] as number) - dot * (q[i * m + k] as number);
      }
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += (q[i * m + j] as number) ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < n; i++) q[i * m + j] = (q[i * m + j] as number) / norm;
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      const v = q[i * m + j] as number;
      if (transpose) out[j * n + i] = v;
      else out[i * m + j] = v;
    }
  }
}
