import { deprecatedKeys, mlpFields, parseConfig } from '@evoprop/core/config';
import { z } from 'zod';
import { adabelief, adagrad, adam, adamw, lion, momentum, nesterov, rmsprop, sgd } from '../optim/aliases.js';
import { clipByGlobalNorm, clipByValue } from '../optim/clip.js';
import { l1Penalty, l2Penalty } from '../optim/regularize.js';
import { type GradientTransformation, chain } from '../optim/transform.js';
import { type Schedule, constant, cosineWithWarmup, exponentialDecay, oneCycle, stepDecay } from '../schedules/schedule.js';

const lr = z.number().positive();
const beta = z.number().min(0).lt(1);
const decay = z.number().nonnegative();

/** Adam's moment fields (also AdamW's and AdaBelief's): β1 (default 0.9) and β2 in [0, 1), ε ≥ 0 added to the denominator. */
const adamMoments = (b2: number, eps: number) => ({
  /** β1, decay rate of the first-moment estimate, in [0, 1). Default 0.9. */
  b1: beta.default(0.9).meta({ unit: 'coefficient' }),
  /** β2, decay rate of the second-moment estimate, in [0, 1). */
  b2: beta.default(b2).meta({ unit: 'coefficient' }),
  /** ε added to the denominator, ≥ 0. */
  eps: decay.default(eps).meta({ unit: 'gradient units' }),
});

/**
 * One optimizer's section: its `name`, the `learningRate` (step size, > 0), its own fields, and
 * `l2` λ ≥ 0, the coupled L2 penalty (λ·p added to the gradient before the optimizer's statistics).
 * Where `weightDecay` always meant that same coupled penalty (sgd, momentum, nesterov, adagrad,
 * rmsprop, adam) it is a deprecated alias of `l2`; see {@link decoupledOptimizer} for the others.
 */
const optimizer = <N extends string, S extends z.ZodRawShape>(name: N, learningRate: number, fields: S) =>
  deprecatedKeys(
    z.strictObject({
      /** Which optimizer this section configures. */
      name: z.literal(name),
      /** Step size, > 0 (the peak / initial value under a `schedule`). */
      learningRate: lr.default(learningRate).meta({ unit: 'per gradient step' }),
      ...fields,
      /** Coupled L2 penalty λ, ≥ 0: λ·p added to the gradient before the optimizer's statistics (formerly `weightDecay` here). Default 0. */
      l2: decay.default(0).meta({ unit: 'coefficient' }),
    }),
    { weightDecay: 'l2' },
  );

/**
 * An optimizer with decoupled weight decay (adamw, lion, adabelief): the fields of an
 * {@link optimizer} section — `l2` coupled as everywhere — plus `weightDecay` λ ≥ 0, added to the
 * optimizer's update after its rescaling and scaled by the learning rate: p ← p − lr·(u + λ·p)
 * (Loshchilov & Hutter 2019, Algorithm 2, line 12).
 */
const decoupledOptimizer = <N extends string, S extends z.ZodRawShape>(name: N, learningRate: number, fields: S, weightDecay: number) =>
  z.strictObject({
    /** Which optimizer this section configures. */
    name: z.literal(name),
    /** Step size, > 0 (the peak / initial value under a `schedule`). */
    learningRate: lr.default(learningRate).meta({ unit: 'per gradient step' }),
    ...fields,
    /** Coupled L2 penalty λ, ≥ 0: λ·p added to the gradient before the optimizer's statistics. Default 0. */
    l2: decay.default(0).meta({ unit: 'coefficient' }),
    /** Decoupled weight decay λ, ≥ 0: λ·p added to the optimizer's update, then scaled by the learning rate. */
    weightDecay: decay.default(weightDecay).meta({ unit: 'coefficient' }),
  });

/**
 * Zod schema of the optimizer section of a {@link BackpropConfig}: one object per named optimizer,
 * told apart by `name`. Every field but `name` has a default; unknown keys are rejected.
 * Learning rates are per gradient step; with a `schedule` the learning rate is its peak / initial value.
 *
 * @example
 * OptimizerConfig.parse({ name: 'adamw', learningRate: 3e-4 }); // b1 0.9, b2 0.999, eps 1e-8, l2 0, weightDecay 0.01
 */
export const OptimizerConfig = z.discriminatedUnion('name', [
  // Plain stochastic gradient descent, PyTorch's `SGD` (see {@link sgd}); lr 0.01.
  optimizer('sgd', 0.01, {
    /** Heavy-ball momentum coefficient μ (Polyak 1964), in [0, 1); 0 (default) turns momentum off. */
    momentum: beta.default(0).meta({ unit: 'coefficient' }),
    /** Use Nesterov momentum (Sutskever et al. 2013) when `momentum` > 0. Default false. */
    nesterov: z.boolean().default(false),
  }),
  // SGD with heavy-ball momentum (Polyak 1964; see {@link momentum}); lr 0.01.
  optimizer('momentum', 0.01, {
    /** Momentum coefficient μ, in [0, 1). Default 0.9. */
    momentum: beta.default(0.9).meta({ unit: 'coefficient' }),
  }),
  // SGD with Nesterov momentum (Sutskever et al. 2013, eq. 3–4; see {@link nesterov}); lr 0.01.
  optimizer('nesterov', 0.01, {
    /** Momentum coefficient μ, in [0, 1). Default 0.9. */
    momentum: beta.default(0.9).meta({ unit: 'coefficient' }),
  }),
  // Adagrad (Duchi, Hazan & Singer 2011; see {@link adagrad}); lr 0.01.
  optimizer('adagrad', 0.01, {
    /** Starting value of the squared-gradient accumulator, ≥ 0. Default 0. */
    initialAccumulatorValue: decay.default(0).meta({ unit: 'squared gradient units' }),
    /** ε added to the denominator, ≥ 0. Default 1e-10. */
    eps: decay.default(1e-10).meta({ unit: 'gradient units' }),
  }),
  // RMSProp (Tieleman & Hinton 2012, lecture 6e; see {@link rmsprop}); lr 1e-3.
  optimizer('rmsprop', 1e-3, {
    /** α, decay rate of the squared-gradient average, in [0, 1). Default 0.99. */
    decay: beta.default(0.99).meta({ unit: 'coefficient' }),
    /** ε added to the denominator, ≥ 0. Default 1e-8. */
    eps: decay.default(1e-8).meta({ unit: 'gradient units' }),
    /** Normalise by the estimated variance instead of the second moment (Graves 2013). Default false. */
    centered: z.boolean().default(false),
    /** Momentum coefficient applied after the rescaling, in [0, 1); 0 (default) = none. */
    momentum: beta.default(0).meta({ unit: 'coefficient' }),
  }),
  // Adam (Kingma & Ba 2015, Algorithm 1; see {@link adam}); lr 1e-3; `l2` only (use adamw for decoupled `weightDecay`).
  optimizer('adam', 1e-3, adamMoments(0.999, 1e-8)),
  // AdamW: Adam with decoupled weight decay (Loshchilov & Hutter 2019, Algorithm 2; see {@link adamw}); lr 1e-3, decay 0.01.
  decoupledOptimizer('adamw', 1e-3, adamMoments(0.999, 1e-8), 1e-2),
  // Lion (Chen et al. 2023, Program 1; see {@link lion}); lr 1e-4 (3–10× smaller than AdamW's).
  decoupledOptimizer(
    'lion',
    1e-4,
    {
      /** β1, interpolation between momentum and gradient inside the sign, in [0, 1). Default 0.9. */
      b1: beta.default(0.9).meta({ unit: 'coefficient' }),
      /** β2, decay rate of the momentum, in [0, 1). Default 0.99. */
      b2: beta.default(0.99).meta({ unit: 'coefficient' }),
    },
    0,
  ),
  // AdaBelief (Zhuang et al. 2020, Algorithm 2; see {@link adabelief}); lr 1e-3; b2 decays the "belief" (g − m)², eps 1e-16.
  decoupledOptimizer('adabelief', 1e-3, adamMoments(0.999, 1e-16), 0),
]);
/** A parsed optimizer config (every default filled in); see the {@link OptimizerConfig} schema. */
export type OptimizerConfig = z.infer<typeof OptimizerConfig>;

const steps = z.number().int().positive();

/** Schedules of the optimizer step; the optimizer's learningRate is the peak / initial value. */
const ScheduleConfig = z.discriminatedUnion('type', [
  z.strictObject({
    /** Keep the learning rate constant (the same as no schedule). */
    type: z.literal('constant'),
  }),
  z.strictObject({
    /** Multiply the learning rate by `gamma` every `stepSize` steps (PyTorch's `StepLR`; see {@link stepDecay}). */
    type: z.literal('step'),
    /** Gradient steps between two decays, an integer > 0 (required). */
    stepSize: steps.meta({ unit: 'gradient steps' }),
    /** Factor applied at each decay, > 0. Default 0.1. */
    gamma: z.number().positive().default(0.1).meta({ unit: 'factor' }),
  }),
  z.strictObject({
    /** lr · decayRate^(step / transitionSteps) (optax's `exponential_decay`; see {@link exponentialDecay}). */
    type: z.literal('exponential'),
    /** Factor per `transitionSteps` steps, > 0 (required; < 1 decays, > 1 grows). */
    decayRate: z.number().positive().meta({ unit: 'factor' }),
    /** Gradient steps over which the rate is multiplied by `decayRate` once, an integer > 0. Default 1. */
    transitionSteps: steps.default(1).meta({ unit: 'gradient steps' }),
    /** Decay in discrete jumps (integer exponent) instead of continuously. Default false. */
    staircase: z.boolean().default(false),
    /** Bound on the rate (a floor when decaying, a ceiling when growing), ≥ 0. Default none. */
    endValue: decay.optional().meta({ unit: 'per gradient step' }),
  }),
  z.strictObject({
    /** Linear warmup to the learning rate, then cosine decay (Loshchilov & Hutter 2017, SGDR eq. 5; see {@link cosineWithWarmup}). */
    type: z.literal('cosine'),
    /** Gradient steps of linear warmup from `initial` to the peak, an integer ≥ 0. Default 0. */
    warmupSteps: z.number().int().nonnegative().default(0).meta({ unit: 'gradient steps' }),
    /** Total steps of warmup plus decay, after which the rate stays at `end`, an integer > 0 (required). */
    decaySteps: steps.meta({ unit: 'gradient steps' }),
    /** Learning rate at step 0 (start of the warmup), ≥ 0. Default 0. */
    initial: decay.default(0).meta({ unit: 'per gradient step' }),
    /** Learning rate at the end of the decay, ≥ 0. Default 0. */
    end: decay.default(0).meta({ unit: 'per gradient step' }),
  }),
  z.strictObject({
    /** One-cycle policy (Smith & Topin 2018, §3; PyTorch's `OneCycleLR`, cosine annealing; see {@link oneCycle}). */
    type: z.literal('oneCycle'),
    /** Length of the cycle in gradient steps, an integer > 1 (required). */
    totalSteps: steps.meta({ unit: 'gradient steps' }),
    /** Fraction of the cycle spent increasing the rate, in (0, 1). Default 0.3. */
    pctStart: z.number().gt(0).lt(1).default(0.3).meta({ unit: 'fraction of steps' }),
    /** The cycle starts at learningRate / divFactor, > 0. Default 25. */
    divFactor: z.number().positive().default(25).meta({ unit: 'factor' }),
    /** The cycle ends at learningRate / (divFactor · finalDivFactor), > 0. Default 1e4. */
    finalDivFactor: z.number().positive().default(1e4).meta({ unit: 'factor' }),
  }),
]);
/** A parsed learning-rate schedule config (the `schedule` field of a {@link BackpropConfig}). */
export type ScheduleConfig = z.infer<typeof ScheduleConfig>;

/**
 * Zod schema of the {@link BackpropTrainer}'s config (trainer id `backprop`). Every key is optional;
 * unknown keys are rejected. Parse with {@link parseBackpropConfig} for errors that name the key.
 *
 * @example
 * const config = parseBackpropConfig({ optimizer: { name: 'sgd', learningRate: 0.1, momentum: 0.9 }, batchSize: 32 });
 */
export const BackpropConfig = z.strictObject({
  /** The optimizer, see {@link OptimizerConfig}. Default Adam with lr 1e-3, β1 0.9, β2 0.999, ε 1e-8. */
  optimizer: OptimizerConfig.default({ name: 'adam', learningRate: 1e-3, b1: 0.9, b2: 0.999, eps: 1e-8, l2: 0 }),
  /** Samples per gradient step, an integer > 0; null (default) = the whole training set, 1 = pure stochastic GD. */
  batchSize: z.number().int().positive().nullable().default(null).meta({ unit: 'samples' }),
  /** Reshuffle the training set every epoch (seeded from `rng.fork('shuffle')`). Default true. */
  shuffle: z.boolean().default(true),
  /** The default model (an MLP) built when the request brings none: `hidden` sizes (default [16, 16]) and their `activation` (default 'tanh'). */
  ...mlpFields({ hidden: [16, 16], activation: 'tanh' }),
  /** Learning-rate schedule over gradient steps, see {@link ScheduleConfig}; default none (constant rate). */
  schedule: ScheduleConfig.optional(),
  /** Scale the learning rate down when the validation loss (training loss without a validation split) plateaus (PyTorch's ReduceLROnPlateau). Default off. */
  plateau: z
    .strictObject({
      /** Multiply the learning rate by this on a plateau, in (0, 1). Default 0.1. */
      factor: z.number().gt(0).lt(1).default(0.1).meta({ unit: 'factor' }),
      /** Validations without improvement before reducing, an integer ≥ 0. Default 10. */
      patience: z.number().int().nonnegative().default(10).meta({ unit: 'validations' }),
      /** Relative improvement that counts: better when loss < best·(1 − threshold), ≥ 0. Default 1e-4. */
      threshold: decay.default(1e-4).meta({ unit: 'fraction of best' }),
      /** Validations to wait after a reduction before counting again, an integer ≥ 0. Default 0. */
      cooldown: z.number().int().nonnegative().default(0).meta({ unit: 'validations' }),
      /** Lower bound of the learning-rate multiplier, ≥ 0. Default 0. */
      minScale: decay.default(0).meta({ unit: 'factor' }),
    })
    .optional(),
  /** Stop when the monitored metric has not improved for `patience` validations. Default off. */
  earlyStopping: z
    .strictObject({
      /** Validations without improvement before stopping, an integer ≥ 0. Default 10. */
      patience: z.number().int().nonnegative().default(10).meta({ unit: 'validations' }),
      /** Smallest change of the monitored metric that counts as an improvement (absolute), ≥ 0. Default 0. */
      minDelta: decay.default(0).meta({ unit: 'metric units' }),
      /** Metric to watch, as named in the events (`'val.loss'`, `'val.accuracy'`, ...). Default 'val.loss'. */
      monitor: z.string().default('val.loss'),
      /** Whether lower ('min') or higher ('max') values of the metric are better. Default 'min'. */
      mode: z.enum(['min', 'max']).default('min'),
      /** On stopping, put back the weights of the best validation (Keras' `restore_best_weights`). Default true. */
      restoreBestWeights: z.boolean().default(true),
    })
    .optional(),
  /** Rescale the gradient when its global L2 norm exceeds this (Pascanu et al. 2013, §3.2), > 0. Default none. */
  clipNorm: z.number().positive().optional().meta({ unit: 'gradient units' }),
  /** Clamp every gradient entry to [−clipValue, clipValue], > 0. Default none. */
  clipValue: z.number().positive().optional().meta({ unit: 'gradient units' }),
  /** Coupled L1 penalty: l1·sign(p) added to the loss gradient, ≥ 0. Default 0. */
  l1: decay.default(0).meta({ unit: 'coefficient' }),
  /** Coupled L2 penalty: l2·p added to the loss gradient, ≥ 0 (the same update as `optimizer.l2`; the two add up). Default 0. */
  l2: decay.default(0).meta({ unit: 'coefficient' }),
  /** Validate (and check early stopping / targets) every this many epochs, an integer > 0. Default 1. */
  validateEvery: steps.default(1).meta({ unit: 'epochs' }),
  /** Emit gradient-health diagnostics (see {@link GradientHealth}) at the end of each validated epoch. Default true. */
  diagnostics: z.boolean().default(true),
  /** Samples per forward pass when evaluating (memory, not results), an integer > 0. Default 1024. */
  evaluationBatchSize: steps.default(1024).meta({ unit: 'samples' }),
});
/** A parsed {@link BackpropConfig} (every default filled in), as returned by {@link parseBackpropConfig}. */
export type BackpropConfig = z.infer<typeof BackpropConfig>;
/** What a user may write as a backprop config: every key optional (the input side of the {@link BackpropConfig} schema). */
export type BackpropConfigInput = z.input<typeof BackpropConfig>;

/** Parse a config with core's config parser; failures name the key, what was expected and what was found. */
export const parseBackpropConfig = (input: unknown, where = 'backprop config'): BackpropConfig => parseConfig(BackpropConfig, input, where);

/** The schedule of the config (peak = the optimizer's learning rate), or the constant rate. */
export function scheduleFor(config: BackpropConfig): Schedule {
  const peak = config.optimizer.learningRate;
  const s = config.schedule;
  if (s === undefined || s.type === 'constant') return constant(peak);
  switch (s.type) {
    case 'step':
      return stepDecay({ initial: peak, stepSize: s.stepSize, gamma: s.gamma });
    case 'exponential':
      return exponentialDecay({
        initial: peak,
        decayRate: s.decayRate,
        transitionSteps: s.transitionSteps,
        staircase: s.staircase,
        endValue: s.endValue,
      });
    case 'cosine':
      return cosineWithWarmup({ peak, warmupSteps: s.warmupSteps, decaySteps: s.decaySteps, initial: s.initial, end: s.end });
    case 'oneCycle':
      return oneCycle({
        maxLr: peak,
        totalSteps: s.totalSteps,
        pctStart: s.pctStart,
        divFactor: s.divFactor,
        finalDivFactor: s.finalDivFactor,
      });
  }
}

/** The named optimizers of {@link OptimizerConfig}, by name. */
const optimizers = { sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw, lion, adabelief } as const;

/** The whole gradient transformation of a config: clipping, penalties, then the named optimizer. */
export function optimizerFor(config: BackpropConfig): GradientTransformation<unknown> {
  const o = config.optimizer;
  const lrOrSchedule = config.schedule === undefined ? o.learningRate : scheduleFor(config);
  // Each alias takes its own section of the config plus the rate; `o.name` picks the matching one.
  const alias = optimizers[o.name] as (options: OptimizerConfig & { lr: number | Schedule }) => GradientTransformation<unknown>;
  const named = alias({ ...o, lr: lrOrSchedule });
  const links: GradientTransformation<unknown>[] = [];
  if (config.clipValue !== undefined) links.push(clipByValue(config.clipValue));
  if (config.clipNorm !== undefined) links.push(clipByGlobalNorm(config.clipNorm));
  if (config.l1 > 0) links.push(l1Penalty(config.l1));
  if (config.l2 > 0) links.push(l2Penalty(config.l2));
  return links.length === 0 ? named : chain(...links, named);
}
