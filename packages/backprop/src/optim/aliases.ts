import type { Schedule } from '../schedules/schedule.js';
import { type AdamOptions, fusedAdam, scaleByAdam, scaleByBelief } from './adam.js';
import { scaleByLion, trace } from './momentum.js';
import { addDecayedWeights } from './regularize.js';
import { scaleByRms, scaleByRss } from './rms.js';
import { scaleByLearningRate } from './scale.js';
import { type GradientTransformation, chain } from './transform.js';

/** A learning rate: a number or a schedule of the step count. */
export type LearningRate = number | Schedule;

/**
 * Options shared by {@link adam}, {@link adamw} and {@link adabelief}: the learning rate and
 * the moment settings of {@link AdamOptions} (ε defaults to 1e-8, 1e-16 for AdaBelief).
 */
export type AdamFamilyOptions = AdamOptions &
  Readonly<{
    /** Learning rate (step size), ≥ 0: a number or a {@link Schedule} of the step count. */
    lr: LearningRate;
  }>;

/** Drop identity links so the named optimizers' states stay small. */
const links = (...ts: (GradientTransformation<unknown> | null)[]) =>
  chain(...ts.filter((t): t is GradientTransformation<unknown> => t !== null));
const decay = (wd: number | undefined) => (wd !== undefined && wd > 0 ? addDecayedWeights(wd) : null);

/** Plain SGD: p ← p − lr·g (with optional momentum, Nesterov, and coupled L2 weight decay as in PyTorch). */
export const sgd = (
  o: Readonly<{
    /** Learning rate (step size), ≥ 0: a number or a {@link Schedule} of the step count. */
    lr: LearningRate;
    /** Momentum coefficient μ, in [0, 1); 0 or absent turns momentum off. */
    momentum?: number;
    /** Nesterov momentum (with `momentum` > 0). Default false. */
    nesterov?: boolean;
    /** Coupled L2 (λ·p added to the gradient) weight decay λ, ≥ 0. Default 0. */
    weightDecay?: number;
  }>,
) =>
  links(decay(o.weightDecay), o.momentum ? trace({ decay: o.momentum, nesterov: o.nesterov ?? false }) : null, scaleByLearningRate(o.lr));

/** SGD with heavy-ball momentum (Polyak 1964). */
export const momentum = (
  o: Readonly<{
    /** Learning rate (step size), ≥ 0: a number or a {@link Schedule} of the step count. */
    lr: LearningRate;
    /** Momentum coefficient μ, in [0, 1). Default 0.9. */
    momentum?: number;
    /** Coupled L2 weight decay λ, ≥ 0. Default 0. */
    weightDecay?: number;
  }>,
) => links(decay(o.weightDecay), trace({ decay: o.momentum ?? 0.9 }), scaleByLearningRate(o.lr));

/** SGD with Nesterov momentum (Sutskever et al. 2013). */
export const nesterov = (
  o: Readonly<{
    /** Learning rate (step size), ≥ 0: a number or a {@link Schedule} of the step count. */
    lr: LearningRate;
    /** Momentum coefficient μ, in [0, 1). Default 0.9. */
    momentum?: number;
    /** Coupled L2 weight decay λ, ≥ 0. Default 0. */
    weightDecay?: number;
  }>,
) => links(decay(o.weightDecay), trace({ decay: o.momentum ?? 0.9, nesterov: true }), scaleByLearningRate(o.lr));

/** Adagrad (Duchi et al. 2011). */
export const adagrad = (
  o: Readonly<{
    /** Learning rate (step size), ≥ 0: a number or a {@link Schedule} of the step count. */
    lr: LearningRate;
    /** Starting value of the squared-gradient sum, ≥ 0. Default 0. */
    initialAccumulatorValue?: number;
    /** ε added to the denominator. Default 1e-10. */
    eps?: number;
    /** Coupled L2 weight decay λ, ≥ 0. Default 0. */
    weightDecay?: number;
  }>,
) => links(decay(o.weightDecay), scaleByRss(o), scaleByLearningRate(o.lr));

/** RMSProp (Tieleman & Hinton 2012), optionally centered and with momentum. */
export const rmsprop = (
  o: Readonly<{
    /** Learning rate (step size), ≥ 0: a number or a {@link Schedule} of the step count. */
    lr: LearningRate;
    /** α, decay rate of the squared-gradient average, in [0, 1). Default 0.99. */
    decay?: number;
    /** ε added to the denominator. Default 1e-8. */
    eps?: number;
    /** Normalise by the estimated variance (Graves 2013). Default false. */
    centered?: boolean;
    /** Momentum coefficient applied after the rescaling, in [0, 1); 0 or absent = none. */
    momentum?: number;
    /** Coupled L2 weight decay λ, ≥ 0. Default 0. */
    weightDecay?: number;
  }>,
) => links(decay(o.weightDecay), scaleByRms(o), o.momentum ? trace({ decay: o.momentum }) : null, scaleByLearningRate(o.lr));

/** Adam (Kingma & Ba 2015); `weightDecay` here is coupled L2, as in PyTorch's Adam. */
export const adam = (
  o: AdamFamilyOptions & {
    /** Coupled L2 (PyTorch's Adam; see {@link adamw} for decoupled) weight decay λ, ≥ 0. Default 0. */
    readonly weightDecay?: number;
  },
) => {
  const l2 = decay(o.weightDecay);
  // Without decay the rescaling and the learning rate run as one fused pass (state as the chain's).
  if (l2 === null) return fusedAdam(o, null, o.lr, links(scaleByAdam(o), scaleByLearningRate(o.lr)));
  return links(l2, scaleByAdam(o), scaleByLearningRate(o.lr));
};

/** AdamW: Adam with decoupled weight decay (Loshchilov & Hutter 2019, Algorithm 2). */
export const adamw = (
  o: AdamFamilyOptions & {
    /** Decoupled (λ·p added to the update before the learning rate) weight decay λ, ≥ 0. Default 0.01. */
    readonly weightDecay?: number;
  },
) => {
  const wd = o.weightDecay ?? 1e-2;
  // One fused pass: rescaling, decoupled decay and learning rate (state as the unfused chain's).
  return fusedAdam(o, wd, o.lr, links(scaleByAdam(o), addDecayedWeights(wd), scaleByLearningRate(o.lr)));
};

/** Lion (Chen et al. 2023): sign of an interpolated momentum, decoupled weight decay. Use a 3–10× smaller lr than AdamW. */
export const lion = (
  o: Readonly<{
    /** Learning rate (step size), ≥ 0: a number or a {@link Schedule} of the step count. */
    lr: LearningRate;
    /** β1, interpolation between momentum and gradient inside the sign, in [0, 1). Default 0.9. */
    b1?: number;
    /** β2, decay rate of the momentum, in [0, 1). Default 0.99. */
    b2?: number;
    /** Decoupled weight decay λ, ≥ 0. Default 0. */
    weightDecay?: number;
  }>,
) => links(scaleByLion(o), decay(o.weightDecay), scaleByLearningRate(o.lr));

/** AdaBelief (Zhuang et al. 2020), with optional decoupled weight decay. */
export const adabelief = (
  o: AdamFamilyOptions & {
    /** Decoupled weight decay λ, ≥ 0. Default 0. */
    readonly weightDecay?: number;
  },
) => links(scaleByBelief(o), decay(o.weightDecay), scaleByLearningRate(o.lr));

/** The named optimizers, as an explicit registry. */
export const optimizers = { sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw, lion, adabelief } as const;
/** Name of a built-in optimizer: a key of {@link optimizers}. */
export type OptimizerName = keyof typeof optimizers;
