import { backward, noGrad } from './autograd.js';
import { Rng } from './rng/rng.js';
import { Tensor } from './tensor.js';

/** Tolerances and scope of {@link gradCheck}. */
export type GradCheckOptions = Readonly<{
  /** Finite-difference step. float32 forward passes need a fairly large one. */
  eps?: number;
  /** Absolute tolerance: an element passes if |analytic − numeric| ≤ atol + rtol·|numeric|. Default 2e-2. */
  atol?: number;
  /** Relative tolerance (see `atol`). Default 2e-2. */
  rtol?: number;
  /** Only check the inputs at these positions (others are treated as constants). */
  wrt?: readonly number[];
}>;

/** The element where autograd and central differences disagree most. */
export type GradCheckWorst = Readonly<{
  /** Position of the input tensor in `inputs`. */
  input: number;
  /** Flat index of the element within that input. */
  index: number;
  /** Autograd's partial derivative there. */
  analytic: number;
  /** The central-difference estimate there. */
  numeric: number;
}>;

/** What {@link gradCheck} found. */
export type GradCheckReport = Readonly<{
  /** Whether every checked element is within `atol + rtol·|numeric|`. */
  ok: boolean;
  /** Largest |analytic − numeric| over the checked elements. */
  maxError: number;
  /** Where `maxError` occurs; null when no element was checked. */
  worst: GradCheckWorst | null;
}>;

/**
 * Compare autograd's gradient with central differences. The output is projected to a
 * scalar with fixed random weights r (so every output element matters), and the
 * numeric side accumulates ⟨r, f(x ± eps)⟩ in float64.
 *
 * @example
 * const report = gradCheck((x) => tanh(x), [randn([3, 4], Rng.fromSeed(1))]);
 * report.ok; // true
 */
export function gradCheck(fn: (...inputs: Tensor[]) => Tensor, inputs: readonly Tensor[], options: GradCheckOptions = {}): GradCheckReport {
  const { eps = 1e-2, atol = 2e-2, rtol = 2e-2 } = options;
  const wrt = options.wrt ?? inputs.map((_, i) => i);
  const leaves = inputs.map((x, i) => new Tensor(Float32Array.from(x.dataSync()), x.shape, { requiresGrad: wrt.includes(i) }));
  const out = fn(...leaves);
  const r = Rng.fromSeed('grad-check').fillUniform(new Float32Array(out.size), 0.5, 1.5);
  backward(out, r);

  const project = (): number =>
    noGrad(() => {
      const y = fn(...leaves).dataSync();
      let s = 0;
      for (let i = 0; i < y.length; i++) s += (y[i] as number) * (r[i] as number);
      return s;
    });

  let maxError = 0;
  let worst: GradCheckReport['worst'] = null;
  let ok = true;
  for (const k of wrt) {
    const x = leaves[k] as Tensor;
    const grad = x.grad?.dataSync();
    for (let i = 0; i < x.size; i++) {
      const original = x.data[i] as number;
      x.data[i] = original + eps;
      const plus = project();
      x.data[i] = original - eps;
      const minus = project();
      x.data[i] = original;
      const numeric = (plus - minus) / (2 * eps);
      const analytic = grad?.[i] ?? 0;
      const error = Math.abs(numeric - analytic);
      if (error > atol + rtol * Math.abs(numeric)) ok = false;
      if (error > maxError || worst === null) {
        maxError = Math.max(maxError, error);
        worst = { input: k, index: i, analytic, numeric };
      }
    }
  }
  return { ok, maxError, worst };
}
