import { checkOption } from '../optim/transform.js';

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

/**
 * PyTorch's ReduceLROnPlateau (mode 'min', relative threshold) as a pure step function the
 * trainer consults with each validation loss. The trainer multiplies its updates by `scale`.
 *
 * @example
 * const plateau = reduceOnPlateau({ patience: 2 });
 * let s = plateau.init();
 * s = plateau.step(s, 0.5); // s.scale stays 1 while the loss improves
 */
export function reduceOnPlateau(o: ReduceOnPlateauOptions = {}) {
  const factor = o.factor ?? 0.1;
  const patience = o.patience ?? 10;
  const threshold = o.threshold ?? 1e-4;
  const cooldown = o.cooldown ?? 0;
  const minScale = o.minScale ?? 0;
  checkOption('reduceOnPlateau', 'factor', factor, (v) => v > 0 && v < 1, 'in (0, 1)');
  checkOption('reduceOnPlateau', 'patience', patience, (v) => Number.isInteger(v) && v >= 0, 'an integer ≥ 0');
  return {
    /** The starting state: scale 1, no best value yet. */
    init: (): ReduceOnPlateauState => ({ scale: 1, best: Number.POSITIVE_INFINITY, badEpochs: 0, cooldownLeft: 0, reductions: 0 }),
    /** The state after observing `value` (lower is better), e.g. one validation loss per epoch. */
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
