import type { Schedule } from '../schedules/schedule.js';
import { scaleByAdam, scaleByBelief } from './adam.js';
import { scaleByLion, trace } from './momentum.js';
import { addDecayedWeights } from './regularize.js';
import { scaleByRms, scaleByRss } from './rms.js';
import { scaleByLearningRate } from './scale.js';
import { type GradientTransformation, chain } from './transform.js';

/** A learning rate: a number or a schedule of the step count. */
export type LearningRate = number | Schedule;

/** Drop identity links so the named optimizers' states stay small. */
const links = (...ts: (GradientTransformation<unknown> | null)[]) =>
  chain(...ts.filter((t): t is GradientTransformation<unknown> => t !== null));
const decay = (wd: number | undefined) => (wd !== undefined && wd > 0 ? addDecayedWeights(wd) : null);

/** Plain SGD: p ← p − lr·g (with optional momentum, Nesterov, and coupled L2 weight decay as in PyTorch). */
export const sgd = (o: Readonly<{ lr: LearningRate; momentum?: number; nesterov?: boolean; weightDecay?: number }>) =>
  links(decay(o.weightDecay), o.momentum ? trace({ decay: o.momentum, nesterov: o.nesterov ?? false }) : null, scaleByLearningRate(o.lr));

/** SGD with heavy-ball momentum (Polyak 1964). */
export const momentum = (o: Readonly<{ lr: LearningRate; momentum?: number; weightDecay?: number }>) =>
  links(decay(o.weightDecay), trace({ decay: o.momentum ?? 0.9 }), scaleByLearningRate(o.lr));

/** SGD with Nesterov momentum (Sutskever et al. 2013). */
export const nesterov = (o: Readonly<{ lr: LearningRate; momentum?: number; weightDecay?: number }>) =>
  links(decay(o.weightDecay), trace({ decay: o.momentum ?? 0.9, nesterov: true }), scaleByLearningRate(o.lr));

/** Adagrad (Duchi et al. 2011). */
export const adagrad = (o: Readonly<{ lr: LearningRate; initialAccumulatorValue?: number; eps?: number; weightDecay?: number }>) =>
  links(decay(o.weightDecay), scaleByRss(o), scaleByLearningRate(o.lr));

/** RMSProp (Tieleman & Hinton 2012), optionally centered and with momentum. */
export const rmsprop = (
  o: Readonly<{ lr: LearningRate; decay?: number; eps?: number; centered?: boolean; momentum?: number; weightDecay?: number }>,
) => links(decay(o.weightDecay), scaleByRms(o), o.momentum ? trace({ decay: o.momentum }) : null, scaleByLearningRate(o.lr));

/** Adam (Kingma & Ba 2015); `weightDecay` here is coupled L2, as in PyTorch's Adam. */
export const adam = (o: Readonly<{ lr: LearningRate; b1?: number; b2?: number; eps?: number; weightDecay?: number }>) =>
  links(decay(o.weightDecay), scaleByAdam(o), scaleByLearningRate(o.lr));

/** AdamW: Adam with decoupled weight decay (Loshchilov & Hutter 2019, Algorithm 2). */
export const adamw = (o: Readonly<{ lr: LearningRate; b1?: number; b2?: number; eps?: number; weightDecay?: number }>) =>
  links(scaleByAdam(o), addDecayedWeights(o.weightDecay ?? 1e-2), scaleByLearningRate(o.lr));

/** Lion (Chen et al. 2023): sign of an interpolated momentum, decoupled weight decay. Use a 3–10× smaller lr than AdamW. */
export const lion = (o: Readonly<{ lr: LearningRate; b1?: number; b2?: number; weightDecay?: number }>) =>
  links(scaleByLion(o), decay(o.weightDecay), scaleByLearningRate(o.lr));

/** AdaBelief (Zhuang et al. 2020), with optional decoupled weight decay. */
export const adabelief = (o: Readonly<{ lr: LearningRate; b1?: number; b2?: number; eps?: number; weightDecay?: number }>) =>
  links(scaleByBelief(o), decay(o.weightDecay), scaleByLearningRate(o.lr));

/** The named optimizers, as an explicit registry. */
export const optimizers = { sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw, lion, adabelief } as const;
/** Name of a built-in optimizer: a key of {@link optimizers}. */
export type OptimizerName = keyof typeof optimizers;
