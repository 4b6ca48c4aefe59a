import { OptimizerError, checkOption } from '../optim/transform.js';

/** A learning rate as a function of the optimizer step count (0 for the first step). */
export type Schedule = (step: number) => number;

/** The same value at every step. */
export const constant =
  (value: number): Schedule =>
  () =>
    value;

/**
 * Multiply by `gamma` every `stepSize` steps (PyTorch's StepLR):
 * lr(t) = initial · gamma^⌊t / stepSize⌋.
 */
export function stepDecay(
  o: Readonly<{
    /** Value at step 0. */
    initial: number;
    /** Steps between two decays, a positive integer. */
    stepSize: number;
    /** Factor applied at each decay. Default 0.1. */
    gamma?: number;
  }>,
): Schedule {
  checkOption('stepDecay', 'stepSize', o.stepSize, (v) => Number.isInteger(v) && v > 0, 'a positive integer');
  const gamma = o.gamma ?? 0.1;
  return (t) => o.initial * gamma ** Math.floor(t / o.stepSize);
}

/**
 * lr(t) = initial · decayRate^(t / transitionSteps); with `staircase` the exponent is
 * floored (optax's exponential_decay). Never below `endValue` when given.
 */
export function exponentialDecay(
  o: Readonly<{
    /** Value at step 0. */
    initial: number;
    /** Factor per `transitionSteps` steps, > 0 (< 1 decays, > 1 grows). */
    decayRate: number;
    /** Steps over which the value is multiplied by `decayRate` once, > 0. Default 1. */
    transitionSteps?: number;
    /** Decay in discrete jumps (floored exponent). Default false. */
    staircase?: boolean;
    /** Bound on the value: a floor when decaying, a ceiling when growing. Default none. */
    endValue?: number;
  }>,
): Schedule {
  const k = o.transitionSteps ?? 1;
  checkOption('exponentialDecay', 'transitionSteps', k, (v) => v > 0, '> 0');
  checkOption('exponentialDecay', 'decayRate', o.decayRate, (v) => v > 0, '> 0');
  return (t) => {
    const e = o.staircase === true ? Math.floor(t / k) : t / k;
    const v = o.initial * o.decayRate ** e;
    if (o.endValue === undefined) return v;
    return o.decayRate < 1 ? Math.max(v, o.endValue) : Math.min(v, o.endValue);
  };
}

/**
 * Linear warm-up from `initial` to `peak` over `warmupSteps`, then half-cosine decay to
 * `end` at `decaySteps` (total, warm-up included), constant after (SGDR without restarts,
 * Loshchilov & Hutter 2017, eq. 5; warm-up as in Goyal et al. 2017, §2.2).
 */
export function cosineWithWarmup(
  o: Readonly<{
    /** Value at the end of the warm-up (the top of the cosine). */
    peak: number;
    /** Steps of linear warm-up from `initial` to `peak`, an integer ≥ 0. */
    warmupSteps: number;
    /** Step at which the decay reaches `end` (warm-up included), > `warmupSteps`. */
    decaySteps: number;
    /** Value at step 0. Default 0. */
    initial?: number;
    /** Value at `decaySteps` and after. Default 0. */
    end?: number;
  }>,
): Schedule {
  checkOption('cosineWithWarmup', 'warmupSteps', o.warmupSteps, (v) => Number.isInteger(v) && v >= 0, 'an integer ≥ 0');
  if (!(o.decaySteps > o.warmupSteps)) {
    throw new OptimizerError('cosineWithWarmup', `decaySteps > warmupSteps (${o.warmupSteps})`, String(o.decaySteps));
  }
  const initial = o.initial ?? 0;
  const end = o.end ?? 0;
  return (t) => {
    if (t < o.warmupSteps) return initial + ((o.peak - initial) * t) / o.warmupSteps;
    const progress = Math.min(1, (t - o.warmupSteps) / (o.decaySteps - o.warmupSteps));
    return end + 0.5 * (o.peak - end) * (1 + Math.cos(Math.PI * progress));
  };
}

/**
 * The 1cycle policy (Smith & Topin 2018, §3), cosine-annealed as in PyTorch's OneCycleLR:
 * from maxLr/divFactor up to maxLr over the first `pctStart` of `totalSteps`, then down to
 * maxLr/(divFactor·finalDivFactor).
 */
export function oneCycle(
  o: Readonly<{
    /** Peak learning rate, reached after `pctStart` of the cycle. */
    maxLr: number;
    /** Length of the cycle in steps, an integer > 1. */
    totalSteps: number;
    /** Fraction of the cycle spent increasing, in (0, 1). Default 0.3. */
    pctStart?: number;
    /** The cycle starts at maxLr / divFactor. Default 25. */
    divFactor?: number;
    /** The cycle ends at maxLr / (divFactor · finalDivFactor). Default 1e4. */
    finalDivFactor?: number;
  }>,
): Schedule {
  checkOption('oneCycle', 'totalSteps', o.totalSteps, (v) => Number.isInteger(v) && v > 1, 'an integer > 1');
  const pct = o.pctStart ?? 0.3;
  checkOption('oneCycle', 'pctStart', pct, (v) => v > 0 && v < 1, 'in (0, 1)');
  const initial = o.maxLr / (o.divFactor ?? 25);
  const final = initial / (o.finalDivFactor ?? 1e4);
  const upEnd = Math.max(1, Math.round(pct * o.totalSteps) - 1);
  const downEnd = o.totalSteps - 1;
  const cos = (from: number, to: number, p: number) => to + ((from - to) / 2) * (1 + Math.cos(Math.PI * Math.min(1, Math.max(0, p))));
  return (t) => (t <= upEnd ? cos(initial, o.maxLr, t / upEnd) : cos(o.maxLr, final, (t - upEnd) / (downEnd - upEnd)));
}

/**
 * A linear warm-up factor: (t + 1) / warmupSteps for the first steps, then 1 (Goyal et al. 2017,
 * §2.2). Multiplies the updates of an optimizer as `scaleBySchedule(linearWarmup(n))`, so the
 * first step already moves (by 1/n of a full step).
 */
export function linearWarmup(warmupSteps: number): Schedule {
  checkOption('linearWarmup', 'warmupSteps', warmupSteps, (v) => v > 0, '> 0');
  return (t) => Math.min(1, (t + 1) / warmupSteps);
}
