import { type GradientTransformation, addDecayedWeights, chain, masked, scaleByAdam, scaleByLearningRate, trace } from '@evoprop/backprop';
import { deprecatedKeys } from '@evoprop/core/config';
import { type Rng, portableMath } from '@evoprop/tensor';
import { z } from 'zod';

/** The hyperparameters each PBT member owns. */
export type Hyperparameters = Readonly<{
  /** Step size of the member's optimizer (> 0). */
  learningRate: number;
  /** Coupled L2 penalty λ ≥ 0: λ·p added to the gradient before the optimizer (formerly `weightDecay`). */
  l2: number;
  /** SGD: heavy-ball momentum; Adam: β1. In [0, 1). */
  momentum: number;
  /** Dropout rate after every hidden layer of the default model, in [0, 1). */
  dropout: number;
  /** Rows per gradient step (an integer ≥ 1). */
  batchSize: number;
}>;
/** The name of one searched hyperparameter. */
export type HyperparameterName = keyof Hyperparameters;
/** Every hyperparameter a PBT member owns, in a fixed order (the order sampling draws them in). */
export const hyperparameterNames: readonly HyperparameterName[] = ['learningRate', 'l2', 'momentum', 'dropout', 'batchSize'];

/** A searched range: sampled uniformly (or log-uniformly) at start and on resample, clamped into it on perturb. */
const rangeSchema = (lower: number, upper: number, upperInclusive: boolean, unit: string) =>
  z
    .strictObject({
      /** Lower end of the range (inclusive). */
      min: z.number().min(lower).meta({ unit }),
      /** Upper end of the range (inclusive). */
      max: (upperInclusive ? z.number().max(upper) : z.number().lt(upper)).meta({ unit }),
      /** Sample log-uniformly (needs min > 0); default false = uniformly. */
      log: z.boolean().default(false),
    })
    .refine((r) => r.min <= r.max, { message: 'min must be ≤ max' })
    .refine((r) => !r.log || r.min > 0, { message: 'a log range needs min > 0' });

/** A hyperparameter is either fixed (a number) or searched (a range), in `unit`. */
const spec = (
  lower: number,
  upper: number,
  upperInclusive: boolean,
  fallback: number | { min: number; max: number; log: boolean },
  unit: string,
) => {
  const fixed = (upperInclusive ? z.number().min(lower).max(upper) : z.number().min(lower).lt(upper)).meta({ unit });
  return z.union([fixed, rangeSchema(lower, upper, upperInclusive, unit)]).default(fallback);
};

/** The PBT search space: every hyperparameter is a fixed number or a `{ min, max, log }` range. */
export const pbtSearchSpaceSchema = deprecatedKeys(
  z.strictObject({
    /** Learning rate; default log-uniform in [1e-3, 0.3]. */
    learningRate: spec(0, 10, true, { min: 1e-3, max: 0.3, log: true }, 'per gradient step'),
    /** Coupled L2 penalty: λ·p added to the gradient before the optimizer (PyTorch's SGD/Adam `weight_decay`; formerly `weightDecay`). */
    l2: spec(0, 1, true, { min: 1e-5, max: 1e-2, log: true }, 'coefficient'),
    /** SGD: heavy-ball momentum; Adam: β1. */
    momentum: spec(0, 1, false, { min: 0.5, max: 0.95, log: false }, 'coefficient'),
    /** Dropout after every hidden layer of the default model (ignored with a model from the request). */
    dropout: spec(0, 1, false, 0, 'probability'),
    /** Rows per gradient step (rounded to an integer when searched); default fixed 32. */
    batchSize: spec(1, 1e9, true, 32, 'samples'),
  }),
  { weightDecay: 'l2' },
);
/** The parsed search space (defaults filled in). */
export type PbtSearchSpace = z.output<typeof pbtSearchSpaceSchema>;
/** @deprecated Use {@link pbtSearchSpaceSchema} (`searchSpaceSchema` is `@evoprop/core/config`'s tuning search space). */
export const searchSpaceSchema = pbtSearchSpaceSchema;
/** @deprecated Use {@link PbtSearchSpace} (`SearchSpace` is `@evoprop/core/config`'s tuning search space). */
export type SearchSpace = PbtSearchSpace;
type Spec = PbtSearchSpace[HyperparameterName];

const isFixed = (s: Spec): s is number => typeof s === 'number';
const integral = (name: HyperparameterName, v: number): number => (name === 'batchSize' ? Math.max(1, Math.round(v)) : v);

function sampleOne(name: HyperparameterName, s: Spec, rng: Rng): number {
  if (isFixed(s)) return s;
  const v = s.log ? portableMath.exp(rng.uniform(portableMath.log(s.min), portableMath.log(s.max))) : rng.uniform(s.min, s.max);
  return integral(name, v);
}

/** A member's starting hyperparameters, drawn from the search space. */
export function sampleHyperparameters(space: PbtSearchSpace, rng: Rng): Hyperparameters {
  const h: Record<string, number> = {};
  for (const name of hyperparameterNames) h[name] = sampleOne(name, space[name], rng);
  return h as Hyperparameters;
}

/**
 * PBT's explore step (Jaderberg et al. 2017, §4.1, p. 6): each searched hyperparameter is
 * multiplied by one of `factors` (0.8 or 1.2), or with probability `resampleProbability`
 * drawn afresh from its prior. Results are clamped into the range; fixed ones never move.
 */
export function exploreHyperparameters(
  space: PbtSearchSpace,
  h: Hyperparameters,
  rng: Rng,
  o: Readonly<{ factors: readonly number[]; resampleProbability: number }>,
): Hyperparameters {
  const out: Record<string, number> = { ...h };
  for (const name of hyperparameterNames) {
    const s = space[name];
    if (isFixed(s)) continue;
    if (rng.bernoulli(o.resampleProbability)) out[name] = sampleOne(name, s, rng);
    else {
      const factor = o.factors[rng.int(0, o.factors.length)] as number;
      out[name] = integral(name, Math.min(s.max, Math.max(s.min, h[name] * factor)));
    }
  }
  return out as Hyperparameters;
}

/** The optimizer family every PBT member uses: SGD with heavy-ball momentum or Adam. */
export type PbtOptimizerName = 'sgd' | 'adam';

/**
 * The member's optimizer for its current hyperparameters. Every link is always present
 * (a zero decay or momentum is still a link), so the state has the same structure for any
 * hyperparameters: exploit copies it verbatim and explore changes the numbers only.
 */
export function memberOptimizer(name: PbtOptimizerName, h: Hyperparameters, mask: Uint8Array): GradientTransformation<unknown> {
  const core = name === 'sgd' ? trace({ decay: h.momentum }) : scaleByAdam({ b1: h.momentum });
  return masked(chain(addDecayedWeights(h.l2), core, scaleByLearningRate(h.learningRate)), mask);
}
