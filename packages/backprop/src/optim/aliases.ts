import { warnDeprecatedKey } from '@evoprop/core/config';
import type { Schedule } from '../schedules/schedule.js';
import { type AdamOptions, fusedAdam, scaleByAdam, scaleByBelief } from './adam.js';
import { scaleByLion, trace } from './momentum.js';
import { addDecayedWeights } from './regularize.js';
import { scaleByRms, scaleByRss } from './rms.js';
import { scaleByLearningRate } from './scale.js';
import { type GradientTransformation, OptimizerError, chain } from './transform.js';

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
const decay = (lambda: number | undefined) => (lambda !== undefined && lambda > 0 ? addDecayedWeights(lambda) : null);

/**
 * The coupled L2 coefficient of an optimizer whose `weightDecay` was always coupled (sgd, momentum,
 * nesterov, adagrad, rmsprop, adam): `l2`, or the deprecated `weightDecay` (same update, same
 * results) with one deprecation warning. Both at once is an error.
 */
function coupledL2(where: string, o: Readonly<{ l2?: number; weightDecay?: number }>): number | undefined {
  if (o.weightDecay === undefined) return o.l2;
  if (o.l2 !== undefined) throw new OptimizerError(where, "either 'l2' or its deprecated name 'weightDecay'", 'both');
  warnDeprecatedKey(`${where} options`, { path: ['weightDecay'], from: 'weightDecay', to: 'l2' });
  return o.weightDecay;
}

/**
 * The two regularizers of the named optimizers, one name each (Loshchilov & Hutter 2019, §2: the two
 * coincide for plain SGD and differ for adaptive methods):
 * - `l2` — coupled L2 penalty, on every optimizer: g ← g + l2·p before the optimizer's own statistics
 *   (the gradient of (l2/2)·‖p‖² added to the loss; PyTorch's `weight_decay` of SGD, Adam, Adagrad, RMSprop).
 * - `weightDecay` — decoupled weight decay, on adamw, lion and adabelief only: the optimizer's update
 *   direction u becomes u + weightDecay·p, then scaled by the learning rate (PyTorch's AdamW
 *   `weight_decay`, optax's `add_decayed_weights` before `scale_by_learning_rate`).
 */
export type L2Option = Readonly<{
  /** Coupled L2 penalty λ, ≥ 0: g ← g + λ·p before the optimizer's statistics. Default 0. */
  l2?: number;
}>;

/** `weightDecay` on an optimizer where it always meant the coupled penalty: a deprecated alias of `l2`. */
type DeprecatedCoupledDecay = Readonly<{
  /** @deprecated Write `l2` (the same coupled penalty, the same results); one deprecation warning per use site. */
  weightDecay?: number;
}>;

/**
 * Plain SGD: g ← g + l2·p; p ← p − lr·g (with `momentum` μ > 0: b ← μ·b + g; p ← p − lr·b, or
 * p ← p − lr·(g + μ·b) with `nesterov`). The L2 term passes through the momentum, as in PyTorch's SGD.
 */
export const sgd = (
  o: L2Option &
    DeprecatedCoupledDecay &
    Readonly<{
      /** Learning rate (step size), ≥ 0: a number or a {@link Schedule} of the step count. */
      lr: LearningRate;
      /** Momentum coefficient μ, in [0, 1); 0 or absent turns momentum off. */
      momentum?: number;
      /** Nesterov momentum (with `momentum` > 0). Default false. */
      nesterov?: boolean;
    }>,
) =>
  links(
    decay(coupledL2('sgd', o)),
    o.momentum ? trace({ decay: o.momentum, nesterov: o.nesterov ?? false }) : null,
    scaleByLearningRate(o.lr),
  );

/** Options of {@link momentum} and {@link nesterov}. */
type MomentumOptions = L2Option &
  DeprecatedCoupledDecay &
  Readonly<{
    /** Learning rate (step size), ≥ 0: a number or a {@link Schedule} of the step count. */
    lr: LearningRate;
    /** Momentum coefficient μ, in [0, 1). Default 0.9. */
    momentum?: number;
  }>;

/** SGD with heavy-ball momentum (Polyak 1964): g ← g + l2·p; b ← μ·b + g; p ← p − lr·b. */
export const momentum = (o: MomentumOptions) =>
  links(decay(coupledL2('momentum', o)), trace({ decay: o.momentum ?? 0.9 }), scaleByLearningRate(o.lr));

/** SGD with Nesterov momentum (Sutskever et al. 2013): g ← g + l2·p; b ← μ·b + g; p ← p − lr·(g + μ·b). */
export const nesterov = (o: MomentumOptions) =>
  links(decay(coupledL2('nesterov', o)), trace({ decay: o.momentum ?? 0.9, nesterov: true }), scaleByLearningRate(o.lr));

/** Adagrad (Duchi et al. 2011): g ← g + l2·p; G ← G + g²; p ← p − lr·g / (√G + ε). */
export const adagrad = (
  o: L2Option &
    DeprecatedCoupledDecay &
    Readonly<{
      /** Learning rate (step size), ≥ 0: a number or a {@link Schedule} of the step count. */
      lr: LearningRate;
      /** Starting value of the squared-gradient sum, ≥ 0. Default 0. */
      initialAccumulatorValue?: number;
      /** ε added to the denominator. Default 1e-10. */
      eps?: number;
    }>,
) => links(decay(coupledL2('adagrad', o)), scaleByRss(o), scaleByLearningRate(o.lr));

/**
 * RMSProp (Tieleman & Hinton 2012), optionally centered and with momentum:
 * g ← g + l2·p; v ← α·v + (1−α)·g²; p ← p − lr·g / (√v + ε).
 */
export const rmsprop = (
  o: L2Option &
    DeprecatedCoupledDecay &
    Readonly<{
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
    }>,
) => links(decay(coupledL2('rmsprop', o)), scaleByRms(o), o.momentum ? trace({ decay: o.momentum }) : null, scaleByLearningRate(o.lr));

/**
 * Adam (Kingma & Ba 2015, Algorithm 1): g ← g + l2·p; m, v, m̂, v̂ from g; p ← p − lr·m̂ / (√v̂ + ε).
 * The L2 term is rescaled by √v̂ like the gradient (PyTorch's Adam `weight_decay`); for decay
 * that is not, use {@link adamw}'s `weightDecay`.
 */
export const adam = (o: AdamFamilyOptions & L2Option & DeprecatedCoupledDecay) => {
  const l2 = decay(coupledL2('adam', o));
  // Without decay the rescaling and the learning rate run as one fused pass (state as the chain's).
  if (l2 === null) return fusedAdam(o, null, o.lr, links(scaleByAdam(o), scaleByLearningRate(o.lr)));
  return links(l2, scaleByAdam(o), scaleByLearningRate(o.lr));
};

/**
 * AdamW (Loshchilov & Hutter 2019, Algorithm 2): g ← g + l2·p; m̂, v̂ from g;
 * p ← p − lr·(m̂ / (√v̂ + ε) + weightDecay·p). Decoupled: the decay is not rescaled by √v̂.
 */
export const adamw = (
  o: AdamFamilyOptions &
    L2Option & {
      /** Decoupled weight decay λ, ≥ 0: λ·p added to the update after the rescaling, then scaled by lr. Default 0.01. */
      readonly weightDecay?: number;
    },
) => {
  const wd = o.weightDecay ?? 1e-2;
  // One fused pass: rescaling, decoupled decay and learning rate (state as the unfused chain's).
  const fused = fusedAdam(o, wd, o.lr, links(scaleByAdam(o), addDecayedWeights(wd), scaleByLearningRate(o.lr)));
  const l2 = decay(o.l2);
  return l2 === null ? fused : links(l2, fused);
};

/**
 * Lion (Chen et al. 2023, Program 1): g ← g + l2·p; u = sign(β1·m + (1−β1)·g); m ← β2·m + (1−β2)·g;
 * p ← p − lr·(u + weightDecay·p). Decoupled decay, outside the sign. Use a 3–10× smaller lr than AdamW.
 */
export const lion = (
  o: L2Option &
    Readonly<{
      /** Learning rate (step size), ≥ 0: a number or a {@link Schedule} of the step count. */
      lr: LearningRate;
      /** β1, interpolation between momentum and gradient inside the sign, in [0, 1). Default 0.9. */
      b1?: number;
      /** β2, decay rate of the momentum, in [0, 1). Default 0.99. */
      b2?: number;
      /** Decoupled weight decay λ, ≥ 0: λ·p added to the sign update, then scaled by lr. Default 0. */
      weightDecay?: number;
    }>,
) => links(decay(o.l2), scaleByLion(o), decay(o.weightDecay), scaleByLearningRate(o.lr));

/**
 * AdaBelief (Zhuang et al. 2020, Algorithm 2): g ← g + l2·p; m, s from g;
 * p ← p − lr·(m̂ / (√ŝ + ε) + weightDecay·p). Decoupled decay, as in AdamW.
 */
export const adabelief = (
  o: AdamFamilyOptions &
    L2Option & {
      /** Decoupled weight decay λ, ≥ 0: λ·p added to the update after the rescaling, then scaled by lr. Default 0. */
      readonly weightDecay?: number;
    },
) => links(decay(o.l2), scaleByBelief(o), decay(o.weightDecay), scaleByLearningRate(o.lr));

/** The named optimizers, as an explicit registry. */
export const optimizers = { sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw, lion, adabelief } as const;
/** Name of a built-in optimizer: a key of {@link optimizers}. */
export type OptimizerName = keyof typeof optimizers;
