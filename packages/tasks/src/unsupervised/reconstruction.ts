/**
 * Unsupervised tasks: inputs only, scored by how well a model reconstructs them (an autoencoder,
 * Hinton & Salakhutdinov 2006), or the clean input from a corrupted one (a denoising
 * autoencoder, Vincent et al. 2008).
 *
 * An unsupervised task is a supervised task whose target is its own clean input, flattened:
 * `problem: 'regression'`, `outputSize` = the number of input values, loss `mse` or
 * `binary-cross-entropy` (Bernoulli cross-entropy on pixels in [0, 1], from logits), headline
 * metric `mse` (per value; on the sigmoid of the logits under cross-entropy). So every trainer
 * that fits a supervised task — backprop, evolution, NEAT, memetic, PBT, transfer — fits an
 * autoencoder with no code of its own. What marks the task as unsupervised is its
 * `unsupervised` field: the objective, the noise, and the labels that only a probe may read.
 */
import type { LossId, Split } from '@evoprop/core';
import { type Rng, Tensor } from '@evoprop/tensor';
import { z } from 'zod';
import type { SupervisedBuild } from '../supervised/task.js';

/** How inputs are corrupted before a denoising autoencoder sees them (targets stay clean). */
export type NoiseKind = 'none' | 'mask' | 'gaussian';

/** The option keys every reconstruction task shares: its loss and the corruption of its inputs. */
export const reconstructionOptionShape = {
  /** 'mse' (default) or 'binary-cross-entropy' (Bernoulli cross-entropy from logits; targets must lie in [0, 1]). */
  loss: z.enum(['mse', 'binary-cross-entropy']).default('mse'),
  /** 'none' (default: plain autoencoding), 'mask' (each input value zeroed with probability `noiseLevel`) or 'gaussian' (N(0, noiseLevel²) added). */
  noise: z.enum(['none', 'mask', 'gaussian']).default('none'),
  /** Masking probability in [0, 1) or Gaussian standard deviation. Default 0.3. */
  noiseLevel: z.number().min(0).max(10).default(0.3).meta({ unit: 'pixel intensity' }),
};

/** Labels kept beside an unsupervised task for probes (a linear classifier on the learned code); never a trainer's target. */
export type ProbeLabels = Readonly<{
  /** Class index of each training sample, [n]. */
  train: Tensor;
  /** Class index of each validation sample, [n]. */
  validation: Tensor;
  /** Class index of each test sample, [n]. */
  test: Tensor;
  /** Number of classes. */
  classes: number;
}>;

/** What marks a built task as unsupervised: see {@link isUnsupervisedTask}. */
export type UnsupervisedInfo = Readonly<{
  /** 'autoencoding': the target is the input; 'denoising': the input is corrupted, the target clean. */
  objective: 'autoencoding' | 'denoising';
  /** The corruption of the inputs (`'none'` when autoencoding). */
  noise: NoiseKind;
  /** Masking probability or Gaussian standard deviation (0 without noise). */
  noiseLevel: number;
  /** Shape of one input as an image, `[channels, height, width]`, where the inputs are images (for showing reconstructions). */
  imageShape?: readonly number[];
  /** Labels for linear probes, where the data has them. */
  labels?: ProbeLabels;
}>;

/** Clean inputs of one split and their probe labels, before corruption. */
export type CleanSplit = Readonly<{
  /** Inputs `[n, ...inputShape]`. */
  x: Tensor;
  /** Class index per sample `[n]`, for probes; absent where the data has no labels. */
  labels?: Tensor;
}>;

const prod = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/**
 * `x` corrupted by `noise`, seeded: 'mask' zeroes each value with probability `level` (the
 * masking noise of Vincent et al. 2008, §3.3), 'gaussian' adds N(0, level²), clipped to
 * `clip` when given (pixels stay in [0, 1]). 'none' returns `x` itself.
 */
export function corrupt(x: Tensor, noise: NoiseKind, level: number, rng: Rng, clip?: readonly [number, number]): Tensor {
  if (noise === 'none') return x;
  const out = new Float32Array(x.data);
  if (noise === 'mask') {
    for (let i = 0; i < out.length; i++) if (rng.uniform() < level) out[i] = 0;
  } else {
    for (let i = 0; i < out.length; i++) {
      const v = (out[i] as number) + rng.normal(0, level);
      out[i] = clip === undefined ? v : Math.min(clip[1], Math.max(clip[0], v));
    }
  }
  return new Tensor(out, x.shape);
}

/** Everything {@link reconstructionTask} needs. */
export type ReconstructionBuild = Readonly<{
  /** Registry id. */
  id: string;
  /** The seed the task is built from. */
  seed: number;
  /** One line saying what the task is. */
  description: string;
  /** Per-sample input shape; targets are its product of values, flat. */
  inputShape: readonly number[];
  /** The clean inputs (and probe labels) of each split. */
  splits: Readonly<{
    /** What a trainer fits. */
    train: CleanSplit;
    /** Held out for model selection. */
    validation: CleanSplit;
    /** Held out for the final report. */
    test: CleanSplit;
  }>;
  /** `'mse'` or `'binary-cross-entropy'` (targets in [0, 1]). */
  loss: LossId;
  /** How the inputs are corrupted. */
  noise: NoiseKind;
  /** Masking probability or Gaussian standard deviation. */
  noiseLevel: number;
  /** Forked per split for the noise. */
  rng: Rng;
  /** Range corrupted values are clipped to. */
  clip?: readonly [number, number];
  /** Shape of one input as an image, for showing reconstructions. */
  imageShape?: readonly number[];
  /** Number of classes of the probe labels, where the splits carry labels. */
  classes?: number;
  /** Headline mse at which the task counts as solved. */
  solvedAt?: number;
}>;

/** An unsupervised task as {@link reconstructionTask} builds it. */
export type ReconstructionTaskBuild = SupervisedBuild &
  Readonly<{
    /** The objective, the noise and the probe labels. */
    unsupervised: UnsupervisedInfo;
  }>;

/** A task known to be unsupervised (see {@link isUnsupervisedTask}). */
export type WithUnsupervised = Readonly<{
  /** The objective, the noise and the probe labels. */
  unsupervised: UnsupervisedInfo;
}>;

/**
 * A reconstruction task from clean splits: targets are the clean inputs flattened to
 * `[n, prod(inputShape)]` (sharing their buffer: no copy), inputs are the clean ones or, with
 * noise, a seeded corruption of them (one stream per split, so a split's noise does not
 * depend on the others' sizes).
 */
export function reconstructionTask(c: ReconstructionBuild): ReconstructionTaskBuild {
  const size = prod(c.inputShape);
  const split = (name: 'train' | 'validation' | 'test'): Split => {
    const clean = c.splits[name].x;
    const n = clean.shape[0] ?? 0;
    return {
      x: corrupt(clean, c.noise, c.noiseLevel, c.rng.fork(`noise/${name}`), c.clip),
      y: new Tensor(clean.data, [n, size]),
    };
  };
  const { train, validation, test } = c.splits;
  const labels =
    c.classes !== undefined && train.labels !== undefined && validation.labels !== undefined && test.labels !== undefined
      ? { train: train.labels, validation: validation.labels, test: test.labels, classes: c.classes }
      : undefined;
  return {
    kind: 'supervised',
    id: c.id,
    seed: c.seed,
    description: c.description,
    inputShape: c.inputShape,
    outputSize: size,
    problem: 'regression',
    loss: c.loss,
    metric: 'mse',
    train: split('train'),
    validation: split('validation'),
    test: split('test'),
    ...(c.solvedAt === undefined ? {} : { solvedAt: c.solvedAt }),
    unsupervised: {
      objective: c.noise === 'none' ? 'autoencoding' : 'denoising',
      noise: c.noise,
      noiseLevel: c.noise === 'none' ? 0 : c.noiseLevel,
      ...(c.imageShape === undefined ? {} : { imageShape: c.imageShape }),
      ...(labels === undefined ? {} : { labels }),
    },
  };
}

/**
 * True when `task` is unsupervised (built by a reconstruction task): its targets are its clean
 * inputs and `task.unsupervised` says how it was built.
 *
 * @example if (isUnsupervisedTask(task)) console.log(task.unsupervised.objective); // 'denoising'
 */
export function isUnsupervisedTask<T extends object>(task: T): task is T & WithUnsupervised {
  const u = (task as { unsupervised?: unknown }).unsupervised;
  return typeof u === 'object' && u !== null && 'objective' in u;
}
