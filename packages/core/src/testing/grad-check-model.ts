import { Rng, Tensor, backward, noGrad } from '@evoprop/tensor';
import type { Mode, Model } from '../model/model.js';

export type ModelGradCheckOptions = Readonly<{
  mode?: Mode;
  eps?: number;
  atol?: number;
  rtol?: number;
  /** Check the gradient with respect to the input too (default true). */
  input?: boolean;
  /** Seed of the forward randomness, fixed so train-mode dropout masks are the same on every call. */
  forwardSeed?: number;
}>;

export type ModelGradCheckReport = Readonly<{
  ok: boolean;
  maxError: number;
  worst: Readonly<{ where: string; analytic: number; numeric: number }> | null;
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
