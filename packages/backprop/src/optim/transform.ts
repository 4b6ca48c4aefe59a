import { CoreError } from '@evoprop/core';
import { kernels, recordFlops } from '@evoprop/tensor';
/**
 * Optimizers as gradient transformations, after optax (`base.py`, `_combining.py`):
 * a pair of pure functions over flat Float32Arrays. `update` never mutates its inputs,
 * and the state is plain data, so `structuredClone(state)` is a checkpoint.
 *
 * Convention (optax): the updates are ADDED to the parameters; a transform that ends in
 * `scaleByLearningRate` has already applied the minus sign.
 */
export type GradientTransformation<S = unknown> = Readonly<{
  /** State for a parameter vector of `n` values. */
  init(n: number): S;
  /**
   * Transform `grads` (given the current `params`) into updates and the next state. `extras`
   * carries what the caller knows and a transform cannot count itself (the epoch); combinators
   * pass it on to every link.
   */
  update(grads: Float32Array, state: S, params: Float32Array, extras?: UpdateExtras): readonly [Float32Array, S];
  /**
   * Optional fast path for a caller that owns `state` (the trainer's hot loop): overwrite `u`
   * (the gradients on entry) with the updates and return the next state, which may reuse —
   * and mutate — the typed arrays of `state`. Bit-identical to {@link update}; no allocation.
   */
  updateInPlace?(u: Float32Array, state: S, params: Float32Array, extras?: UpdateExtras): S;
}>;

/**
 * Extra arguments of an update (optax's `GradientTransformationExtraArgs`): facts about the run
 * that a transform cannot count from its own state. A transform that needs one and does not get
 * it throws an {@link OptimizerError}.
 */
export type UpdateExtras = Readonly<{
  /** Epochs completed so far (0 during the first epoch). */
  epoch?: number;
}>;

/**
 * A transform defined by its in-place step: `update` runs it on copies of the gradients and
 * of the state (`copy`), so both paths do the same arithmetic in the same order.
 */
export function fromInPlace<S>(
  init: (n: number) => S,
  updateInPlace: (u: Float32Array, state: S, params: Float32Array, extras?: UpdateExtras) => S,
  copy: (state: S) => S,
): GradientTransformation<S> {
  return {
    init,
    update: (grads, state, params, extras) => {
      const u = Float32Array.from(grads);
      return [u, updateInPlace(u, copy(state), params, extras)];
    },
    updateInPlace,
  };
}

/** Thrown for invalid optimizer options or mismatched vector lengths. */
export class OptimizerError extends CoreError {
  /** Always `'OptimizerError'`. */
  override name = 'OptimizerError';
}

/** Check that `value` is a finite number satisfying `ok`; `what` describes the requirement. */
export function checkOption(where: string, name: string, value: number, ok: (v: number) => boolean, what: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || !ok(value)) {
    throw new OptimizerError(where, `${name} ${what}`, String(value));
  }
}

export function checkLength(where: string, what: string, expected: number, actual: number): void {
  if (expected !== actual) throw new OptimizerError(where, `${what} of length ${expected}`, `length ${actual}`);
}

/** Composes transforms left to right: the updates of one are the gradients of the next. */
export function chain(...transforms: readonly GradientTransformation<unknown>[]): GradientTransformation<unknown[]> {
  return {
    init: (n) => transforms.map((t) => t.init(n)),
    update(grads, state, params, extras) {
      if (!Array.isArray(state) || state.length !== transforms.length) {
        throw new OptimizerError(
          'chain.update',
          `a state array of ${transforms.length} entries`,
          JSON.stringify(Array.isArray(state) ? state.length : typeof state),
        );
      }
      let updates = grads;
      const next: unknown[] = new Array(transforms.length);
      for (let i = 0; i < transforms.length; i++) {
        const [u, s] = (transforms[i] as GradientTransformation<unknown>).update(updates, state[i], params, extras);
        updates = u;
        next[i] = s;
      }
      return [updates, next];
    },
    ...(transforms.every((t) => t.updateInPlace !== undefined)
      ? {
          updateInPlace(u: Float32Array, state: unknown[], params: Float32Array, extras?: UpdateExtras): unknown[] {
            const next: unknown[] = new Array(transforms.length);
            for (let i = 0; i < transforms.length; i++) {
              const t = transforms[i] as GradientTransformation<unknown>;
              next[i] = (t.updateInPlace as NonNullable<typeof t.updateInPlace>)(u, state[i], params, extras);
            }
            return next;
          },
        }
      : {}),
  };
}

/** Leaves the gradients unchanged. */
export const identity = (): GradientTransformation<null> => ({
  init: () => null,
  update: (grads) => [grads, null],
});

/** A stateless transform applying `f` to each element: out[i] = f(g[i], p[i]). */
export function elementwise(f: (g: number, p: number) => number): GradientTransformation<null> {
  return {
    init: () => null,
    update(grads, _state, params) {
      const out = new Float32Array(grads.length);
      for (let i = 0; i < grads.length; i++) out[i] = f(grads[i] as number, params[i] as number);
      recordFlops(grads.length);
      return [out, null];
    },
  };
}

/** params + updates, as a new vector. */
export function applyUpdates(params: Float32Array, updates: Float32Array): Float32Array {
  checkLength('applyUpdates', 'updates', params.length, updates.length);
  const out = new Float32Array(params.length);
  for (let i = 0; i < params.length; i++) out[i] = (params[i] as number) + (updates[i] as number);
  recordFlops(params.length);
  return out;
}

/** params += updates, in place (the trainer's hot path: params are views into a model's vector). */
export function applyUpdatesInPlace(params: Float32Array, updates: Float32Array): void {
  checkLength('applyUpdatesInPlace', 'updates', params.length, updates.length);
  // The kernel set's accumulation (a SIMD loop under wasm; f32 addition rounds the same either way).
  kernels().accumulate(params, updates);
  recordFlops(params.length);
}
