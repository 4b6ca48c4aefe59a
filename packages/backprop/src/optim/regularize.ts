import { recordFlops } from '@evoprop/tensor';
import { type GradientTransformation, checkOption, fromInPlace } from './transform.js';

/**
 * u = g + λ·p: decoupled weight decay when placed after the adaptive rescaling and before the
 * learning rate (Loshchilov & Hutter 2019, Algorithm 2, line 12) — plain L2 when placed first.
 */
export function addDecayedWeights(weightDecay: number): GradientTransformation<null> {
  checkOption('addDecayedWeights', 'weightDecay', weightDecay, (v) => v >= 0, '≥ 0');
  return fromInPlace(
    () => null,
    (u, _s, p) => {
      for (let i = 0; i < u.length; i++) u[i] = (u[i] as number) + weightDecay * (p[i] as number);
      recordFlops(2 * u.length);
      return null;
    },
    () => null,
  );
}

/** Gradient of the L2 penalty (λ/2)·‖p‖² added to the loss gradient: g + λ·p. Put it first in a chain. */
export const l2Penalty = (lambda: number): GradientTransformation<null> => addDecayedWeights(lambda);

/** Gradient of the L1 penalty λ·‖p‖₁ (subgradient 0 at 0): g + λ·sign(p). Put it first in a chain. */
export function l1Penalty(lambda: number): GradientTransformation<null> {
  checkOption('l1Penalty', 'lambda', lambda, (v) => v >= 0, '≥ 0');
  return {
    init: () => null,
    update(g, _s, p) {
      const out = new Float32Array(g.length);
      for (let i = 0; i < g.length; i++) out[i] = (g[i] as number) + lambda * Math.sign(p[i] as number);
      recordFlops(3 * g.length);
      return [out, null];
    },
  };
}
