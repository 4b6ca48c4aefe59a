import { kernels, recordFlops } from '@evoprop/tensor';
import { type GradientTransformation, OptimizerError, checkLength, checkOption, fromInPlace } from './transform.js';

/** Plain-data state of {@link scaleByAdam} and {@link scaleByBelief}: step count and the two moment estimates. */
export type MomentsState = Readonly<{
  /** Steps taken so far (t in Kingma & Ba 2015, Algorithm 1); drives the bias correction 1 − βᵗ. */
  count: number;
  /** First-moment estimate m (exponential moving average of the gradients), one value per parameter. */
  mu: Float32Array;
  /** Second-moment estimate v (EMA of g², or of (g − m)² for AdaBelief), one value per parameter. */
  nu: Float32Array;
}>;

/** Options of {@link scaleByAdam} and {@link scaleByBelief} (Kingma & Ba 2015, Algorithm 1, p. 2). */
export type AdamOptions = Readonly<{
  /** β1, decay rate of the first-moment EMA, in [0, 1). Default 0.9. */
  b1?: number;
  /** β2, decay rate of the second-moment EMA, in [0, 1). Default 0.999. */
  b2?: number;
  /** ε added to the denominator √v̂ for numerical stability, ≥ 0. Default 1e-8 (1e-16 for AdaBelief). */
  eps?: number;
}>;

const copyMoments = (s: MomentsState): MomentsState => ({ count: s.count, mu: Float32Array.from(s.mu), nu: Float32Array.from(s.nu) });

function checkBetas(where: string, b1: number, b2: number, eps: number): void {
  checkOption(where, 'b1', b1, (v) => v >= 0 && v < 1, 'in [0, 1)');
  checkOption(where, 'b2', b2, (v) => v >= 0 && v < 1, 'in [0, 1)');
  checkOption(where, 'eps', eps, (v) => v >= 0, '≥ 0');
}

/**
 * Adam's rescaling (Kingma & Ba 2015, Algorithm 1, p. 2):
 * m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²;  u = m̂ / (√v̂ + ε) with bias-corrected m̂, v̂.
 */
export function scaleByAdam(o: AdamOptions = {}): GradientTransformation<MomentsState> {
  const b1 = o.b1 ?? 0.9;
  const b2 = o.b2 ?? 0.999;
  const eps = o.eps ?? 1e-8;
  checkBetas('scaleByAdam', b1, b2, eps);
  return fromInPlace(
    (n) => ({ count: 0, mu: new Float32Array(n), nu: new Float32Array(n) }),
    (u, s) => {
      checkLength('scaleByAdam', 'gradients', s.mu.length, u.length);
      const count = s.count + 1;
      // One fused kernel pass (WebAssembly SIMD under the wasm kernel set).
      kernels().adam(u, s.mu, s.nu, u, u, { b1, b2, eps, c1: 1 - b1 ** count, c2: 1 - b2 ** count, weightDecay: 0, scale: 1 });
      return { count, mu: s.mu, nu: s.nu };
    },
    copyMoments,
  );
}

/**
 * AdaBelief (Zhuang et al. 2020, Algorithm 2, p. 3): like Adam, but the second moment tracks
 * the "belief" (g − m)² instead of g²:  s ← β2·s + (1−β2)·(g − m)² + ε.
 */
export function scaleByBelief(o: AdamOptions = {}): GradientTransformation<MomentsState> {
  const b1 = o.b1 ?? 0.9;
  const b2 = o.b2 ?? 0.999;
  const eps = o.eps ?? 1e-16;
  checkBetas('scaleByBelief', b1, b2, eps);
  return {
    init: (n) => ({ count: 0, mu: new Float32Array(n), nu: new Float32Array(n) }),
    update(g, st) {
      checkLength('scaleByBelief', 'gradients', st.mu.length, g.length);
      const count = st.count + 1;
      const c1 = 1 - b1 ** count;
      const c2 = 1 - b2 ** count;
      const mu = new Float32Array(g.length);
      const nu = new Float32Array(g.length);
      const out = new Float32Array(g.length);
      for (let i = 0; i < g.length; i++) {
        const gi = g[i] as number;
        const m = b1 * (st.mu[i] as number) + (1 - b1) * gi;
        const d = gi - m;
        const s = b2 * (st.nu[i] as number) + (1 - b2) * d * d + eps;
        mu[i] = m;
        nu[i] = s;
        out[i] = m / c1 / (Math.sqrt(s / c2) + eps);
      }
      recordFlops(14 * g.length);
      return [out, { count, mu, nu }];
    },
  };
}

/**
 * Adam's rescaling, an optional decoupled weight decay and the learning rate, fused into one
 * kernel pass (`Kernels.adam`) over the flat vector: the same state, the same FLOP charges and,
 * on the plain kernels, the same bits as `chain(scaleByAdam(o), addDecayedWeights(wd),
 * scaleByLearningRate(lr))` (without the middle link when `weightDecay` is null), which
 * `reference` must be (it supplies `init` and the state layout).
 */
export function fusedAdam(
  o: AdamOptions,
  weightDecay: number | null,
  lr: number | ((count: number) => number),
  reference: GradientTransformation<unknown[]>,
): GradientTransformation<unknown[]> {
  const b1 = o.b1 ?? 0.9;
  const b2 = o.b2 ?? 0.999;
  const eps = o.eps ?? 1e-8;
  const links = weightDecay === null ? 2 : 3;
  const wd = weightDecay ?? 0;
  const step = (u: Float32Array, state: unknown[], p: Float32Array): unknown[] => {
    if (!Array.isArray(state) || state.length !== links) {
      throw new OptimizerError(
        'chain.update',
        `a state array of ${links} entries`,
        JSON.stringify(Array.isArray(state) ? state.length : typeof state),
      );
    }
    const s = state[0] as MomentsState;
    const schedule = state[links - 1] as { count: number } | null;
    checkLength('scaleByAdam', 'gradients', s.mu.length, u.length);
    const count = s.count + 1;
    const scale = typeof lr === 'number' ? -lr : -lr((schedule as { count: number }).count);
    kernels().adam(u, s.mu, s.nu, p, u, { b1, b2, eps, c1: 1 - b1 ** count, c2: 1 - b2 ** count, weightDecay: wd, scale });
    const next: unknown[] = [{ count, mu: s.mu, nu: s.nu }];
    if (links === 3) next.push(null);
    next.push(schedule === null ? null : { count: schedule.count + 1 });
    return next;
  };
  const copy = (state: unknown[]): unknown[] =>
    Array.isArray(state) && state.length === links ? [copyMoments(state[0] as MomentsState), ...state.slice(1)] : state;
  return fromInPlace(reference.init, step, copy);
}
