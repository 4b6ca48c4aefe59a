/**
 * Fine-tuning schedules over a model's parameter layers.
 * - Discriminative learning rates and gradual (top-down) unfreezing: Howard & Ruder 2018,
 *   "Universal Language Model Fine-tuning for Text Classification" (ACL), §3.2 (η^{l−1} = η^l / 2.6)
 *   and §3.3 (unfreeze the last layer first, then one more layer per epoch).
 * - Warm-up: Goyal et al. 2017, "Accurate, large minibatch SGD", §2.2 (linear ramp of the rate).
 */
import type { Model } from '@evoprop/core';
import { warnDeprecatedKey } from '@evoprop/core/config';
import { TransferError } from './errors.js';
import { type ParamSelector, layerOf, paramLayers, selectParams } from './select.js';

/** A group of parameters with its own learning-rate multiplier. */
export type LayerGroup = Readonly<
  {
    /** The parameters of the group (globs, RegExps, layer indices, ...; see {@link ParamSelector}). */
    select: ParamSelector;
  } & (
    | {
        /** Multiplier of the learning rate for these parameters, finite and ≥ 0 (0 freezes them in effect). */
        learningRateScale: number;
      }
    | {
        /** @deprecated The old name of `learningRateScale` (still accepted, with a deprecation warning). */
        lrScale: number;
      }
  )
>;

/** Options of {@link learningRateScales}: discriminative learning rates (Howard & Ruder 2018, §3.2). */
export type DiscriminativeOptions = Readonly<{
  /** ULMFiT-style decay, ≥ 1: the layer `d` parameter layers below the top gets 1 / decay^d (2.6 in the paper). Default none. */
  layerDecay?: number;
  /** Explicit multipliers; later groups override earlier ones and `layerDecay`. */
  groups?: readonly LayerGroup[];
}>;

/**
 * One learning-rate multiplier per value of `params.vector` (1 everywhere by default). Multiply an
 * optimizer's updates by it: for Adam-like optimizers that is exactly a per-group learning rate.
 *
 * @example
 * learningRateScales(model, { layerDecay: 2.6 });                          // head 1, fc 1/2.6, conv2 1/2.6², ...
 * learningRateScales(model, { groups: [{ select: 'conv*', learningRateScale: 0.1 }] }); // conv layers at a tenth of the rate
 */
export function learningRateScales(model: Model, options: DiscriminativeOptions = {}): Float32Array {
  const scales = new Float32Array(model.params.size).fill(1);
  if (options.layerDecay !== undefined) {
    if (!(options.layerDecay >= 1))
      throw new TransferError('layerDecay', 'a number ≥ 1 (the divisor per layer down)', String(options.layerDecay));
    const layers = paramLayers(model);
    for (const e of model.params.entries) {
      const depth = layers.length - 1 - layers.indexOf(layerOf(e.name));
      scales.fill(options.layerDecay ** -depth, e.offset, e.offset + e.size);
    }
  }
  for (const [i, g] of (options.groups ?? []).entries()) {
    let k: number;
    if ('learningRateScale' in g) k = g.learningRateScale;
    else {
      k = g.lrScale;
      warnDeprecatedKey('learningRateScales', { path: ['groups', i, 'lrScale'], from: 'lrScale', to: 'learningRateScale' });
    }
    if (!(k >= 0) || !Number.isFinite(k)) throw new TransferError('layer group learningRateScale', 'a finite number ≥ 0', String(k));
    for (const name of selectParams(model, g.select)) {
      const e = model.params.entry(name);
      scales.fill(k, e.offset, e.offset + e.size);
    }
  }
  return scales;
}

/**
 * Gradual top-down unfreezing: the layers (with parameters) that may train at `stage` — the top
 * `stage + 1` of them. Stage k starts after k · `every` steps (or epochs).
 */
export function unfrozenLayers(model: Model, stage: number): string[] {
  const layers = paramLayers(model);
  return layers.slice(Math.max(0, layers.length - 1 - Math.max(0, Math.floor(stage))));
}

/** 1 where the value belongs to a layer unfrozen at `stage`, 0 elsewhere. */
export function unfreezingMask(model: Model, stage: number): Uint8Array {
  const open = new Set(unfrozenLayers(model, stage));
  const mask = new Uint8Array(model.params.size);
  for (const e of model.params.entries) if (open.has(layerOf(e.name))) mask.fill(1, e.offset, e.offset + e.size);
  return mask;
}

/** Linear warm-up factor of gradient step `step` (0-based): (step + 1) / warmupSteps, then 1. */
export const warmupFactor = (step: number, warmupSteps: number): number => (warmupSteps <= 0 ? 1 : Math.min(1, (step + 1) / warmupSteps));
