import { recordFlops } from '@evoprop/tensor';
import { type GradientTransformation, checkOption, fromInPlace } from '../optim/transform.js';

/** Options of {@link reduceOnPlateau}; the defaults are PyTorch's `ReduceLROnPlateau` defaults. */
export type ReduceOnPlateauOptions = Readonly<{
  /** Multiply the scale by this on a plateau. Default 0.1. */
  factor?: number;
  /** Epochs without improvement before reducing. Default 10. */
  patience?: number;
  /** Improvement needed, relative to the best value: better when v < best·(1 − threshold). Default 1e-4. */
  threshold?: number;
  /** Epochs to wait after a reduction before counting again. Default 0. */
  cooldown?: number;
  /** The scale never goes below this. Default 0. */
  minScale?: number;
}>;

/** Plain-data state of {@link reduceOnPlateau}; `scale` multiplies the optimizer's updates. */
export type ReduceOnPlateauState = Readonly<{
  /** Current multiplier of the learning rate, starting at 1; never below `minScale`. */
  scale: number;
  /** Best (lowest) value seen so far; +Infinity before the first finite value. */
  best: number;
  /** Consecutive steps without a relative improvement of more than `threshold`. */
  badEpochs: number;
  /** Steps left in the cooldown after the last reduction (bad epochs are not counted meanwhile). */
  cooldownLeft: number;
  /** How many times the scale has been reduced. */
  reductions: number;
}>;

/** {@link reduceOnPlateau}'s value: a gradient transformation that also observes the monitored value. */
export type ReduceOnPlateau = GradientTransformation<ReduceOnPlateauState> &
  Readonly<{
    /** The starting state: scale 1, no best value yet (`n`, the vector length, is not needed). */
    init(n?: number): ReduceOnPlateauState;
    /** The state after observing `value` (lower is better), e.g. one validation loss per epoch. */
    step(s: ReduceOnPlateauState, value: number): ReduceOnPlateauState;
  }>;

/**
 * PyTorch's ReduceLROnPlateau (mode 'min', relative threshold) as a gradient transformation
 * (optax's `reduce_on_plateau`): `update` multiplies the updates by the state's `scale`, and
 * `step(state, value)` observes the monitored value (a validation loss, once per epoch), which
 * is the only thing that moves the scale. Put it last in a chain, after the learning rate.
 *
 * @example
 * const plateau = reduceOnPlateau({ patience: 2 });
 * let s = plateau.init();
 * s = plateau.step(s, 0.5); // s.scale stays 1 while the loss improves
 * const opt = chain(adam({ lr: 1e-3 }), plateau); // its state: [adamState, plateauState]
 */
export function reduceOnPlateau(o: ReduceOnPlateauOptions = {}): ReduceOnPlateau {
  const factor = o.factor ?? 0.1;
  const patience = o.patience ?? 10;
  const threshold = o.threshold ?? 1e-4;
  const cooldown = o.cooldown ?? 0;
  const minScale = o.minScale ?? 0;
  checkOption('reduceOnPlateau', 'factor', factor, (v) => v > 0 && v < 1, 'in (0, 1)');
  checkOption('reduceOnPlateau', 'patience', patience, (v) => Number.isInteger(v) && v >= 0, 'an integer ≥ 0');
  const init = (): ReduceOnPlateauState => ({ scale: 1, best: Number.POSITIVE_INFINITY, badEpochs: 0, cooldownLeft: 0, reductions: 0 });
  const scaled = fromInPlace<ReduceOnPlateauState>(
    init,
    (u, s) => {
      const k = s.scale;
      if (k === 1) return s;
      for (let i = 0; i < u.length; i++) u[i] = k * (u[i] as number);
      recordFlops(u.length);
      return s;
    },
    (s) => s,
  );
  return {
    ...scaled,
    init,
    step(s: ReduceOnPlateauState, value: number): ReduceOnPlateauState {
      const improved = value < s.best * (1 - threshold) || (s.best === Number.POSITIVE_INFINITY && Number.isFinite(value));
      const best = improved ? value : s.best;
      let badEpochs = improved ? 0 : s.badEpochs + 1;
      let cooldownLeft = s.cooldownLeft;
      if (cooldownLeft > 0) {
        cooldownLeft--;
        badEpochs = 0;
      }
      if (badEpochs > patience) {
        const scale = Math.max(minScale, s.scale * factor);
        return { scale, best, badEpochs: 0, cooldownLeft: cooldown, reductions: s.reductions + (scale < s.scale ? 1 : 0) };
      }
      return { scale: s.scale, best, badEpochs, cooldownLeft, reductions: s.reductions };
    },
  };
}
