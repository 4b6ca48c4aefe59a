import { Rng, Tensor, backward, noGrad } from '@evoprop/tensor';
import type { Mode, Model } from '../model/model.js';

/** Options of {@link gradCheckModel}. */
export type ModelGradCheckOptions = Readonly<{
  /** Forward mode of the checked passes. Default `'eval'`. */
  mode?: Mode;
  /** Central-difference step. Default 1e-2 (float32 weights need a large one). */
  eps?: number;
  /** Absolute tolerance. Default 2e-2. */
  atol?: number;
  /** Relative tolerance. Default 2e-2. */
  rtol?: number;
  /** Check the gradient with respect to the input too (default true). */
  input?: boolean;
  /** Seed of the forward randomness, fixed so train-mode dropout masks are the same on every call. */
  forwardSeed?: number;
}>;

/** What {@link gradCheckModel} found. */
export type ModelGradCheckReport = Readonly<{
  /** True when every value is within `atol + rtol·|numeric|`. */
  ok: boolean;
  /** Largest |analytic − numeric| over all checked values. */
  maxError: number;
  /** The value with the largest error, or null when nothing was checked. */
  worst: Readonly<{
    /** Which value: a parameter name and index, or the input index. */
    where: string;
    /** The gradient from backward. */
    analytic: number;
    /** The central-difference estimate. */
    numeric: number;
  }> | null;
}>;

/**
 * Compare a model's backward pass with central differences, for every parameter
 * value and (optionally) every input value. The output is projected to a scalar with
 * fixed random weights; the numeric side accumulates in float64.
 *
 * @example
 * gradCheckModel(sequential([dense(3), tanh()], { inputShape: [2] }), randn([4, 2], rng)).ok // true
 */
export function gradCheckModel(model: Model, x: Tensor, options: ModelGradCheckOptions = {}): ModelGradCheckReport {
  const { mode = 'eval', eps = 1e-2, atol = 2e-2, rtol = 2e-2, input = true, forwardSeed = 1 } = options;
  const run = (xin: Tensor) => model.forward(xin, mode, { rng: Rng.fromSeed(forwardSeed) });
  const leaf = new Tensor(Float32Array.from(x.data), x.shape, { requiresGrad: input });
  model.params.zeroGrad();
  const out = run(leaf);
  const r = Rng.fromSeed('grad-check-model').fillUniform(new Float32Array(out.size), 0.5, 1.5);
  backward(out, r);
  const project = (): number =>
    noGrad(() => {
      const y = run(leaf).data;
      let s = 0;
      for (let i = 0; i < y.length; i++) s += (y[i] as number) * (r[i] as number);
      return s;
    });

  let ok = true;
  let maxError = 0;
  let worst: ModelGradCheckReport['worst'] = null;
  const check = (values: Float32Array, analytic: (i: number) => number, where: (i: number) => string) => {
    for (let i = 0; i < values.length; i++) {
      const original = values[i] as number;
      values[i] = original + eps;
      const plus = project();
      values[i] = original - eps;
      const minus = project();
      values[i] = original;
      const numeric = (plus - minus) / (2 * eps);
      const a = analytic(i);
      const error = Math.abs(numeric - a);
      if (error > atol + rtol * Math.abs(numeric)) ok = false;
      if (error > maxError || worst === null) {
        maxError = Math.max(error, maxError);
        worst = { where: where(i), analytic: a, numeric };
      }
    }
  };
  const grads = Float32Array.from(model.params.grads);
  const names = model.params.entries;
  check(
    model.params.vector,
    (i) => grads[i] as number,
    (i) => {
      const e = names.find((n) => i >= n.offset && i < n.offset + n.size);
      return e === undefined ? `param[${i}]` : `${e.name}[${i - e.offset}]`;
    },
  );
  if (input) {
    const gx = leaf.grad === null ? new Float32Array(leaf.size) : Float32Array.from(leaf.grad.data);
    check(
      leaf.data,
      (i) => gx[i] as number,
      (i) => `input[${i}]`,
    );
  }
  return { ok, maxError, worst };
}
