import { type Tensor, backward } from '@evoprop/tensor';
import { type GradientTransformation, type UpdateExtras, applyUpdatesInPlace, checkLength } from '../optim/transform.js';

/** What a step differentiates: a flat parameter vector, its gradient, and a way to clear it (a `Params` fits). */
export type StepParams = Readonly<{
  /** The parameters, updated in place by the step. */
  vector: Float32Array;
  /** The gradient of the loss, read after `backward` (same length as `vector`). */
  grads: Float32Array;
  /** Clears `grads` before the loss is computed. */
  zeroGrad(): void;
}>;

/** What a loss function returns: the scalar to differentiate and anything else the caller wants back. */
export type LossOutput<A> = Readonly<{
  /** A scalar tensor recorded on the autograd tape (its graph reaches the parameters). */
  loss: Tensor;
  /** Passed back untouched in the step's result (the batch's outputs, a metric, ...). */
  aux: A;
}>;

/** Settings of {@link gradientStep}. */
export type GradientStepOptions = Readonly<{
  /** The parameters the loss depends on. */
  params: StepParams;
  /** The transform chain that turns the gradient into updates (clipping, optimizer, schedules, masks, ...). */
  optimizer: GradientTransformation<unknown>;
  /**
   * Use the transform's allocation-free `updateInPlace` when it has one. Only for a caller that owns
   * the state it passes in: the state's arrays are overwritten. Default false (the state is never mutated).
   */
  inPlace?: boolean;
  /** Refuse an update that would make some weight non-finite (the weights stay as they were). Default false. */
  guardOverflow?: boolean;
  /**
   * Charge the n additions of `params += updates` to the active cost meter. Default true. The
   * refinement of the hybrids and transfer's fine-tuning leave it off: their published FLOP
   * figures were measured without it.
   */
  chargeApply?: boolean;
  /** Called with the gradient and the final updates just before they are added (gradient-health diagnostics). */
  inspect?: (grads: Float32Array, updates: Float32Array, params: Float32Array) => void;
}>;

/** Why a step applied no update: the first non-finite value it met. */
export type StepDivergence = Readonly<
  | {
      /** The loss itself was NaN or ±Infinity (no backward pass ran). */
      kind: 'loss';
      /** The loss's value. */
      value: number;
    }
  | {
      /** The gradient's global norm was NaN or ±Infinity (the optimizer did not run). */
      kind: 'gradient-norm';
      /** The norm's value. */
      value: number;
    }
  | {
      /** With `guardOverflow`: adding the update would make weight `index` non-finite. */
      kind: 'update';
      /** The first such weight. */
      index: number;
      /** Its update. */
      value: number;
    }
>;

/** The outcome of one {@link gradientStep} call. */
export type GradientStepResult<A> = Readonly<
  | {
      /** The update was added to the parameters. */
      applied: true;
      /** The loss before the update. */
      loss: number;
      /** The loss function's `aux`. */
      aux: A;
      /** The optimizer state after the update. */
      state: unknown;
      /** The updates that were added (valid until the next call when `inPlace`). */
      updates: Float32Array;
    }
  | {
      /** Nothing was applied: the weights are as before the call. */
      applied: false;
      /** The loss before the (refused) update. */
      loss: number;
      /** The loss function's `aux`. */
      aux: A;
      /** The state passed in (unchanged unless `inPlace` and the overflow guard refused the update). */
      state: unknown;
      /** What was not finite. */
      divergence: StepDivergence;
    }
>;

/** One gradient step: call it with the optimizer state, the loss function's input and the update's extras. */
export type GradientStep<I, A> = {
  (state: unknown, input: I, extras?: UpdateExtras): GradientStepResult<A>;
  /** A fresh optimizer state for the parameters' length. */
  readonly init: () => unknown;
};

/**
 * One gradient step, the same for every gradient trainer: clear the gradient, compute the loss,
 * refuse a non-finite loss, `backward`, refuse a non-finite gradient norm, run the transform chain,
 * add the updates in place. Everything that shapes the update (clipping, the optimizer, schedules,
 * warm-up, per-group learning rates, frozen values, gradual unfreezing, reduce-on-plateau) is a
 * link of `optimizer`; the loss (a supervised loss, a policy-gradient surrogate, penalties) is
 * `lossFn`'s, which also charges its forward evaluations to the run's meter.
 *
 * @example
 * const step = gradientStep((batch: Batch) => ({ loss: mse(model.forward(batch.x, 'train'), batch.y), aux: null }), {
 *   params: model.params,
 *   optimizer: masked(adam({ lr: 1e-3 }), model.params.trainableMask()),
 * });
 * let state = step.init();
 * const r = step(state, batch); // r.applied, r.loss, r.state
 */
export function gradientStep<I, A>(lossFn: (input: I) => LossOutput<A>, options: GradientStepOptions): GradientStep<I, A> {
  const { params, optimizer } = options;
  const inPlace = options.inPlace === true && optimizer.updateInPlace !== undefined;
  const scratch = inPlace ? new Float32Array(params.vector.length) : null;
  const step = (state: unknown, input: I, extras?: UpdateExtras): GradientStepResult<A> => {
    params.zeroGrad();
    const { loss, aux } = lossFn(input);
    const value = loss.item();
    if (!Number.isFinite(value)) return { applied: false, loss: value, aux, state, divergence: { kind: 'loss', value } };
    backward(loss);
    const grads = params.grads;
    const norm = checkNorm(grads);
    if (!Number.isFinite(norm)) return { applied: false, loss: value, aux, state, divergence: { kind: 'gradient-norm', value: norm } };
    const v = params.vector;
    let updates: Float32Array;
    let next: unknown;
    if (scratch !== null) {
      scratch.set(grads);
      next = (optimizer.updateInPlace as NonNullable<typeof optimizer.updateInPlace>)(scratch, state, v, extras);
      updates = scratch;
    } else {
      [updates, next] = optimizer.update(grads, state, v, extras);
    }
    if (options.guardOverflow === true) {
      for (let i = 0; i < v.length; i++) {
        if (!Number.isFinite((v[i] as number) + (updates[i] as number))) {
          return { applied: false, loss: value, aux, state, divergence: { kind: 'update', index: i, value: updates[i] as number } };
        }
      }
    }
    options.inspect?.(grads, updates, v);
    if (options.chargeApply === false) {
      checkLength('gradientStep', 'updates', v.length, updates.length);
      for (let i = 0; i < v.length; i++) (v[i] as number) += updates[i] as number;
    } else applyUpdatesInPlace(v, updates);
    return { applied: true, loss: value, aux, state: next, updates };
  };
  return Object.assign(step, { init: () => optimizer.init(params.vector.length) });
}

/**
 * ‖v‖₂ for the finiteness check, over four interleaved float64 sums: about 4× the speed of one
 * running sum (no add waits for the previous one). It is non-finite exactly when some value is
 * (float32 squares cannot overflow a float64 sum), NaN where a NaN is, as `globalNorm`; its last
 * bits may differ from `globalNorm`'s, which is why clipping keeps `globalNorm`.
 */
function checkNorm(v: Float32Array): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const n = v.length;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const a = v[i] as number;
    const b = v[i + 1] as number;
    const c = v[i + 2] as number;
    const d = v[i + 3] as number;
    s0 += a * a;
    s1 += b * b;
    s2 += c * c;
    s3 += d * d;
  }
  for (; i < n; i++) s0 += (v[i] as number) * (v[i] as number);
  return Math.sqrt(s0 + s1 + s2 + s3);
}
